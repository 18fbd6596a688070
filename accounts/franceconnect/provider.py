"""Where the provider's endpoints are: its discovery document, unless configured one by one."""

import logging
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

from accounts.franceconnect.errors import FranceConnectError

logger = logging.getLogger(__name__)
_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str


def _discovery_document() -> dict:
    url = settings.FRANCECONNECT_DISCOVERY_URL
    key = f"franceconnect:discovery:{url}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as e:
            raise FranceConnectError(f"discovery document unavailable at {url}: {e}") from e
        cache.set(key, document, _CACHE_SECONDS)
    return document


def provider_metadata() -> ProviderMetadata:
    """The provider's endpoints; explicit FRANCECONNECT_* settings win over discovery."""
    explicit = {name: url for name, url in settings.FRANCECONNECT_ENDPOINTS.items() if url}
    document = {} if len(explicit) == len(settings.FRANCECONNECT_ENDPOINTS) else _discovery_document()
    issuer = settings.FRANCECONNECT_ISSUER
    if document and document.get("issuer", "").rstrip("/") != issuer:
        raise FranceConnectError(
            f"discovery issuer {document.get('issuer')!r} differs from FRANCECONNECT_ISSUER {issuer!r}"
        )
    values = {}
    for name in settings.FRANCECONNECT_ENDPOINTS:
        value = explicit.get(name) or document.get(name)
        if not value:
            raise FranceConnectError(f"the provider publishes no {name}")
        values[name] = value
    return ProviderMetadata(issuer=issuer, **values)
