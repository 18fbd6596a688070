"""Agencies publish to their members: a publication row, then one set-based send that writes every
recipient's notification and deliveries in a single transaction (INSERT … SELECT)."""

import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import User
from alerts.audience import audience_of
from alerts.models import Delivery, Notification, Preference, Publication
from alerts.queue import delivery_enqueue_on_commit, publication_enqueue_on_commit


@dataclass(frozen=True)
class Draft:
    agency: str
    title: str
    body: str
    link: str
    category: str
    audience: str
    audience_value: str = ""
    member_ids: tuple[int, ...] = ()
    unmatched_members: tuple[int, ...] = ()
    scheduled_at: object = None  # aware datetime, or None for "now"


def fingerprint(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


@transaction.atomic
def publication_create(
    *,
    draft: Draft,
    author: User | None,
    via: str,
    idempotency_key: str | None = None,
    request_fingerprint: str = "",
) -> Publication:
    """Record the publication; it is sent once committed, or by the beat when its time comes."""
    publication = Publication(
        agency=draft.agency,
        author=author,
        via=via,
        title=draft.title,
        body=draft.body,
        link=draft.link,
        category=draft.category,
        audience=draft.audience,
        audience_value=draft.audience_value,
        member_ids=list(draft.member_ids),
        unmatched_members=list(draft.unmatched_members),
        scheduled_at=draft.scheduled_at or timezone.now(),
        idempotency_key=idempotency_key,
        request_fingerprint=request_fingerprint,
    )
    publication.full_clean(exclude=["author"], validate_unique=False)
    publication.save()
    if publication.scheduled_at <= timezone.now():
        publication_enqueue_on_commit(publication.pk)
    return publication


def publication_create_once(
    *, draft: Draft, via: str, idempotency_key: str, request_fingerprint: str
) -> tuple[Publication, bool]:
    """`publication_create` keyed by the agency's idempotency key: a replay returns the first one."""
    existing = Publication.objects.filter(agency=draft.agency, idempotency_key=idempotency_key).first()
    if existing:
        return existing, False
    try:
        return publication_create(
            draft=draft, author=None, via=via, idempotency_key=idempotency_key,
            request_fingerprint=request_fingerprint,
        ), True  # fmt: skip
    except IntegrityError:  # the same key raced us; theirs is the one
        return Publication.objects.get(agency=draft.agency, idempotency_key=idempotency_key), False


def _insert_notifications(publication: Publication, now) -> None:
    audience = audience_of(
        agency=publication.agency,
        audience=publication.audience,
        value=publication.audience_value,
        member_ids=publication.member_ids,
    ).values("pk")
    try:
        audience_sql, audience_params = audience.query.sql_with_params()
    except EmptyResultSet:  # e.g. a list of identities none of which is a member
        return
    table = Notification._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, kind, dedup_key, category, title, body, organism, action_url,"  # noqa: S608
            f" publication_id, created_at) SELECT m.pk, %s, %s, %s, %s, %s, %s, %s, %s, %s"
            f" FROM ({audience_sql}) AS m WHERE 1 = 1 ON CONFLICT (user_id, dedup_key) DO NOTHING",
            [
                "agency-message",
                publication.dedup_key,
                publication.category,
                publication.title,
                publication.body,
                publication.agency,
                publication.link,
                publication.pk,
                now,
                *audience_params,
            ],
        )


def _insert_deliveries(publication: Publication, now) -> None:
    deliveries, notifications = Delivery._meta.db_table, Notification._meta.db_table
    preferences = Preference._meta.db_table
    columns = "notification_id, channel, status, attempts, last_error, created_at, queued_at, sent_at"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {deliveries} ({columns}) SELECT n.id, %s, %s, 1, '', %s, NULL, %s"  # noqa: S608
            f" FROM {notifications} n WHERE n.publication_id = %s"
            " ON CONFLICT (notification_id, channel) DO NOTHING",
            [Delivery.Channel.INBOX, Delivery.Status.SENT, now, now, publication.pk],
        )
        cursor.execute(
            f"INSERT INTO {deliveries} ({columns}) SELECT n.id, %s, %s, 0, '', %s, %s, NULL"  # noqa: S608
            f" FROM {notifications} n JOIN {preferences} p ON p.user_id = n.user_id AND p.category = n.category"
            " WHERE n.publication_id = %s AND p.email = %s ON CONFLICT (notification_id, channel) DO NOTHING",
            [Delivery.Channel.EMAIL, Delivery.Status.PENDING, now, now, publication.pk, True],
        )


@transaction.atomic
def publication_send(*, publication_id: int) -> Publication:
    """Write every recipient's notification and deliveries, once: the row lock makes a second run
    (a redelivered task, the beat) wait, then find the publication sent."""
    publication = Publication.objects.select_for_update().get(pk=publication_id)
    now = timezone.now()
    if publication.status == Publication.Status.SENT or publication.scheduled_at > now:
        return publication
    _insert_notifications(publication, now)
    _insert_deliveries(publication, now)
    publication.status = Publication.Status.SENT
    publication.sent_at = now
    publication.recipient_count = Notification.objects.filter(publication=publication).count()
    publication.save(update_fields=["status", "sent_at", "recipient_count"])
    emails = Delivery.objects.filter(
        notification__publication=publication, channel=Delivery.Channel.EMAIL, status=Delivery.Status.PENDING
    ).values_list("pk", flat=True)
    delivery_enqueue_on_commit(list(emails))
    return publication


def publications_due_enqueue() -> int:
    """Queue the publications whose time has come (scheduled ones, and any whose task was lost)."""
    due = list(
        Publication.objects.filter(
            status=Publication.Status.SCHEDULED, scheduled_at__lte=timezone.now()
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for publication_id in due:
            publication_enqueue_on_commit(publication_id)
    return len(due)
