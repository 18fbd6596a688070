"""Agencies' API tokens: generated once, shown once, stored as a SHA-256 hash."""

import hashlib
import secrets

from django.utils import timezone

from agencies.registry import organism
from alerts.models import AgencyApiToken


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, agency: str, name: str, raw: str | None = None) -> tuple[AgencyApiToken, str]:
    """A new token for `agency`; returns the row and the secret, which is never stored."""
    organism(agency)  # KeyError on an unknown organism
    raw = raw or f"mdn_{agency}_{secrets.token_urlsafe(32)}"
    token, _ = AgencyApiToken.objects.update_or_create(
        token_hash=token_hash(raw),
        defaults={"agency": agency, "name": name, "prefix": raw[:12], "revoked_at": None},
    )
    return token, raw


def api_token_revoke(*, token: AgencyApiToken) -> None:
    AgencyApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_touch(*, token: AgencyApiToken) -> None:
    AgencyApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
