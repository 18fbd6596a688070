"""A right ending, a monthly payment missing from the agency's latest data (France Travail)."""

import datetime as dt

import pytest

from alerts.models import Notification
from alerts.services.rules import rules_run
from tests.alerts.conftest import day, right_add


def keys(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("dedup_key", flat=True))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-05-31", []),  # still held on its last day
        ("2026-06-01", ["right-ended:css_participation:2026-05-31"]),
        ("2026-06-30", ["right-ended:css_participation:2026-05-31"]),  # 30 days after
        ("2026-07-01", []),  # too old to be news
    ],
)
@pytest.mark.django_db
def test_a_right_past_its_end_date_is_announced_once(melissandre, today, expected):
    right_add(melissandre, "css_participation", organism="cpam", end_date=day("2026-05-31"))
    rules_run(today=day(today))
    assert [k for k in keys(melissandre) if k.startswith("right-ended")] == expected


@pytest.mark.django_db
def test_a_right_closed_by_its_agency_is_announced(melissandre):
    right_add(melissandre, "asf", status="closed", end_date=day("2026-06-10"))
    rules_run(today=day("2026-06-10"))
    assert keys(melissandre) == ["right-ended:asf:2026-06-10"]
    assert "ASF" in Notification.objects.get().title or "soutien" in Notification.objects.get().title.lower()


def payments(*dates: str) -> list[dict]:
    return [{"date": d, "amount": 1240.0} for d in dates]


def fetched(date: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{date}T12:00:00+02:00")


@pytest.mark.parametrize(
    ("fetched_on", "expected"),
    [
        ("2026-07-15", []),  # due 2026-07-05, within the 10 days' grace
        ("2026-07-16", ["payment-missing:are:2026-07"]),
    ],
)
@pytest.mark.django_db
def test_a_missing_monthly_payment_is_judged_on_the_agency_data_date(hugo, fetched_on, expected):
    right_add(
        hugo, "are", organism="france_travail", fetched_at=fetched(fetched_on),
        payments=payments("2026-04-05", "2026-05-05", "2026-06-05"),
    )  # fmt: skip
    rules_run(today=day("2026-08-01"))
    assert keys(hugo) == expected


@pytest.mark.django_db
def test_regular_payments_raise_nothing_and_a_gap_is_told_once(hugo):
    right = right_add(
        hugo, "are", organism="france_travail", fetched_at=fetched("2026-07-06"),
        payments=payments("2026-05-05", "2026-06-05", "2026-07-05"),
    )  # fmt: skip
    rules_run(today=day("2026-07-06"))
    assert keys(hugo) == []

    right.fetched_at = fetched("2026-08-20")
    right.save()
    rules_run(today=day("2026-08-20"))
    rules_run(today=day("2026-08-25"))
    notification = Notification.objects.get(user=hugo)
    assert notification.dedup_key == "payment-missing:are:2026-08"
    assert notification.category == "paiement"
    assert "août 2026" in notification.title


@pytest.mark.django_db
def test_a_new_potential_right_is_told_once(pierre):
    right_add(pierre, "ppa", status="potential")
    rules_run(today=day("2026-08-01"))
    rules_run(today=day("2027-08-01"))
    notification = Notification.objects.get(user=pierre)
    assert notification.dedup_key == "potential-right:ppa"
    assert notification.category == "nouveau_droit"
