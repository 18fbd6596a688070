"""The sandbox's parts, attached to the Flask app, and helpers every view shares."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import current_app, request

from .config import Settings
from .identities import Identity
from .keys import KeyRing
from .store import Store

EXTENSION_KEY = "franceconnect_sandbox"


@dataclass(frozen=True)
class Sandbox:
    settings: Settings
    keys: KeyRing
    identities: dict[str, Identity]
    store: Store

    def identity_by_sub(self, sub: str) -> Identity | None:
        return next((identity for identity in self.identities.values() if identity.sub == sub), None)


def current_sandbox() -> Sandbox:
    return current_app.extensions[EXTENSION_KEY]


def issuer() -> str:
    """The configured issuer, else the one of the host the caller used (127.0.0.1 and localhost differ)."""
    configured = current_sandbox().settings.issuer_url
    return configured or request.host_url.rstrip("/") + "/api/v2"


def url_with_params(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + [(k, v) for k, v in params.items() if v]
    return urlunsplit(parts._replace(query=urlencode(query)))
