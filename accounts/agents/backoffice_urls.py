"""The agencies' back-office, mounted at /agents/."""

from django.urls import path

from accounts.agents import views

app_name = "agents"

urlpatterns = [
    path("", views.home, name="home"),
    path("invitations/", views.invitations, name="invitations"),
]
