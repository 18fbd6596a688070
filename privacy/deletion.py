"""Deleting a citizen's account (GDPR article 17): the database, Redis and the mail outbox.

Kept, without identity: the access journal's rows, for their legal retention
(AGENCIES_JOURNAL_RETENTION_DAYS; see agencies/migrations/0005_journal_anonymisation.py).
Not reachable and left to expire: the rate-limit counters of the simulator's recap e-mail
(django-ratelimit), whose Redis keys are hashes of the session key and live at most a window.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction

from accounts.models import User
from accounts.selectors import session_keys_of_user, session_store_class
from agencies.models import FetchRun, JournalEntry
from agencies.services.fetch import fetch_run_tokens_forget
from agencies.services.journal import journal_anonymise
from alerts.models import Delivery, Publication
from privacy.exporters import EXPORTERS

logger = logging.getLogger(__name__)


@dataclass
class DeletionReport:
    deleted: dict[str, int] = field(default_factory=dict)  # rows, by export section
    outbox: int = 0  # e-mails not yet sent, withdrawn
    journal_kept: int = 0  # journal rows kept, their identity erased
    sessions: int = 0
    cache_keys: int = 0


def account_delete(*, user: User) -> DeletionReport:
    """Erase the person: every row an exporter finds (the account last, its cascades as a safety
    net), their sessions and Redis keys; the journal's rows are kept without identity."""
    report, user_id = DeletionReport(), user.pk
    run_ids = list(FetchRun.objects.filter(user_id=user_id).values_list("pk", flat=True))
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user_id).values_list("pk", flat=True).first()
        # The outbox first: an e-mail a worker has not sent yet must not go out after the deletion.
        report.outbox, _ = (
            Delivery.objects.filter(notification__user_id=user_id)
            .exclude(status=Delivery.Status.SENT)
            .delete()
        )
        for exporter in reversed(EXPORTERS):  # children before parents, the account last
            if exporter.model is JournalEntry:
                report.journal_kept = journal_anonymise(person_id=user_id)
            else:
                report.deleted[exporter.key], _ = exporter.queryset(user).delete()
        _publications_forget_member(user_id)
        report.sessions = _sessions_delete(user_id)
    report.cache_keys = fetch_run_tokens_forget(run_ids=run_ids)
    logger.info(
        "account %s deleted: %d rows, %d unsent e-mails, %d sessions, %d cache keys; %d journal rows kept",
        user_id, sum(report.deleted.values()), report.outbox, report.sessions, report.cache_keys,
        report.journal_kept,
    )  # fmt: skip
    return report


def _publications_forget_member(user_id: int) -> None:
    """Agencies' messages sent to a list of members keep the ids they resolved: drop this one."""
    for publication in Publication.objects.filter(audience=Publication.Audience.MEMBERS).only("member_ids"):
        if user_id in publication.member_ids:
            publication.member_ids = [pk for pk in publication.member_ids if pk != user_id]
            publication.save(update_fields=["member_ids"])


def _sessions_delete(user_id: int) -> int:
    """Every session logged in as the person, on any device."""
    keys = session_keys_of_user(user_id=user_id)
    store_class = session_store_class()
    for key in keys:
        store_class(key).delete()
    return len(keys)
