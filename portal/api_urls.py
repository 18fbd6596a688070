"""The partners' API: one OpenAPI schema (drf-spectacular) for the simulator and the agencies'
notification publishing."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("simulateur/", include("simulator.api_urls")),
    path("notifications/", include("alerts.api_urls")),
]
