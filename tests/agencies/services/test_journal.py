"""The access journal is append-only in the database, and purged after its retention period."""

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from agencies.models import JournalEntry
from agencies.services.journal import journal_purge, journal_record

pytestmark = pytest.mark.django_db


def entry() -> JournalEntry:
    journal_record(
        person_id=1, actor="system", source="caf", endpoint="/v3/dss/x", purpose="test", outcome="ok"
    )
    return JournalEntry.objects.latest("id")


def test_a_journal_row_cannot_be_updated(db):
    row = entry()

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        JournalEntry.objects.filter(pk=row.pk).update(outcome="error")

    row.refresh_from_db()
    assert row.outcome == "ok"


def test_a_recent_journal_row_cannot_be_deleted(db):
    row = entry()

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM agencies_journalentry WHERE id = %s", [row.pk])

    assert JournalEntry.objects.filter(pk=row.pk).exists()


def test_the_purge_deletes_only_rows_past_retention(db, settings):
    settings.AGENCIES_JOURNAL_RETENTION_DAYS = 365
    old = JournalEntry.objects.create(
        person_id=1, actor="system", source="caf", endpoint="/x", purpose="p", outcome="ok",
        at=timezone.now() - dt.timedelta(days=400),
    )  # fmt: skip
    recent = entry()

    deleted = journal_purge()

    assert deleted == 1
    assert not JournalEntry.objects.filter(pk=old.pk).exists()
    assert JournalEntry.objects.filter(pk=recent.pk).exists()


def test_a_journal_row_holds_no_data_values(agencies, citizen_of):
    from agencies.services.fetch import fetch_run_execute, fetch_run_start

    user = citizen_of("nom_composé", consents=("caf",))
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)

    texts = " ".join(
        " ".join(str(value) for value in row)
        for row in JournalEntry.objects.values_list("actor", "source", "endpoint", "purpose", "outcome")
    )
    assert "480" not in texts
    assert "TROIS-DUPRE" not in texts
