"""The organisms' back-office for the right to error: each agent sees only their organism's items."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from agencies.models import AgencyData, JournalEntry
from rights.models import ErrorReport, Overpayment
from rights.right_to_error import error_report_create, overpayment_create
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


def test_the_agents_lists_name_the_benefit_and_dates_in_french(client, claire, report, bob):
    ErrorReport.objects.filter(pk=report.pk).update(
        created_at=timezone.make_aware(dt.datetime(2026, 11, 11, 9, 0))
    )
    overpayment_create(
        user=bob, organism="caf", benefit_key="rsa", amount=Decimal("120.50"), reason="Ressources non déclarées.",
        period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 5, 31), notified_on=dt.date(2026, 10, 1),
        repayment="direct", created_by=claire,
    )  # fmt: skip
    agent_login(client, claire)

    response = client.get("/agents/droits/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "120,50 € (Revenu de solidarité active), notifié le 1er octobre 2026" in html
    assert "11 novembre 2026" in html
    assert "(rsa)" not in html
    assert "2026-10-01" not in html
    assert "01/10/2026" not in html


def test_the_report_page_gives_the_birth_date_in_words(client, claire, report):
    agent_login(client, claire)

    response = client.get(f"/agents/droits/signalements/{report.pk}/")

    html = response.content.decode()
    birthdate = report.user.identity.birthdate  # ISO, as FranceConnect gives it
    assert response.status_code == 200
    assert birthdate not in html
    assert f"né(e) le {date_format(report.user.identity.birth_date, 'j F Y')}" in html


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


OVERPAYMENT_URL = "/agents/droits/indus/nouveau/"
INDU = {"benefit_key": "rsa", "amount": "120.50", "reason": "Ressources non déclarées.",
        "period_start": "2026-03-01", "period_end": "2026-05-31", "notified_on": "2026-10-01",
        "repayment": "direct"}  # fmt: skip
ANGELA = {"family_name": "dubois", "given_name": "angela  Claire Louise", "birthdate": "1962-08-24"}


@pytest.fixture
def angela_homonym(citizen_of, agency_row, report):
    """Another CAF member with exactly Angela's identity, born elsewhere."""
    from accounts.services import citizen_login_from_franceconnect
    from tests.personas import identity_claims

    claims = {**identity_claims("test"), "sub": "homonyme-angela-dubois", "birthplace": "13055"}
    homonym = citizen_login_from_franceconnect(claims=claims)
    agency_row(homonym, "revenu_solidarite_active", {"est_beneficiaire": True})
    return homonym


def confirm(client, page) -> object:
    """Post the confirmation page's own form, as the agent's "Confirmer" button does."""
    import re

    html = page.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    return client.post(OVERPAYMENT_URL, {**fields, "action": "confirm"})


def test_the_caf_agent_sees_who_was_matched_then_records_the_overpayment_on_confirm(client, claire, report):
    agent_login(client, claire)

    page = client.post(OVERPAYMENT_URL, {**ANGELA, **INDU})

    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Vérifier la personne avant d'enregistrer l'indu</h1>" in html
    assert '<dd data-testid="member-family-name">DUBOIS</dd>' in html
    assert '<dd data-testid="member-given-name">Angela Claire Louise</dd>' in html
    assert '<dd data-testid="member-birthdate">24 août 1962</dd>' in html
    assert not Overpayment.objects.exists()  # nothing saved before the agent confirms

    response = confirm(client, page)

    assert response.status_code == 302
    assert response["Location"] == "/agents/droits/"
    overpayment = Overpayment.objects.get()
    assert (overpayment.user, overpayment.organism, overpayment.created_by) == (report.user, "caf", claire)
    assert (overpayment.amount, overpayment.recourse_deadline) == (Decimal("120.50"), dt.date(2026, 12, 1))


def test_correcting_from_the_confirmation_goes_back_to_the_form_unsaved(client, claire, report):
    agent_login(client, claire)
    page = client.post(OVERPAYMENT_URL, {**ANGELA, **INDU})

    response = client.post(OVERPAYMENT_URL, {**ANGELA, **INDU, "action": "edit"})

    assert response.status_code == 200
    assert 'value="120.50"' in response.content.decode()
    assert "Confirmer et enregistrer" in page.content.decode()
    assert not Overpayment.objects.exists()


def test_a_one_letter_given_name_no_longer_matches_anyone(client, claire, report):
    agent_login(client, claire)

    response = client.post(OVERPAYMENT_URL, {**ANGELA, "given_name": "A", **INDU})

    assert response.status_code == 400
    assert (
        "Aucune personne connue de votre organisme ne correspond à cette identité."
        in response.content.decode()
    )
    assert not Overpayment.objects.exists()


def test_only_the_first_given_name_no_longer_matches(client, claire, report):
    agent_login(client, claire)

    response = client.post(OVERPAYMENT_URL, {**ANGELA, "given_name": "Angela", **INDU})

    assert response.status_code == 400
    assert "Aucune personne connue" in response.content.decode()
    assert not Overpayment.objects.exists()


def test_two_homonyms_are_refused_until_the_birthplace_tells_them_apart(
    client, claire, report, angela_homonym
):
    agent_login(client, claire)

    response = client.post(OVERPAYMENT_URL, {**ANGELA, **INDU})

    assert response.status_code == 400
    assert "Plusieurs personnes connues de votre organisme ont ces nom, prénoms et date de naissance" in (
        response.content.decode()
    )
    assert not Overpayment.objects.exists()

    page = client.post(OVERPAYMENT_URL, {**ANGELA, "birthplace": "13055", **INDU})
    assert page.status_code == 200
    assert confirm(client, page).status_code == 302
    assert Overpayment.objects.get().user == angela_homonym


def test_a_confirmation_for_another_person_is_not_saved(client, claire, report, angela_homonym):
    agent_login(client, claire)
    page = client.post(OVERPAYMENT_URL, {**ANGELA, "birthplace": "75107", **INDU})
    forged = page.content.decode().replace('value="75107"', 'value="13055"')

    response = confirm(client, type("Page", (), {"content": forged.encode()})())

    assert response.status_code == 200  # shown again, for the person the identity now designates
    assert "Vérifier la personne" in response.content.decode()
    assert not Overpayment.objects.exists()


def test_an_agent_cannot_record_one_for_a_stranger(client, sofia, report):
    agent_login(client, sofia)
    data = {"family_name": "DUBOIS", "given_name": "Angela Claire Louise", "birthdate": "1962-08-24",
            "benefit_key": "ass", "amount": "10", "reason": "x", "period_start": "2026-03-01",
            "period_end": "2026-05-31", "notified_on": "2026-10-01", "repayment": "direct"}  # fmt: skip
    response = client.post(OVERPAYMENT_URL, data)
    assert response.status_code == 400
    assert "Aucune personne connue" in response.content.decode()
    assert not Overpayment.objects.exists()
