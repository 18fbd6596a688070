"""The organisms' back-office for the right to error: each agent sees only their organism's items."""

import datetime as dt

import pytest

from agencies.models import AgencyData, JournalEntry
from rights.models import ErrorReport, Overpayment
from rights.right_to_error import error_report_create
from tests.accounts.agents.conftest import agent_create, agent_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def claire(db):
    return agent_create(first_name="Claire", email="claire@caf.example", agency="caf",
                        totp_secret="JBSWY3DPEHPK3PXPCLAIRECAFAGENT22")  # fmt: skip


@pytest.fixture
def sofia(db):
    return agent_create(first_name="Sofia", email="sofia@francetravail.example", agency="france_travail",
                        totp_secret="ONXW2ZJAMFRGGZDFSOFIAFTAGENT2345")  # fmt: skip


@pytest.fixture
def report(bob, agency_row):
    agency_row(bob, "revenu_solidarite_active", {"est_beneficiaire": True})
    return error_report_create(
        user=bob, data=AgencyData.objects.get(user=bob), subject="RSA", message="Erreur de date."
    )


def test_the_caf_agent_sees_and_answers_the_report(client, claire, report):
    agent_login(client, claire)
    home = client.get("/agents/droits/").content.decode()
    assert "Erreur de date" not in home
    assert f"/agents/droits/signalements/{report.pk}/" in home
    page = client.get(f"/agents/droits/signalements/{report.pk}/")
    assert page.status_code == 200
    assert "Erreur de date." in page.content.decode()
    assert JournalEntry.objects.filter(
        person_id=report.user_id, actor=f"agent:{claire.pk}", outcome="displayed"
    ).exists()
    response = client.post(
        f"/agents/droits/signalements/{report.pk}/", {"status": "corrected", "answer": "Date corrigée."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.answer, report.answered_by) == ("corrected", "Date corrigée.", claire)


def test_an_agent_of_another_organism_cannot_see_it(client, sofia, report):
    agent_login(client, sofia)
    assert f"/agents/droits/signalements/{report.pk}/" not in client.get("/agents/droits/").content.decode()
    assert client.get(f"/agents/droits/signalements/{report.pk}/").status_code == 404
    assert (
        client.post(
            f"/agents/droits/signalements/{report.pk}/", {"status": "rejected", "answer": "x"}
        ).status_code
        == 404
    )
    report.refresh_from_db()
    assert report.status == ErrorReport.Status.SENT


def test_a_citizen_cannot_enter(bob, logged_in, report):
    assert logged_in(bob).get(f"/agents/droits/signalements/{report.pk}/").status_code == 403


def test_the_caf_agent_records_an_overpayment_for_a_member(client, claire, report):
    agent_login(client, claire)
    data = {"family_name": "dubois", "given_name": "Angela", "birthdate": "1962-08-24", "benefit_key": "rsa",
            "amount": "120.50", "reason": "Ressources non déclarées.", "period_start": "2026-03-01",
            "period_end": "2026-05-31", "notified_on": "2026-10-01", "repayment": "direct"}  # fmt: skip
    response = client.post("/agents/droits/indus/nouveau/", data)
    assert response.status_code == 302
    overpayment = Overpayment.objects.get()
    assert (overpayment.user, overpayment.organism, overpayment.recourse_deadline) == (
        report.user,
        "caf",
        dt.date(2026, 12, 1),
    )


def test_an_agent_cannot_record_one_for_a_stranger(client, sofia, report):
    agent_login(client, sofia)
    data = {"family_name": "DUBOIS", "given_name": "Angela", "birthdate": "1962-08-24", "benefit_key": "ass",
            "amount": "10", "reason": "x", "period_start": "2026-03-01", "period_end": "2026-05-31",
            "notified_on": "2026-10-01", "repayment": "direct"}  # fmt: skip
    response = client.post("/agents/droits/indus/nouveau/", data)
    assert response.status_code == 200
    assert "Aucune personne connue" in response.content.decode()
    assert not Overpayment.objects.exists()
