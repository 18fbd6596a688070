"""Quarterly declarations (RSA, prime d'activité): at the opening of the window (a month before the
deadline) and again 5 days before it, only for people who hold the right."""

import pytest

from alerts.models import Notification
from alerts.services.rules import rules_run
from tests.alerts.conftest import day, right_add

DUE = day("2026-10-15")


def kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("dedup_key", flat=True))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-09-14", []),
        ("2026-09-15", ["rsa-declaration-ouverture:2026-Q4"]),
        ("2026-10-09", ["rsa-declaration-ouverture:2026-Q4"]),
        ("2026-10-10", ["rsa-declaration-rappel:2026-Q4"]),
        ("2026-10-15", ["rsa-declaration-rappel:2026-Q4"]),  # deadline day
        ("2026-10-16", []),
    ],
)
@pytest.mark.django_db
def test_rsa_declaration_at_its_date_edges(melissandre, today, expected):
    right_add(melissandre, "rsa", next_declaration_due=DUE)
    rules_run(today=day(today))
    assert kinds(melissandre) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-09-14", []),
        ("2026-09-15", ["ppa-declaration-ouverture:2026-Q4"]),
        ("2026-10-10", ["ppa-declaration-rappel:2026-Q4"]),
    ],
)
@pytest.mark.django_db
def test_prime_activite_declaration_at_its_date_edges(pierre, today, expected):
    right_add(pierre, "ppa", organism="msa", next_declaration_due=DUE)
    rules_run(today=day(today))
    assert kinds(pierre) == expected
    assert all(n.organism == "msa" for n in Notification.objects.filter(user=pierre))


@pytest.mark.django_db
def test_only_people_who_have_the_right_are_reminded(melissandre, pierre):
    right_add(melissandre, "rsa", next_declaration_due=DUE)
    right_add(pierre, "rsa", status="potential", next_declaration_due=DUE)
    right_add(pierre, "ppa", status="closed", next_declaration_due=DUE)

    rules_run(today=day("2026-09-20"))

    assert kinds(melissandre) == ["rsa-declaration-ouverture:2026-Q4"]
    assert [k for k in kinds(pierre) if "declaration" in k] == []


@pytest.mark.django_db
def test_each_quarter_has_its_own_key(melissandre):
    right = right_add(melissandre, "rsa", next_declaration_due=DUE)
    rules_run(today=day("2026-09-20"))
    right.next_declaration_due = day("2027-01-15")
    right.save()
    rules_run(today=day("2026-12-20"))
    assert kinds(melissandre) == ["rsa-declaration-ouverture:2026-Q4", "rsa-declaration-ouverture:2027-Q1"]
