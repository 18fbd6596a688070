"""The access journal: one row per connector call or display of personal data, never values."""

import datetime as dt
import logging

from django.conf import settings
from django.db.models import Case, CharField, Value, When
from django.utils import timezone

from agencies.models import JournalEntry

logger = logging.getLogger(__name__)


def journal_record(
    *, person_id: int, actor: str, source: str, endpoint: str, purpose: str, outcome: str
) -> None:
    JournalEntry.objects.create(
        person_id=person_id, actor=actor, source=source, endpoint=endpoint, purpose=purpose, outcome=outcome
    )


def journal_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the rows older than the retention period; the database refuses younger ones."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.AGENCIES_JOURNAL_RETENTION_DAYS)
    deleted, _ = JournalEntry.objects.filter(at__lt=cutoff).delete()
    logger.info("journal purge: %d entries older than %s deleted", deleted, cutoff.date())
    return deleted


def journal_anonymise(*, person_id: int) -> int:
    """A person deleted their account: their rows stay for the retention period, without identity
    (`person_id` NULL, their own actor "citizen:<id>" becomes "citizen"; an agent's stays). The
    database trigger lets through this UPDATE and no other. Returns how many rows."""
    return JournalEntry.objects.filter(person_id=person_id).update(
        person_id=None,
        actor=Case(
            When(actor=f"citizen:{person_id}", then=Value("citizen")),
            default="actor",
            output_field=CharField(),
        ),
    )
