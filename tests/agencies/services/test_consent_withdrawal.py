"""Withdrawing a consent removes, at once, everything the portal derived from that source: the
rights built from it, the simulator's answers pre-filled from it and the results and potential
rights computed from them, and the alerts resting on those rights."""

import pytest
from django.urls import reverse

from agencies.models import AgencyData, Consent
from agencies.services.consent import consent_revoke
from agencies.services.fetch import fetch_run_execute, fetch_run_start
from alerts.models import Delivery, Notification, Preference
from alerts.rules import Alert
from alerts.services.notify import notification_create
from alerts.services.rules import rules_run
from rights.models import Right
from rights.services import rights_rebuild_for_user
from simulator.models import Simulation
from simulator.services import simulation_prefill_and_compute

pytestmark = pytest.mark.django_db
SOLIDARITE, SANTE = "/mes-droits/domaine/solidarite/", "/mes-droits/domaine/sante/"

AAH_ALERT = Alert(
    user_id=0, kind="payment-missing", dedup_key="payment-missing:aah:2026-11", category="paiement",
    title="Pas de versement de l'AAH en novembre", body="…", organism="caf", action_url="",
)  # fmt: skip


@pytest.fixture
def joelle(citizen_of, agencies):
    """Persona 6 as after her first login: AAH (CAF) and C2S (Assurance Maladie) fetched from the
    sandbox, rights built, simulation pre-filled and computed (its potential rights handed over),
    alert rules run with e-mail wanted, and an alert about a missing AAH payment."""
    user = citizen_of("caractères_spéciaux", consents=("caf", "cpam"))
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)
    rights_rebuild_for_user(user=user)
    simulation_prefill_and_compute(user_id=user.pk)
    for category in ("renouvellement", "nouveau_droit", "paiement", "declaration"):
        Preference.objects.create(user=user, category=category, email=True)
    rules_run(user_id=user.pk)
    notification_create(alert=AAH_ALERT.__class__(**{**AAH_ALERT.__dict__, "user_id": user.pk}))
    return user


def test_withdrawing_caf_removes_aah_and_all_that_rests_on_caf_data_before_the_next_page(joelle, logged_in):
    client = logged_in(joelle)
    assert Right.objects.filter(user=joelle, key="aah", status="open").exists()
    assert Right.objects.filter(user=joelle, status="potential").exists()
    assert Notification.objects.filter(user=joelle, dedup_key="payment-missing:aah:2026-11").exists()
    assert 'data-testid="right-aah"' in client.get(SOLIDARITE).content.decode()

    response = client.post(reverse("agencies:revoke", args=["caf"]))

    assert response.status_code == 302
    assert 'data-testid="right-aah"' not in client.get(SOLIDARITE).content.decode()
    assert 'data-testid="right-css_participation"' in client.get(SANTE).content.decode()
    assert not Consent.objects.get(user=joelle, source="caf").is_active
    assert set(AgencyData.objects.filter(user=joelle).values_list("source", flat=True)) == {"cpam"}
    # Rights: the AAH went; the potential rights came from a simulation fed with CAF data and went
    # too; the C2S, from the Assurance Maladie, stays, without the simulator's estimate.
    assert list(Right.objects.filter(user=joelle).values_list("key", "status", "amount_is_estimate")) == [
        ("css_participation", "open", False)
    ]
    # Simulator: only FranceConnect's and the Assurance Maladie's pre-fill is left; no stored result.
    simulation = Simulation.objects.get(user=joelle)
    assert {origin["source"] for origin in simulation.sources.values()} == {
        "FranceConnect",
        "Assurance Maladie",
    }
    assert simulation.sources.keys() >= {"profil.birth_date", "revenus.received_css_participation"}
    assert "received_aah" not in simulation.answers["revenus"]
    assert "disability_rate" not in simulation.answers["profil"]
    assert simulation.answers["foyer"] == {}
    assert "family_organism" not in simulation.answers["_meta"]
    assert (simulation.result, simulation.result_key, simulation.computed_at) == (None, "", None)
    # Alerts: those about the AAH and the potential rights went, with their pending e-mails.
    assert not Notification.objects.filter(user=joelle).exists()
    assert not Delivery.objects.filter(notification__user=joelle).exists()


def test_answers_the_person_typed_stay_when_pre_filled_ones_go(joelle):
    simulation = Simulation.objects.get(user=joelle)
    simulation.answers["logement"]["rent"] = "700"  # typed: no pre-fill source
    del simulation.sources["foyer.couple"]  # changed by the person: theirs now
    simulation.save()

    consent_revoke(user=joelle, source="caf")

    simulation.refresh_from_db()
    assert simulation.answers["logement"] == {"rent": "700"}
    assert simulation.answers["foyer"] == {"couple": "seul"}


def test_withdrawing_a_source_nothing_was_drawn_from_keeps_the_simulation_and_alerts(joelle):
    rights = set(Right.objects.filter(user=joelle).values_list("key", "status"))
    notifications = set(Notification.objects.filter(user=joelle).values_list("dedup_key", flat=True))

    consent_revoke(user=joelle, source="dgfip")

    simulation = Simulation.objects.get(user=joelle)
    assert simulation.result is not None
    assert "revenus.received_aah" in simulation.sources
    assert set(Right.objects.filter(user=joelle).values_list("key", "status")) == rights
    assert set(Notification.objects.filter(user=joelle).values_list("dedup_key", flat=True)) == notifications


def test_a_failing_receiver_leaves_the_consent_and_data_in_place(joelle, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("alerts.services.withdrawal.notifications_forget_unsupported", broken)

    with pytest.raises(RuntimeError):
        consent_revoke(user=joelle, source="caf")

    assert Consent.objects.get(user=joelle, source="caf").is_active
    assert AgencyData.objects.filter(user=joelle, source="caf").exists()
    assert Right.objects.filter(user=joelle, key="aah").exists()
