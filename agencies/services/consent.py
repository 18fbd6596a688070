"""Consent per data source: granting lets the portal call it, revoking stops every call and
deletes what it gave."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from agencies.models import AgencyData, Consent
from agencies.services.journal import journal_record
from agencies.signals import consent_withdrawn


@transaction.atomic
def consent_grant(*, user: User, source: str, identifier: str = "") -> Consent:
    consent, _ = Consent.objects.update_or_create(
        user=user,
        source=source,
        defaults={"granted_at": timezone.now(), "revoked_at": None, "identifier": identifier},
    )
    journal_record(
        person_id=user.pk, actor=f"citizen:{user.pk}", source=source, endpoint="consentement",
        purpose="accord donné par la personne", outcome="ok",
    )  # fmt: skip
    return consent


@transaction.atomic
def consent_revoke(*, user: User, source: str) -> int:
    """Revoke; returns how many stored datasets of that source were deleted.

    Everything the portal derived from that source (rights, pre-filled answers, potential rights,
    alerts) goes in the same transaction, through the apps' `consent_withdrawn` receivers.
    """
    Consent.objects.filter(user=user, source=source, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    deleted, _ = AgencyData.objects.filter(user=user, source=source).delete()
    consent_withdrawn.send(sender=Consent, user_id=user.pk, source=source)
    journal_record(
        person_id=user.pk, actor=f"citizen:{user.pk}", source=source, endpoint="consentement",
        purpose="accord retiré, données supprimées", outcome="ok",
    )  # fmt: skip
    return deleted
