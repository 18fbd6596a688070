"""After the results: PDF, e-mail recap with a resume link, resume, error report, change of situation."""

import shutil
import subprocess

import pytest
from django.core import mail
from django.core.management import call_command

from simulator.models import ErrorReport, Simulation
from simulator.whatif import whatif_compute
from tests.simulator.conftest import melissandre_answers
from tests.simulator.web.helpers import answer_all

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_the_pdf_renders_a_page_that_is_not_blank(hugo_results, tmp_path):
    response = hugo_results.get("/simulateur/resultats/synthese.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "synthese.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", pdf, tmp_path / "page"], check=True)
    png = next(tmp_path.glob("page*.png"))
    from PIL import Image

    histogram = Image.open(png).convert("L").histogram()
    assert sum(histogram[:128]) > 500  # dark pixels: text was drawn


def test_the_recap_is_sent_by_email_with_a_resume_link(hugo_results):
    response = hugo_results.post("/simulateur/resultats/envoyer/", {"email": "hugo@example.org"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["hugo@example.org"]
    assert "Aide" in message.body
    assert "(estimation)" not in message.subject
    simulation = Simulation.objects.get()
    assert f"/simulateur/reprendre/{simulation.token}/" in message.body
    assert simulation.user is None
    assert simulation.expires_at is not None


def test_a_bad_email_address_is_refused(hugo_results):
    response = hugo_results.post("/simulateur/resultats/envoyer/", {"email": "pas-une-adresse"})
    assert response.status_code == 400
    assert "Cette adresse électronique n&#x27;est pas valide." in response.content.decode()
    assert mail.outbox == []
    assert not Simulation.objects.exists()


def test_a_resume_link_brings_the_answers_back_in_another_browser(hugo_results):
    from django.test import Client

    response = hugo_results.post("/simulateur/lien/")
    simulation = Simulation.objects.get()
    assert simulation.token in response.content.decode()
    other = Client()
    assert other.get(f"/simulateur/reprendre/{simulation.token}/")["Location"] == "/simulateur/resultats/"
    assert other.session["simulator"]["answers"]["logement"]["depcom"] == "75119"
    assert other.get("/simulateur/reprendre/not-a-token/").status_code == 404


def test_an_error_report_is_stored_anonymised_and_exported_as_a_test_case(hugo_results, tmp_path):
    response = hugo_results.post(
        "/simulateur/resultats/signaler/",
        {"benefit_key": "aide_logement", "expected_amount": "350", "comment": "CAF: 350"},
    )
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    person = report.situation["persons"][0]
    assert person["id"] == "demandeur1"
    assert person["birth_date"] == "1990-12-01"
    output = tmp_path / "case.yaml"
    call_command("simulator_export_case", report.pk, "--output", str(output))
    import yaml

    (case,) = yaml.safe_load(output.read_text())
    assert case["expected"] == {"aide_logement": {"period": report.situation["month"], "value": 350.0}}
    from simulator.engine import Situation

    Situation.model_validate(case["situation"])  # the case is a valid portal situation


def what_if(client, data: dict):
    """Ask for a what-if, let the worker's service compute it here, and show the page."""
    response = client.post("/simulateur/changement/", data)
    if response.status_code != 302:
        return response
    whatif_compute(key=response["Location"].split("calcul=", 1)[1])
    return client.get(response["Location"])


def test_a_change_of_situation_compares_baseline_and_scenario(hugo_results):
    response = what_if(hugo_results, {"kind": "emploi", "amount": "1500"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nouvel emploi ou changement de salaire : ce qui changerait" in page
    assert "Prime d&#x27;activité" in page
    assert "<svg" in page
    assert "Situation actuelle" in page
    assert "Après le changement" in page
    assert 'value="1500"' in page  # the form as it was posted, beside its result


def test_a_change_needs_its_parameters(hugo_results):
    response = hugo_results.post("/simulateur/changement/", {"kind": "retraite"})
    assert response.status_code == 400
    assert "Indiquez le montant de la retraite nette." in response.content.decode()
    response = hugo_results.post("/simulateur/changement/", {"kind": "separation"})
    assert "Votre situation ne compte pas de conjoint·e." in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("naissance", {}),
        ("perte_emploi", {}),
        ("demenagement", {"commune_query": "35000", "housing": "locataire_prive", "rent": "600"}),
        ("couple", {"birth_date": "1980-01-01", "amount": "1400"}),
        ("depart_enfant", {}),
        ("handicap", {"disability_rate": "80"}),
    ],
)
def test_every_change_of_situation_computes(client, kind, params):
    answer_all(client, melissandre_answers())
    client.post("/simulateur/recapitulatif/")
    response = what_if(client, {"kind": kind, **params})
    assert response.status_code == 200, [
        line for line in response.content.decode().splitlines() if "error" in line
    ]
    assert "ce qui changerait" in response.content.decode()


def test_the_results_page_names_the_month_in_french_words(melissandre_results):
    response = melissandre_results.get("/simulateur/resultats/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Montants estimés pour décembre 2026" in html
    assert "2026-12" not in html


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_names_the_month_in_french_words(melissandre_results, tmp_path):
    response = melissandre_results.get("/simulateur/resultats/synthese.pdf")

    assert response.status_code == 200
    pdf = tmp_path / "synthese.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout
    assert "pour décembre 2026" in text
    assert "2026-12" not in text


def test_the_pdf_without_a_simulation_says_why_and_where_to_start(client):
    response = client.get("/simulateur/resultats/synthese.pdf")

    html = response.content.decode()
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Pas encore de synthèse à télécharger" in html
    assert "vous n'avez pas encore de résultats" in html
    assert 'href="/simulateur/"' in html
    assert "Commencer une simulation" in html


def test_the_pdf_before_the_results_points_back_to_the_answers_kept(client):
    answer_all(client, {"profil": melissandre_answers()["profil"]})

    response = client.get("/simulateur/resultats/synthese.pdf")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Vos réponses sont gardées" in html
    assert 'href="/simulateur/recapitulatif/"' in html
