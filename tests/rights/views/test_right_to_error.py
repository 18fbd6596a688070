"""Reports of errors and overpayments, citizen side, including that nobody reaches another's items."""

import pytest
from django.utils.formats import date_format

from agencies.models import JournalEntry
from rights.demo import rights_demo_ensure
from rights.models import ErrorReport, OverpaymentRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(bob, agency_row):
    """bob's neighbour in these tests: a citizen with CAF data."""
    agency_row(bob, "revenu_solidarite_active", {"est_beneficiaire": True, "date_debut_droit": "2026-01-01"})
    return bob


def test_it_reports_an_error_routed_to_the_organism_and_journaled(alice, logged_in):
    client = logged_in(alice)
    page = client.get("/mes-droits/signaler/revenu_solidarite_active/")
    assert page.status_code == 200
    assert "Revenu de solidarité active (RSA)" in page.content.decode()
    response = client.post(
        "/mes-droits/signaler/revenu_solidarite_active/", {"message": "Mon droit date de mars."}
    )
    report = ErrorReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/mes-droits/signalements/{report.pk}/"
    assert (report.user, report.organism, report.dataset, report.status) == (
        alice,
        "caf",
        "revenu_solidarite_active",
        "sent",
    )
    assert JournalEntry.objects.filter(
        person_id=alice.pk, endpoint=f"signalement d'erreur n° {report.pk}"
    ).exists()
    detail = client.get(response["Location"]).content.decode()
    assert "Transmis à l&#x27;organisme" in detail
    assert "Mon droit date de mars." in detail
    assert (
        "Mon droit date de mars" not in client.get("/mes-droits/signalements/").content.decode()
    )  # list shows subjects
    assert "Revenu de solidarité active" in client.get("/mes-droits/signalements/").content.decode()


def test_the_report_form_says_it_goes_to_the_organism_with_its_article(alice, logged_in):
    response = logged_in(alice).get("/mes-droits/signaler/revenu_solidarite_active/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "votre signalement est transmis <strong>à la CAF</strong>" in html
    assert "transmis à <strong>CAF" not in html


def test_an_empty_report_is_refused(alice, logged_in):
    response = logged_in(alice).post("/mes-droits/signaler/revenu_solidarite_active/", {"message": ""})
    assert response.status_code == 200
    assert not ErrorReport.objects.exists()


def test_no_report_on_data_one_does_not_have(alice, citizen_of, logged_in):
    other = citizen_of("avec_nom_dusage")
    assert logged_in(other).get("/mes-droits/signaler/revenu_solidarite_active/").status_code == 404
    assert (
        logged_in(other).post("/mes-droits/signaler/revenu_solidarite_active/", {"message": "x"}).status_code
        == 404
    )
    assert not ErrorReport.objects.exists()


def test_idor_reports(alice, citizen_of, logged_in):
    from agencies.models import AgencyData
    from rights.right_to_error import error_report_create

    report = error_report_create(user=alice, data=AgencyData.objects.get(), subject="RSA", message="secret")
    other = logged_in(citizen_of("avec_nom_dusage"))
    response = other.get(f"/mes-droits/signalements/{report.pk}/")
    assert response.status_code == 404
    assert "secret" not in other.get("/mes-droits/signalements/").content.decode()


def test_overpayment_is_explained_and_a_payment_plan_requested(logged_in):
    overpayment = rights_demo_ensure()
    assert rights_demo_ensure() == overpayment  # idempotent
    client = logged_in(overpayment.user)
    html = client.get(f"/mes-droits/indus/{overpayment.pk}/").content.decode()
    for text in ("342,18 €", "Revenu de solidarité active", "Retenue sur vos prochains versements", "57,03 € par mois",
                 f"jusqu'au {date_format(overpayment.recourse_deadline, 'j F Y')}", "Le médiateur de la CAF",
                 "Contacter la CAF", "Échéancier de remboursement"):  # fmt: skip
        assert text in html, text
    response = client.post(f"/mes-droits/indus/{overpayment.pk}/",
                           {"kind": "payment_plan", "message": "Je peux payer 30 € par mois.", "monthly_amount": "30"})  # fmt: skip
    assert response.status_code == 302
    request = OverpaymentRequest.objects.get()
    assert (request.kind, request.monthly_amount, request.status) == ("payment_plan", 30, "sent")
    assert "Échéancier de remboursement demandée le" in client.get(response["Location"]).content.decode()


def test_idor_overpayment(bob, logged_in):
    overpayment = rights_demo_ensure()
    client = logged_in(bob)
    assert client.get(f"/mes-droits/indus/{overpayment.pk}/").status_code == 404
    assert (
        client.post(f"/mes-droits/indus/{overpayment.pk}/", {"kind": "remission", "message": "x"}).status_code
        == 404
    )
    assert not OverpaymentRequest.objects.exists()
