"""Writing notifications: the row and its deliveries in the caller's transaction (the outbox), the
e-mail queued once it commits."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from alerts.models import Delivery, Notification, Preference
from alerts.queue import delivery_enqueue_on_commit
from alerts.rules import Alert


def email_address_of(user: User) -> str:
    identity = getattr(user, "identity", None)
    return (identity.email if identity and identity.email else "") or user.email


def _wants_email(*, user_id: int, category: str) -> bool:
    return Preference.objects.filter(user_id=user_id, category=category, email=True).exists()


@transaction.atomic
def notification_create(*, alert: Alert) -> Notification | None:
    """Write the notification for this (person, kind, period) unless it exists; None if it did.

    Two beats racing on the same alert both try the insert: the unique key lets one win, the other
    gets None and queues nothing.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user_id=alert.user_id,
                kind=alert.kind,
                dedup_key=alert.dedup_key,
                category=alert.category,
                title=alert.title,
                body=alert.body,
                organism=alert.organism,
                action_url=alert.action_url,
                created_at=now,
            )
    except IntegrityError:
        if Notification.objects.filter(user_id=alert.user_id, dedup_key=alert.dedup_key).exists():
            return None
        raise
    deliveries_create(notification=notification, now=now)
    return notification


def deliveries_create(*, notification: Notification, now) -> list[Delivery]:
    """The inbox is delivered by the commit itself; e-mail is an outbox row for a worker."""
    deliveries = [
        Delivery(
            notification=notification,
            channel=Delivery.Channel.INBOX,
            status=Delivery.Status.SENT,
            attempts=1,
            created_at=now,
            sent_at=now,
        )
    ]
    if _wants_email(user_id=notification.user_id, category=notification.category):
        deliveries.append(
            Delivery(notification=notification, channel=Delivery.Channel.EMAIL, created_at=now, queued_at=now)
        )
    Delivery.objects.bulk_create(deliveries)
    delivery_enqueue_on_commit([d.pk for d in deliveries if d.channel == Delivery.Channel.EMAIL])
    return deliveries
