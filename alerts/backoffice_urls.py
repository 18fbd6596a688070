from django.urls import path  # noqa: F401 — filled by the agencies' publishing back-office

app_name = "publications"
urlpatterns: list = []
