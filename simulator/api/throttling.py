"""Who may call the simulation API how often: partners with a token, anonymous callers per IP.

Each simulation costs CPU seconds; the counters live in the Redis cache (DRF's throttles), the
rates are settings read at each request.
"""

from dataclasses import dataclass

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.throttling import SimpleRateThrottle

from simulator.api.tokens import partner_token_find
from simulator.models import PartnerApiToken


@dataclass(frozen=True)
class PartnerClient:
    """The caller: a partner's system, not a person."""

    name: str
    is_authenticated: bool = True


class PartnerTokenAuthentication(BaseAuthentication):
    """Optional: no Authorization header is an anonymous call; a wrong token is refused (401), so
    that a partner whose token was revoked learns it instead of silently getting the anonymous rate."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("En-tête Authorization invalide : attendu « Bearer <jeton> ».")
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError as e:
            raise AuthenticationFailed("Jeton invalide.") from e
        token = partner_token_find(raw=raw)
        if token is None:
            raise AuthenticationFailed("Jeton invalide ou révoqué.")
        return PartnerClient(name=token.name), token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="mesdroits-simulateur"'


class AnonymousSimulationThrottle(SimpleRateThrottle):
    """SIMULATOR_API_ANON_RATE per client IP, for calls without a partner token."""

    scope = "simulator-anon"

    def get_rate(self) -> str:
        return settings.SIMULATOR_API_ANON_RATE

    def get_cache_key(self, request, view) -> str | None:
        if isinstance(request.auth, PartnerApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PartnerSimulationThrottle(SimpleRateThrottle):
    """SIMULATOR_API_PARTNER_RATE per partner token."""

    scope = "simulator-partner"

    def get_rate(self) -> str:
        return settings.SIMULATOR_API_PARTNER_RATE

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.auth, PartnerApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = PartnerTokenAuthentication
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Jeton d'un partenaire (manage.py simulator_create_api_token), facultatif : "
            "il relève la limite de débit.",
        }
