from django.urls import path

from simulator.views import commune, questionnaire, results, scenarios, situation

app_name = "simulator"
urlpatterns = [
    path("", questionnaire.start, name="start"),
    path("etape/<slug:key>/", questionnaire.step, name="step"),
    path("recapitulatif/", questionnaire.recap, name="recap"),
    path("recommencer/", questionnaire.restart, name="restart"),
    path("lien/", questionnaire.resume_link, name="resume_link"),
    path("reprendre/<str:token>/", questionnaire.resume, name="resume"),
    path("resultats/", results.results, name="results"),
    path("resultats/synthese.pdf", results.results_download, name="results_pdf"),
    path("resultats/envoyer/", results.results_email, name="results_email"),
    path("resultats/signaler/", results.error_report, name="error_report"),
    path("resultats/montant-inattendu/<slug:key>/", results.unexpected_amount, name="unexpected_amount"),
    path("changement/", scenarios.change, name="change"),
    path("changement/etat/<slug:key>/", scenarios.change_status, name="change_status"),
    path("communes/", scenarios.communes, name="communes"),
    path("ma-commune/", commune.commune, name="commune"),
    path("ma-situation/<slug:key>/", situation.situation, name="situation"),
]
