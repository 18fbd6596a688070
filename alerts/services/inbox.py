"""A person acts on their inbox: read, archive, choose e-mail by category."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from alerts.models import Notification, Preference


def notification_mark_read(*, notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True, archived_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_archive(*, notification: Notification) -> None:
    now = timezone.now()
    Notification.objects.filter(pk=notification.pk, archived_at__isnull=True).update(archived_at=now)
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)


def notification_unarchive(*, notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk).update(archived_at=None)


@transaction.atomic
def email_preferences_set(*, user: User, categories: dict[str, bool]) -> None:
    for category, email in categories.items():
        Preference.objects.update_or_create(user=user, category=category, defaults={"email": email})
