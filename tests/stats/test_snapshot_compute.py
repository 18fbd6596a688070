"""`snapshot_compute`: every figure of the page from known rows, one snapshot a day."""

import datetime as dt

import pytest
from django.utils import timezone

from stats.models import Snapshot
from stats.services import WEEKS, snapshot_compute

pytestmark = pytest.mark.django_db


def this_week(series: list[int]) -> int:
    assert len(series) == WEEKS
    assert sum(series[:-1]) == 0  # every known row is of this week
    return series[-1]


def test_it_counts_the_known_rows(known_rows):
    snapshot = snapshot_compute()
    data = snapshot.data
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    assert data["weeks"][-1] == monday.isoformat()
    assert data["weeks"][0] == (monday - dt.timedelta(weeks=WEEKS - 1)).isoformat()
    weekly = data["weekly"]
    assert this_week(weekly["logins"]) == 12  # citizens' logins only
    assert this_week(weekly["accounts"]) == 2  # the agent is not a person helped
    assert this_week(weekly["simulations_anonymous"]) == 3
    assert this_week(weekly["simulations_logged_in"]) == 11
    assert this_week(weekly["procedure_clicks"]) == 3
    assert this_week(weekly["alerts_sent"]) == 3  # a publication's notification is not an alert
    assert this_week(weekly["alerts_read"]) == 1
    assert this_week(weekly["publications"]) == 1
    assert this_week(weekly["publication_recipients"]) == 1
    assert sum(weekly["error_reports"]) == 2
    assert this_week(weekly["error_reports_answered"]) == 1
    assert this_week(weekly["result_reports"]) == 1
    assert data["citizens"] == 2
    assert data["potential_rights"] == {
        "rsa": {"potential": 2, "to_check": 0},
        "ppa": {"potential": 0, "to_check": 1},
    }
    assert data["procedure_clicks"] == {"caf": 2, "msa": 1}
    assert data["publications_by_agency"] == {"caf": {"publications": 1, "recipients": 1, "read": 1}}
    assert data["error_reports"] == {"open": 1, "answered": 1, "median_days": 3.0}


def test_it_keeps_nothing_that_names_a_person(known_rows):
    text = repr(snapshot_compute().data)
    for user in known_rows.values():
        assert user.username not in text
        assert user.fc_sub not in text


def test_a_second_computation_the_same_day_replaces_the_first(known_rows):
    first = snapshot_compute()
    later = first.computed_at + dt.timedelta(hours=1)
    second = snapshot_compute(now=later)
    assert Snapshot.objects.count() == 1
    assert second.pk == first.pk
    assert Snapshot.objects.get().computed_at == later


def test_another_day_gets_its_own_snapshot(known_rows):
    snapshot_compute(now=timezone.now() - dt.timedelta(days=1))
    snapshot_compute()
    assert Snapshot.objects.count() == 2


def test_it_works_on_an_empty_database():
    data = snapshot_compute().data
    assert all(series == [0] * WEEKS for series in data["weekly"].values())
    assert data["error_reports"] == {"open": 0, "answered": 0, "median_days": None}
