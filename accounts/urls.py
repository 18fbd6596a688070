from django.urls import include, path

from accounts import views

urlpatterns = [
    path("", include("accounts.franceconnect.urls")),
    path("mon-compte/", views.account, name="account"),
    path(
        "mon-compte/appareils/deconnecter/", views.other_devices_logout, name="account_other_devices_logout"
    ),
    path("agents/compte/", include("accounts.agents.urls")),
]
