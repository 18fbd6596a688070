from django.urls import path

from rights import views

app_name = "rights"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("versements/", views.payments, name="payments"),
    path("recapitulatif.pdf", views.summary_pdf, name="summary_pdf"),
    path("aide-pres-de-chez-moi/", views.help_nearby, name="help_nearby"),
    path("signaler/<slug:dataset>/", views.report_new, name="report_new"),
    path("signalements/", views.reports, name="reports"),
    path("signalements/<int:report_id>/", views.report, name="report"),
    path("indus/<int:overpayment_id>/", views.overpayment, name="overpayment"),
    path("domaine/<slug:domain>/", views.domain, name="domain"),
]
