from django.urls import path

from simulator.api import views

urlpatterns = [
    path("simulation/", views.simulate, name="api-simulator-simulate"),
]
