"""Rights rebuilt from stored agency data, potential rights from the simulator, statuses over time."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from agencies.models import AgencyData, FetchRun
from agencies.signals import fetch_run_finished
from rights.models import Right
from rights.services import (
    PotentialRight,
    potential_rights_replace,
    rights_rebuild_for_user,
    rights_statuses_refresh,
)

pytestmark = pytest.mark.django_db


def test_it_builds_then_rebuilds_idempotently(bob, agency_row):
    agency_row(bob, "revenu_solidarite_active", {"est_beneficiaire": True, "date_debut_droit": "2025-09-01"})
    first = rights_rebuild_for_user(user=bob)
    second = rights_rebuild_for_user(user=bob)
    assert [(r.pk, r.key, r.status) for r in first] == [(r.pk, r.key, r.status) for r in second]
    right = Right.objects.get(user=bob)
    assert (right.key, right.domain, right.organism, right.source, right.dataset) == (
        "rsa",
        "solidarite",
        "caf",
        "caf",
        "revenu_solidarite_active",
    )
    assert right.next_declaration_due is not None


def test_a_right_no_longer_reported_is_closed(bob, agency_row):
    agency_row(bob, "prime_activite", {"est_beneficiaire": True, "date_debut_droit": "2026-01-01"})
    rights_rebuild_for_user(user=bob)
    agency_row(bob, "prime_activite", {"est_beneficiaire": False})
    rights_rebuild_for_user(user=bob, today=dt.date(2026, 11, 12))
    right = Right.objects.get(user=bob, key="ppa")
    assert (right.status, right.end_date, right.next_declaration_due) == (
        "closed",
        dt.date(2026, 11, 12),
        None,
    )


def test_a_right_whose_data_was_withdrawn_is_deleted(bob, agency_row):
    agency_row(bob, "allocation_adulte_handicape", {"est_beneficiaire": True})
    rights_rebuild_for_user(user=bob)
    AgencyData.objects.filter(user=bob).delete()
    assert rights_rebuild_for_user(user=bob) == []
    assert not Right.objects.filter(user=bob).exists()


def test_no_record_anywhere_builds_nothing(bob, agency_row):
    agency_row(bob, "quotient_familial", {}, status="not_found")
    agency_row(bob, "complementaire_sante_solidaire", {}, source="cpam", organism="cpam", status="not_found")
    assert rights_rebuild_for_user(user=bob) == []


def test_stale_data_keeps_its_rights_and_its_date(bob, agency_row):
    fetched = timezone.now() - dt.timedelta(days=9)
    agency_row(bob, "complementaire_sante_solidaire",
               {"est_beneficiaire": True, "avec_participation": True, "date_debut_droit": "2026-08-12"},
               source="cpam", organism="cpam", fetched_at=fetched, error="L'organisme ne répond pas.")  # fmt: skip
    [right] = rights_rebuild_for_user(user=bob)
    assert (right.key, right.fetched_at) == ("css_participation", fetched)


def test_potentials_are_stored_for_benefits_not_held(bob, agency_row):
    agency_row(
        bob, "quotient_familial", {"quotient_familial": {"fournisseur": "MSA"}, "enfants": []}, organism="msa"
    )
    agency_row(bob, "revenu_solidarite_active", {"est_beneficiaire": True, "date_debut_droit": "2026-01-01"},
               organism="msa")  # fmt: skip
    rights_rebuild_for_user(user=bob)
    potential_rights_replace(user=bob, potentials=[
        PotentialRight("rsa", Decimal("635.70"), "mensuelle", "/simulateur/resultats/1/"),
        PotentialRight("aide_logement", Decimal("230"), "mensuelle", "/simulateur/resultats/1/"),
        PotentialRight("cheque_energie", Decimal("194"), "annuelle", "/simulateur/resultats/1/"),
    ])  # fmt: skip
    rsa = Right.objects.get(user=bob, key="rsa")
    assert (rsa.status, rsa.amount, rsa.amount_is_estimate) == ("open", Decimal("635.70"), True)
    housing = Right.objects.get(user=bob, key="aide_logement")
    assert (housing.status, housing.organism, housing.domain, housing.simulation_url) == (
        "potential",
        "msa",
        "logement",
        "/simulateur/resultats/1/",
    )
    assert Right.objects.get(user=bob, key="cheque_energie").organism == "cheque_energie"

    potential_rights_replace(
        user=bob, potentials=[PotentialRight("aide_logement", None, "mensuelle", "/s/2/")]
    )
    assert set(Right.objects.filter(user=bob).values_list("key", "status")) == {
        ("rsa", "open"),
        ("aide_logement", "potential"),
    }
    rights_rebuild_for_user(user=bob)  # the agency's rebuild keeps the simulator's estimate
    assert Right.objects.get(user=bob, key="rsa").amount == Decimal("635.70")


def test_a_potential_right_becomes_open_when_the_agency_reports_it(bob, agency_row):
    potential_rights_replace(user=bob, potentials=[PotentialRight("ppa", Decimal("120"), "mensuelle", "/s/")])
    agency_row(bob, "prime_activite", {"est_beneficiaire": True, "date_debut_droit": "2026-10-01"})
    rights_rebuild_for_user(user=bob)
    right = Right.objects.get(user=bob, key="ppa")
    assert (right.status, right.amount, right.amount_is_estimate) == ("open", Decimal("120"), True)


def test_an_unknown_potential_key_raises(bob):
    with pytest.raises(KeyError):
        potential_rights_replace(user=bob, potentials=[PotentialRight("nope", None, "mensuelle", "/s/")])


def test_statuses_move_on_with_the_days(bob, agency_row):
    agency_row(bob, "complementaire_sante_solidaire",
               {"est_beneficiaire": True, "avec_participation": False, "date_debut_droit": "2026-01-01"},
               source="cpam", organism="cpam")  # fmt: skip
    agency_row(bob, "revenu_solidarite_active", {"est_beneficiaire": True, "date_debut_droit": "2026-01-01"})
    rights_rebuild_for_user(user=bob, today=dt.date(2026, 9, 1))
    assert Right.objects.get(key="css_sans_participation").status == "open"
    assert rights_statuses_refresh(today=dt.date(2026, 11, 2)) == 2
    assert Right.objects.get(key="css_sans_participation").status == "renewal_due"  # ends 31/12, 59 days
    assert Right.objects.get(key="rsa").next_declaration_due == dt.date(2027, 1, 15)


def test_a_finished_fetch_queues_the_rebuild_on_commit(bob, django_capture_on_commit_callbacks):
    with (
        mock.patch("rights.tasks.rights_rebuild_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        fetch_run_finished.send(sender=FetchRun, user_id=bob.pk, run_id=1)
    delay.assert_called_once_with(bob.pk)


def test_the_task_rebuilds(bob, agency_row):
    from rights.tasks import rights_rebuild_task

    agency_row(bob, "allocation_soutien_familial", {"est_beneficiaire": True})
    rights_rebuild_task(bob.pk)
    rights_rebuild_task(987654)  # a deleted account: nothing to do
    assert list(Right.objects.values_list("key", flat=True)) == ["asf"]
