from django.urls import include, path

from accounts import views

urlpatterns = [
    path("", include("accounts.franceconnect.urls")),
    path("mon-compte/", views.account, name="account"),
    path("agents/compte/", include("accounts.agents.urls")),
]
