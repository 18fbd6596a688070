"""Reads of the alerts: the inbox, preferences, an agency's publications and their statistics."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Now

from accounts.models import User
from alerts.audience import HELD
from alerts.models import Category, Delivery, Notification, Preference, Publication
from rights.models import Right


def inbox(*, user: User, archived: bool = False) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, archived_at__isnull=not archived)


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True, archived_at__isnull=True).count()


MAX_ID = 2**63 - 1  # ids past a bigint would be a database error, not "not found"


def notification_of(*, user: User, notification_id: int) -> Notification:
    """The person's own notification; DoesNotExist for anyone else's."""
    if notification_id > MAX_ID:
        raise Notification.DoesNotExist
    return Notification.objects.get(user=user, pk=notification_id)


def email_preferences(*, user: User) -> dict[str, bool]:
    chosen = dict(Preference.objects.filter(user=user).values_list("category", "email"))
    return {category: chosen.get(category, False) for category in Category.values}


def publications_of(*, agency: str) -> QuerySet[Publication]:
    return Publication.objects.filter(agency=agency)


def publication_of(*, agency: str, publication_id: int) -> Publication:
    """The agency's own publication; DoesNotExist for another agency's, so that it stays invisible."""
    if publication_id > MAX_ID:
        raise Publication.DoesNotExist
    return Publication.objects.get(agency=agency, pk=publication_id)


class Progress(models.TextChoices):
    """Where a publication's sending stands, as the agents' screens tell it."""

    SCHEDULED = "scheduled", "Programmée"
    SENDING = "sending", "En cours d'envoi"
    SENT = "sent", "Envoyée"


def with_progress(publications: QuerySet[Publication]) -> QuerySet[Publication]:
    """Annotate each publication with its `progress` (a `Progress` value).

    The status alone misleads: an immediate publication stays "scheduled" from the moment it is
    recorded until the worker has written every notification, and is "sent" while its e-mails are
    still going out. Only a send due later is scheduled; it is sent once no e-mail is left to go.
    """
    emails_underway = Delivery.objects.filter(
        notification__publication=OuterRef("pk"),
        channel=Delivery.Channel.EMAIL,
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING],
    )
    return publications.annotate(
        progress=Case(
            When(Exists(emails_underway), status=Publication.Status.SENT, then=Value(Progress.SENDING)),
            When(status=Publication.Status.SENT, then=Value(Progress.SENT)),
            When(scheduled_at__gt=Now(), then=Value(Progress.SCHEDULED)),
            default=Value(Progress.SENDING),
            output_field=models.CharField(),
        )
    )


def publication_progress(*, publication: Publication) -> Progress:
    progress = with_progress(Publication.objects.filter(pk=publication.pk)).values_list("progress", flat=True)
    return Progress(progress.get())


@dataclass(frozen=True)
class PublicationStats:
    recipients: int
    read: int
    archived: int
    inbox_delivered: int
    email_sent: int
    email_pending: int
    email_failed: int


def publication_stats(*, publication: Publication) -> PublicationStats:
    notes = Notification.objects.filter(publication=publication).aggregate(
        recipients=Count("pk"),
        read=Count("pk", filter=Q(read_at__isnull=False)),
        archived=Count("pk", filter=Q(archived_at__isnull=False)),
    )
    by_channel = Delivery.objects.filter(notification__publication=publication).aggregate(
        inbox=Count("pk", filter=Q(channel="inbox", status="sent")),
        email_sent=Count("pk", filter=Q(channel="email", status="sent")),
        email_pending=Count("pk", filter=Q(channel="email", status__in=["pending", "sending"])),
        email_failed=Count("pk", filter=Q(channel="email", status="failed")),
    )
    return PublicationStats(
        recipients=notes["recipients"],
        read=notes["read"],
        archived=notes["archived"],
        inbox_delivered=by_channel["inbox"],
        email_sent=by_channel["email_sent"],
        email_pending=by_channel["email_pending"],
        email_failed=by_channel["email_failed"],
    )


def failed_email_deliveries(*, publication: Publication) -> list[int]:
    return list(
        Delivery.objects.filter(
            notification__publication=publication, channel="email", status=Delivery.Status.FAILED
        ).values_list("pk", flat=True)
    )


def benefit_choices(*, agency: str) -> list[tuple[str, str]]:
    """The benefits an agency manages: from the catalogue, and those its members' rights carry."""
    from alerts.rules import benefit_name

    keys = set(
        Right.objects.filter(organism=agency, status__in=HELD).values_list("key", flat=True).distinct()
    )
    try:
        from rights.catalogue import benefits

        keys |= {key for key, entry in benefits().items() if agency in entry.organisms}
    except ImportError:
        pass
    return sorted(((key, benefit_name(key)) for key in keys), key=lambda choice: choice[1].lower())
