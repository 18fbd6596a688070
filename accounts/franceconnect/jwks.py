"""The provider's signing keys, cached and refetched once when a token names an unknown `kid`.

mozilla-django-oidc fetches the JWKS on every token; keys change rarely, so we keep them in the
shared cache and go back to the provider only when a token is signed by a key we do not know
(a rotation), at most once per token.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.core.cache import cache

from accounts.franceconnect.errors import FranceConnectError

logger = logging.getLogger(__name__)


def _fetch(jwks_uri: str) -> dict:
    try:
        response = requests.get(jwks_uri, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as e:
        raise FranceConnectError(f"JWKS unavailable at {jwks_uri}: {e}") from e
    if not isinstance(document.get("keys"), list):
        raise FranceConnectError(f"JWKS at {jwks_uri} has no keys list")
    cache.set(_cache_key(jwks_uri), document, settings.FRANCECONNECT_JWKS_CACHE_SECONDS)
    logger.info("FranceConnect JWKS fetched from %s (%d keys)", jwks_uri, len(document["keys"]))
    return document


def _cache_key(jwks_uri: str) -> str:
    return f"franceconnect:jwks:{jwks_uri}"


def _find(document: dict, *, kid: str, alg: str) -> jwt.PyJWK | None:
    for entry in document["keys"]:
        if entry.get("kid") == kid and entry.get("alg", alg) == alg and entry.get("use", "sig") == "sig":
            return jwt.PyJWK(entry, algorithm=alg)
    return None


def signing_key(*, jwks_uri: str, kid: str, alg: str) -> jwt.PyJWK:
    """The published key `kid` for `alg`; refetch the JWKS once if it is not in the cached copy."""
    document = cache.get(_cache_key(jwks_uri))
    if document is not None:
        key = _find(document, kid=kid, alg=alg)
        if key is not None:
            return key
        logger.info("FranceConnect key %s not in the cached JWKS: refetching once", kid)
    key = _find(_fetch(jwks_uri), kid=kid, alg=alg)
    if key is None:
        raise FranceConnectError(f"unknown kid {kid!r} for {alg}, even after refetching the JWKS")
    return key
