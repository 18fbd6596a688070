from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("mes-donnees.json", views.export_json, name="export_json"),
    path("mes-donnees.pdf", views.export_pdf, name="export_pdf"),
    path("supprimer/", views.delete, name="delete"),
    path("supprime/", views.deleted, name="deleted"),
]
