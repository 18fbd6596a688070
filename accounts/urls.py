from django.urls import include, path

urlpatterns = [
    path("", include("accounts.franceconnect.urls")),
    path("agents/compte/", include("accounts.agents.urls")),
]
