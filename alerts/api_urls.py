from django.urls import path  # noqa: F401 — filled by the alerts app's API

urlpatterns: list = []
