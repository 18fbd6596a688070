from django.urls import path

from stats import views

app_name = "stats"
urlpatterns = [
    path("", views.stats, name="stats"),
    path("demarche/<slug:key>/", views.procedure, name="procedure"),
]
