"""Limits on "Envoyer le récapitulatif": the service must not become a mail relay for anyone.

Counters live in the Redis cache (django-ratelimit), one per session, client IP and recipient
address; the keys are hashed, so no address or IP is written in clear.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle

GROUP = "simulator-recap-email"


def client_ip(request: HttpRequest) -> str:
    """The caller's address, as the API's throttles see it (REMOTE_ADDR, or X-Forwarded-For as far
    as NUM_PROXIES trusts it)."""
    return BaseThrottle().get_ident(request)


@dataclass(frozen=True)
class _Limit:
    name: str  # logged when it refuses: says which limit, never whose
    setting: str


LIMITS = (
    _Limit("session", "SIMULATOR_RECAP_EMAIL_RATE_SESSION"),
    _Limit("ip", "SIMULATOR_RECAP_EMAIL_RATE_IP"),
    _Limit("address", "SIMULATOR_RECAP_EMAIL_RATE_ADDRESS"),
)


def _values(request: HttpRequest, email: str) -> dict[str, str]:
    if request.session.session_key is None:
        request.session.save()  # a session without a key would share one counter with every other
    return {
        "session": request.session.session_key,
        "ip": client_ip(request),
        "address": email.strip().lower(),
    }


def recap_email_refused_by(*, request: HttpRequest, email: str) -> str | None:
    """The name of the limit this send would exceed, or None; a send allowed is counted in all three.

    Checked before counting, so that a refused attempt does not eat the other limits' allowance.
    """
    values = _values(request, email)
    for limit in LIMITS:
        usage = _usage(limit, values[limit.name], request, increment=False)
        if usage and usage["count"] >= usage["limit"]:
            return limit.name
    for limit in LIMITS:
        _usage(limit, values[limit.name], request, increment=True)
    return None


def _usage(limit: _Limit, value: str, request: HttpRequest, *, increment: bool) -> dict | None:
    return get_usage(
        request,
        group=f"{GROUP}:{limit.name}",
        key=lambda _group, _request: value,
        rate=getattr(settings, limit.setting),
        increment=increment,
    )
