from django.urls import path  # noqa: F401 — filled by the rights app's screens

app_name = "rights"
urlpatterns: list = []
