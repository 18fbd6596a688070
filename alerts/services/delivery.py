"""Sending a delivery: claim it with a conditional UPDATE, send, mark; retry transient errors with
backoff; leave exhausted ones failed (replayable); re-queue what the broker lost (the sweeper)."""

import datetime as dt
import logging
import random
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from alerts.models import Delivery
from alerts.queue import delivery_enqueue_on_commit
from alerts.services.notify import email_address_of

logger = logging.getLogger(__name__)


class TransientDeliveryError(Exception):
    """The channel failed in a way worth retrying later; `countdown` is the backoff in seconds."""

    def __init__(self, message: str, *, countdown: float):
        super().__init__(message)
        self.countdown = countdown


class PermanentDeliveryError(Exception):
    """Retrying cannot help (no address, address refused)."""


def is_transient(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPException | PermanentDeliveryError):
        return False
    return isinstance(error, OSError)  # connection refused, reset, timeouts


def backoff_seconds(attempts: int) -> float:
    base = settings.ALERTS_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return min(base, 3600) * random.uniform(0.8, 1.2)  # noqa: S311 -- jitter, not a secret


def _claim(delivery_id: int, now: dt.datetime) -> bool:
    """Take the delivery for this attempt; False when it is sent, failed, or another worker holds it."""
    lease_expired = now - dt.timedelta(seconds=settings.ALERTS_DELIVERY_LEASE_SECONDS)
    claimable = Q(status=Delivery.Status.PENDING) & (Q(not_before__isnull=True) | Q(not_before__lte=now)) | Q(
        status=Delivery.Status.SENDING, claimed_at__lt=lease_expired
    )
    return bool(
        Delivery.objects.filter(claimable, pk=delivery_id).update(
            status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def _send_email(delivery: Delivery) -> None:
    notification = delivery.notification
    address = email_address_of(notification.user)
    if not address:
        raise PermanentDeliveryError("aucune adresse e-mail")
    context = {"notification": notification, "inbox_url": f"{settings.SITE_URL}/alertes/"}
    EmailMessage(
        subject=f"Mes Droits — {notification.title}",
        body=render_to_string("alerts/email/notification.txt", context),
        to=[address],
        headers={"X-Mes-Droits-Delivery": str(delivery.pk)},
    ).send()


def delivery_send(*, delivery_id: int) -> str:
    """Send one delivery at most once per claim; returns its status, or "skipped" if not claimed."""
    now = timezone.now()
    if not _claim(delivery_id, now):
        return "skipped"
    delivery = Delivery.objects.select_related("notification__user__identity").get(pk=delivery_id)
    mine = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.SENDING, claimed_at=now)
    try:
        if delivery.channel == Delivery.Channel.EMAIL:
            _send_email(delivery)
    except Exception as e:
        error = f"{type(e).__name__}: {e}"[:500]
        exhausted = delivery.attempts >= settings.ALERTS_EMAIL_MAX_ATTEMPTS
        if not is_transient(e) or exhausted:
            logger.warning(
                "delivery %s failed for good: %s", delivery_id, error, exc_info=not is_transient(e)
            )
            mine.update(status=Delivery.Status.FAILED, last_error=error)
            return Delivery.Status.FAILED
        countdown = backoff_seconds(delivery.attempts)
        retry_at = now + dt.timedelta(seconds=countdown)
        mine.update(status=Delivery.Status.PENDING, last_error=error, not_before=retry_at, queued_at=retry_at)
        raise TransientDeliveryError(error, countdown=countdown) from e
    mine.update(status=Delivery.Status.SENT, sent_at=timezone.now(), last_error="")
    return Delivery.Status.SENT


@transaction.atomic
def deliveries_replay(*, delivery_ids: list[int]) -> int:
    """Give failed deliveries a fresh set of attempts; returns how many were re-queued."""
    ids = list(
        Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.FAILED).values_list(
            "pk", flat=True
        )
    )
    Delivery.objects.filter(pk__in=ids).update(
        status=Delivery.Status.PENDING, attempts=0, not_before=None, queued_at=timezone.now()
    )
    delivery_enqueue_on_commit(ids)
    return len(ids)


@transaction.atomic
def deliveries_sweep(*, limit: int = 5000) -> int:
    """Re-queue deliveries whose task the broker may have lost: pending for too long, or claimed by a
    worker that never finished (its lease expired). The claim makes a duplicate message harmless."""
    now = timezone.now()
    stale = now - dt.timedelta(seconds=settings.ALERTS_SWEEP_AFTER_SECONDS)
    lease_expired = now - dt.timedelta(seconds=settings.ALERTS_DELIVERY_LEASE_SECONDS)
    lost = (
        Q(status=Delivery.Status.PENDING, queued_at__lt=stale)
        & (Q(not_before__isnull=True) | Q(not_before__lte=now))
    ) | Q(status=Delivery.Status.SENDING, claimed_at__lt=lease_expired)
    ids = list(Delivery.objects.filter(lost).order_by("pk").values_list("pk", flat=True)[:limit])
    Delivery.objects.filter(pk__in=ids).update(queued_at=now)
    delivery_enqueue_on_commit(ids)
    return len(ids)
