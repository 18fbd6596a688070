from django.urls import path

from agencies import views

app_name = "agencies"
urlpatterns = [
    path("connexion/", views.after_login, name="after_login"),
    path("accord/", views.consent, name="consent"),
    path("recuperation/<int:run_id>/", views.progress, name="progress"),
    path("recuperation/<int:run_id>/etat.json", views.progress_json, name="progress_json"),
    path("", views.data, name="data"),
    path("mettre-a-jour/", views.refresh, name="refresh"),
    path("retirer/<slug:source>/", views.revoke, name="revoke"),
    path("historique/", views.history, name="history"),
]
