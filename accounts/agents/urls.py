"""Agents' account pages, mounted at /agents/compte/: allauth's, minus what agents must not use."""

from django.urls import include, path

from accounts.agents import views

urlpatterns = [
    # These come first and shadow allauth's views of the same path.
    path("signup/", views.signup_closed, name="agent_signup_closed"),
    path("email/", views.feature_unavailable, name="agent_email_unavailable"),
    path("2fa/totp/activate/", views.totp_activate, name="agent_totp_activate"),
    path("", include("allauth.urls")),
]
