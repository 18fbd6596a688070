from django.urls import path  # noqa: F401 — filled by the simulator app's API

urlpatterns: list = []
