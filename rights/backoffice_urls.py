"""The right to error in the agencies' back-office, mounted at /agents/droits/."""

from django.urls import path

from rights import backoffice_views as views

app_name = "rights_agents"
urlpatterns = [
    path("", views.home, name="home"),
    path("signalements/<int:report_id>/", views.report, name="report"),
    path("indus/nouveau/", views.overpayment_new, name="overpayment_new"),
]
