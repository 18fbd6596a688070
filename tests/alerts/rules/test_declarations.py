"""Quarterly declarations (RSA, prime d'activité): told when the declaration opens (the day after
the quarter ends, as `rights.building` dates it) and reminded 7 days before its deadline, each once,
only for people who hold the right."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from alerts.models import Delivery, Notification
from alerts.services.rules import rules_run
from rights.building import next_declaration_due
from rights.services import rights_statuses_refresh
from tests.alerts.conftest import day, right_add

DUE = day("2026-10-15")  # declares July to September 2026; open from 1 October


def kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("dedup_key", flat=True))


def on(text: str):
    """That day in Paris, mid-morning, clock stopped: the beat's `today` is the local date."""
    return time_machine.travel(
        dt.datetime.fromisoformat(text).replace(hour=9, tzinfo=ZoneInfo("Europe/Paris")), tick=False
    )


def run_twice() -> int:
    created = rules_run()
    assert rules_run() == 0  # the same day again writes nothing more
    return created


@pytest.fixture
def melissandre_rsa(melissandre):
    """Melissandre's RSA as the demo gives it on 4 December 2026: open since 1 October 2025, so
    her quarter October–December 2026 is declared from 1 January to 15 January 2027."""
    start = day("2025-10-01")
    due = next_declaration_due(start=start, today=day("2026-12-04"))
    assert due == day("2027-01-15")
    return right_add(melissandre, "rsa", start_date=start, next_declaration_due=due)


@pytest.fixture
def remi_ppa(remi):
    """Rémi's prime d'activité through the MSA, open since 1 July 2026: same deadline."""
    start = day("2026-07-01")
    due = next_declaration_due(start=start, today=day("2026-12-04"))
    assert due == day("2027-01-15")
    return right_add(remi, "ppa", organism="msa", start_date=start, next_declaration_due=due)


@pytest.mark.django_db
def test_melissandre_is_told_when_her_rsa_declaration_opens_and_reminded_7_days_before(
    melissandre, melissandre_rsa
):
    for today in ["2026-12-04", "2026-12-15", "2026-12-31"]:  # the quarter is not over: nothing to declare
        with on(today):
            assert run_twice() == 0
    assert kinds(melissandre) == []

    with on("2027-01-01"):
        assert run_twice() == 1
    opening = Notification.objects.get(user=melissandre)
    assert opening.dedup_key == "rsa-declaration-ouverture:2027-Q1"
    assert opening.title == "Votre déclaration trimestrielle RSA est ouverte"
    assert opening.body == (
        "Depuis le 1er janvier 2027, vous pouvez déclarer vos ressources d'octobre à décembre 2026. "
        "Faites-le au plus tard le 15 janvier 2027 pour continuer à percevoir le RSA."
    )
    assert (opening.category, opening.organism) == ("declaration", "caf")

    with on("2027-01-07"):
        assert run_twice() == 0

    with on("2027-01-08"):
        assert run_twice() == 1
    reminder = Notification.objects.get(user=melissandre, dedup_key="rsa-declaration-rappel:2027-Q1")
    assert reminder.title == "Rappel : déclaration trimestrielle RSA à faire au plus tard le 15 janvier 2027"
    assert reminder.body == (
        "Votre déclaration de ressources d'octobre à décembre 2026 pour le RSA est à faire au plus "
        "tard le 15 janvier 2027, dans 7 jours. Sans elle, le versement peut être suspendu."
    )

    for today in ["2027-01-14", "2027-01-15"]:
        with on(today):
            assert run_twice() == 0
    assert kinds(melissandre) == ["rsa-declaration-ouverture:2027-Q1", "rsa-declaration-rappel:2027-Q1"]
    assert Delivery.objects.filter(notification__user=melissandre).count() == 2


@pytest.mark.django_db
def test_each_quarter_of_melissandre_is_told_again_once_the_deadline_moves_on(melissandre, melissandre_rsa):
    with on("2027-01-01"):
        rules_run()
    with on("2027-01-16"):
        rights_statuses_refresh()  # the daily task: the next deadline is 15 April 2027
        assert run_twice() == 0
    melissandre_rsa.refresh_from_db()
    assert melissandre_rsa.next_declaration_due == day("2027-04-15")

    with on("2027-04-01"):
        assert run_twice() == 1
    april = Notification.objects.get(dedup_key="rsa-declaration-ouverture:2027-Q2")
    assert "vos ressources de janvier à mars 2027" in april.body
    assert kinds(melissandre) == ["rsa-declaration-ouverture:2027-Q1", "rsa-declaration-ouverture:2027-Q2"]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-12-31", []),  # the quarter's last day: the declaration is not open yet
        ("2027-01-01", ["ppa-declaration-ouverture:2027-Q1"]),
        ("2027-01-07", ["ppa-declaration-ouverture:2027-Q1"]),  # the day before "7 days before"
        ("2027-01-08", ["ppa-declaration-rappel:2027-Q1"]),  # first seen this late: the reminder only
        ("2027-01-15", ["ppa-declaration-rappel:2027-Q1"]),  # deadline day
        ("2027-01-16", []),
    ],
)
@pytest.mark.django_db
def test_remi_prime_activite_declaration_at_its_date_edges(remi, remi_ppa, today, expected):
    with on(today):
        run_twice()
    assert kinds(remi) == expected
    assert all(n.organism == "msa" for n in Notification.objects.filter(user=remi))


@pytest.mark.django_db
def test_remi_reminded_on_the_deadline_day_is_told_it_is_today(remi, remi_ppa):
    with on("2027-01-15"):
        run_twice()
    reminder = Notification.objects.get(user=remi)
    assert reminder.body == (
        "Votre déclaration de ressources d'octobre à décembre 2026 pour la prime d'activité est à "
        "faire au plus tard le 15 janvier 2027, aujourd'hui. Sans elle, le versement peut être suspendu."
    )


@pytest.mark.django_db
def test_a_quarter_across_the_new_year_names_both_years(pierre):
    right_add(pierre, "ppa", start_date=day("2026-11-01"), next_declaration_due=day("2027-02-15"))
    with on("2027-02-01"):
        run_twice()
    assert "vos ressources de novembre 2026 à janvier 2027" in Notification.objects.get(user=pierre).body


@pytest.mark.django_db
def test_only_people_who_have_the_right_are_reminded(melissandre, pierre):
    right_add(melissandre, "rsa", next_declaration_due=DUE)
    right_add(pierre, "rsa", status="potential", next_declaration_due=DUE)
    right_add(pierre, "ppa", status="closed", next_declaration_due=DUE)

    with on("2026-10-02"):
        run_twice()

    assert kinds(melissandre) == ["rsa-declaration-ouverture:2026-Q4"]
    assert [k for k in kinds(pierre) if "declaration" in k] == []
