"""A seasonal benefit found possible by the simulator (the ARS, its `season` in the catalogue) is
alerted only in its season, once per season; the potential right stays on the rights page meanwhile."""

import pytest
import time_machine

from alerts.models import Notification
from alerts.services.rules import rules_run
from rights.catalogue import benefit
from rights.models import Right
from tests.alerts.conftest import day, right_add


def keys(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("dedup_key", flat=True))


def run_twice_on(today: str) -> int:
    with time_machine.travel(day(today), tick=False):
        created = rules_run()
        assert rules_run() == 0
    return created


@pytest.fixture
def pierre_potentials(pierre):
    """Pierre's simulation finds the allocation de rentrée scolaire and the prime d'activité."""
    right_add(pierre, "ars", status="potential")
    right_add(pierre, "ppa", status="potential")
    return pierre


def test_the_ars_season_is_catalogue_data():
    season = benefit("ars").season
    assert (season.start, season.end) == ("07-01", "09-30")
    assert benefit("ppa").season is None


@pytest.mark.django_db
def test_pierre_found_eligible_to_the_ars_in_december_is_not_alerted_of_it(pierre_potentials):
    assert run_twice_on("2026-12-04") == 1

    assert keys(pierre_potentials) == ["potential-right:ppa"]  # a benefit without season is told at once
    assert Right.objects.filter(user=pierre_potentials, key="ars", status="potential").exists()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2027-06-30", []),
        ("2027-07-01", ["potential-right:ars:2027"]),  # the campaign opens
        ("2027-09-30", ["potential-right:ars:2027"]),
        ("2027-10-01", []),
    ],
)
@pytest.mark.django_db
def test_the_ars_is_alerted_at_its_season_edges(pierre, today, expected):
    right_add(pierre, "ars", status="potential")
    run_twice_on(today)
    assert keys(pierre) == expected


@pytest.mark.django_db
def test_pierre_is_told_of_the_ars_once_in_its_season_and_again_the_next_rentree(pierre_potentials):
    for today in ["2026-12-04", "2027-03-01", "2027-07-01", "2027-08-20", "2027-09-30", "2027-12-01"]:
        run_twice_on(today)
    ars = Notification.objects.get(user=pierre_potentials, kind="potential-right", dedup_key__contains="ars")
    assert ars.dedup_key == "potential-right:ars:2027"
    assert ars.title == "Vous pourriez avoir droit à : Allocation de rentrée scolaire"
    assert ars.category == "nouveau_droit"

    assert run_twice_on("2028-07-15") == 1
    assert keys(pierre_potentials) == [
        "potential-right:ars:2027",
        "potential-right:ars:2028",
        "potential-right:ppa",
    ]
