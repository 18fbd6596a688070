"""Partners' tokens for the simulation API: generated once, shown once, stored as a SHA-256 hash."""

import hashlib
import secrets

from django.utils import timezone

from simulator.models import PartnerApiToken

PREFIX = "mds_"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def partner_token_create(*, name: str) -> tuple[PartnerApiToken, str]:
    """A new token; returns the row and the secret, which is never stored."""
    raw = f"{PREFIX}{secrets.token_urlsafe(32)}"
    token = PartnerApiToken(name=name, prefix=raw[:12], token_hash=token_hash(raw))
    token.full_clean()
    token.save()
    return token, raw


def partner_token_revoke(*, token: PartnerApiToken) -> None:
    PartnerApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def partner_token_find(*, raw: str) -> PartnerApiToken | None:
    """The live token with this secret, its last use recorded; None when unknown or revoked."""
    token = PartnerApiToken.objects.filter(token_hash=token_hash(raw), revoked_at__isnull=True).first()
    if token is not None:
        PartnerApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
