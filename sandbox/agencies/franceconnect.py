"""FranceConnect checktoken, as API Particulier and the DGFiP call it to resolve a FC access token.

``POST <FC>/api/v2/checktoken`` with ``token``, ``client_id`` and ``client_secret`` in the form
body answers a signed JWT (``application/token-introspection+jwt``) whose ``token_introspection``
holds ``active``, ``scope`` and the pivot identity. The signature is checked against FC's JWKS,
cached and refetched once when an unknown ``kid`` shows up.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import jwt
import requests

from .settings import Settings

ALGORITHMS = ["ES256", "RS256"]


class CheckTokenFailed(Exception):
    """FranceConnect could not be asked, or answered something we cannot trust."""


@dataclass(frozen=True)
class Introspection:
    active: bool
    scopes: frozenset[str]
    pivot: dict[str, Any]


class CheckTokenClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._keys: dict[str, jwt.PyJWK] = {}
        self._lock = threading.Lock()

    def introspect(self, access_token: str) -> Introspection:
        settings = self._settings
        if not settings.fc_checktoken_url:
            raise CheckTokenFailed("SANDBOX_AGENCIES_FC_CHECKTOKEN_URL n'est pas configurée")
        try:
            response = requests.post(
                settings.fc_checktoken_url,
                data={
                    "token": access_token,
                    "client_id": settings.fc_client_id,
                    "client_secret": settings.fc_client_secret,
                },
                timeout=settings.fc_timeout_seconds,
            )
        except requests.RequestException as e:
            raise CheckTokenFailed(f"appel impossible ({e.__class__.__name__})") from e
        if response.status_code != 200:
            raise CheckTokenFailed(f"réponse HTTP {response.status_code}")
        claims = self._verified(response.text.strip())
        introspection = claims.get("token_introspection")
        if not isinstance(introspection, dict):
            raise CheckTokenFailed("token_introspection absent de la réponse")
        active = introspection.get("active") is True
        scopes = frozenset(str(introspection.get("scope") or "").split()) if active else frozenset()
        return Introspection(active=active, scopes=scopes, pivot=introspection if active else {})

    def _verified(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as e:
            raise CheckTokenFailed("la réponse n'est pas un JWT signé") from e
        if header.get("alg") not in ALGORITHMS:
            raise CheckTokenFailed(f"algorithme refusé : {header.get('alg')!r}")
        key = self._key(str(header.get("kid") or ""))
        try:
            return jwt.decode(
                token,
                key.key,
                algorithms=ALGORITHMS,
                audience=self._settings.fc_client_id,
                issuer=self._settings.fc_issuer or None,
                options={"require": ["iat", "aud"]},
            )
        except jwt.PyJWTError as e:
            raise CheckTokenFailed(f"signature ou revendications invalides ({e})") from e

    def _key(self, kid: str) -> jwt.PyJWK:
        with self._lock:
            key = self._keys.get(kid)
        if key is not None:
            return key
        keys = self._jwks_fetch()
        with self._lock:
            self._keys = keys
        if kid not in keys:
            raise CheckTokenFailed(f"clé de signature inconnue : {kid!r}")
        return keys[kid]

    def _jwks_fetch(self) -> dict[str, jwt.PyJWK]:
        try:
            response = requests.get(self._settings.fc_jwks_url, timeout=self._settings.fc_timeout_seconds)
            response.raise_for_status()
            jwks = jwt.PyJWKSet.from_dict(response.json())
        except (requests.RequestException, ValueError, jwt.PyJWTError) as e:
            raise CheckTokenFailed(f"JWKS illisible ({e.__class__.__name__})") from e
        return {str(key.key_id or ""): key for key in jwks.keys}
