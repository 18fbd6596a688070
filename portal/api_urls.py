"""The partners' API: one OpenAPI schema (drf-spectacular) for the simulator and the agencies'
notification publishing."""

from django.urls import include, path

from portal.api_views import ApiDocsView, ApiSchemaView

urlpatterns = [
    path("schema/", ApiSchemaView.as_view(), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("simulateur/", include("simulator.api_urls")),
    path("notifications/", include("alerts.api_urls")),
]
