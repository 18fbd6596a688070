"""Agencies' systems authenticate with `Authorization: Bearer <token>`; each token is one agency's."""

from dataclasses import dataclass

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from alerts.models import AgencyApiToken
from alerts.services.tokens import api_token_touch, token_hash


@dataclass(frozen=True)
class AgencyClient:
    """The caller: an agency's system, not a person."""

    agency: str
    token_id: int
    is_authenticated: bool = True


class AgencyTokenAuthentication(BaseAuthentication):
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
        token = AgencyApiToken.objects.filter(token_hash=token_hash(raw), revoked_at__isnull=True).first()
        if token is None:
            raise AuthenticationFailed("Jeton invalide ou révoqué.")
        api_token_touch(token=token)
        return AgencyClient(agency=token.agency, token_id=token.pk), token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="mesdroits-notifications"'


class IsAgencyClient(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, AgencyApiToken)


class AgencyTokenThrottle(SimpleRateThrottle):
    """ALERTS_API_RATE requests per token."""

    scope = "alerts-agency"

    def get_rate(self) -> str:
        return settings.ALERTS_API_RATE

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.auth, AgencyApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AgencyTokenScheme(OpenApiAuthenticationExtension):
    target_class = AgencyTokenAuthentication
    name = "agencyToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Jeton d'API de l'organisme (manage.py alerts_create_api_token).",
        }
