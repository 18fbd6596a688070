"""Mon compte: download everything held about me (JSON, PDF), delete my account after a confirmation."""

import json
import subprocess

import pytest

from accounts.models import User
from agencies.models import JournalEntry
from privacy.exporters import EXPORTERS

pytestmark = pytest.mark.django_db


def test_the_account_page_offers_the_downloads_and_the_deletion(joelle, logged_in):
    response = logged_in(joelle).get("/mon-compte/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "DUBINÔRE" in html
    assert 'href="/mon-compte/mes-donnees.json"' in html
    assert 'href="/mon-compte/mes-donnees.pdf"' in html
    assert 'href="/mon-compte/supprimer/"' in html


def test_the_json_download_is_everything_about_me_and_is_journaled(joelle, logged_in):
    response = logged_in(joelle).get("/mon-compte/mes-donnees.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees-mes-droits.json"'
    data = json.loads(response.content)
    assert list(data["sections"]) == [exporter.key for exporter in EXPORTERS]
    assert data["sections"]["droits"]["rows"][0]["key"] == "aah"
    assert set(
        JournalEntry.objects.filter(person_id=joelle.pk, endpoint="export de mes données (JSON)").values_list(
            "source", "outcome"
        )
    ) == {("caf", "displayed"), ("cpam", "displayed")}


def test_the_pdf_download_is_readable(joelle, logged_in, tmp_path):
    response = logged_in(joelle).get("/mon-compte/mes-donnees.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "export.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Mes données personnelles détenues" in text
    assert "Reçu le" in text  # fields named in French
    assert "DUBINÔRE" in text
    assert "Le journal des accès à vos données" in text


def test_the_confirmation_page_says_what_is_deleted_and_what_is_kept(joelle, logged_in, settings):
    settings.AGENCIES_JOURNAL_RETENTION_DAYS = 400

    response = logged_in(joelle).get("/mon-compte/supprimer/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ce qui est supprimé" in html
    assert "Ce qui est conservé, et pourquoi" in html
    assert "conservé 400 jours après chaque accès" in html
    assert User.objects.filter(pk=joelle.pk).exists()


def test_deleting_without_ticking_the_box_deletes_nothing(joelle, logged_in):
    response = logged_in(joelle).post("/mon-compte/supprimer/", {})

    assert response.status_code == 400
    assert "Cochez la case pour confirmer la suppression de votre compte." in response.content.decode()
    assert User.objects.filter(pk=joelle.pk).exists()


def test_deleting_erases_the_account_logs_out_and_confirms(joelle, logged_in):
    client = logged_in(joelle)

    response = client.post("/mon-compte/supprimer/", {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/mon-compte/supprime/"
    assert not User.objects.filter(pk=joelle.pk).exists()
    assert JournalEntry.objects.filter(person_id=None, actor="citizen").exists()
    page = client.get("/mon-compte/supprime/")
    assert page.status_code == 200
    assert "Votre compte a été supprimé" in page.content.decode()
    assert "Se connecter" in page.content.decode()
    assert client.get("/mon-compte/").status_code == 302


@pytest.mark.parametrize("path", ["/mon-compte/", "/mon-compte/mes-donnees.json", "/mon-compte/supprimer/"])
def test_it_needs_a_logged_in_citizen(client, agent, path):
    assert client.get(path).status_code == 302
    client.force_login(agent)
    assert client.get(path).status_code == 403
    assert User.objects.filter(pk=agent.pk).exists()
