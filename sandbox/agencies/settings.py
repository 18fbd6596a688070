"""Settings of the agency sandbox, read from the environment and failing loudly on a bad value."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_TOKENS = "mesdroits-agencies-sandbox-token"
DEFAULT_RECIPIENTS = "13002526500013"
# The FranceConnect sandbox knows API Particulier by these credentials (sandbox/franceconnect/config.py).
DEFAULT_FC_CLIENT_ID = "api-particulier-sandbox"
DEFAULT_FC_CLIENT_SECRET = "api-particulier-sandbox-secret-for-local-use-only-0123456789"  # noqa: S105
DEFAULT_DGFIP_TOKENS = "mesdroits-dgfip-sandbox-token"
DEFAULT_DGFIP_CLIENTS = "mesdroits-dgfip:mesdroits-dgfip-sandbox-secret"
PARIS = ZoneInfo("Europe/Paris")
SIRET = re.compile(r"^\d{14}$")


class ImproperlyConfigured(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    # API Particulier token -> its scopes (None: every scope).
    tokens: Mapping[str, frozenset[str] | None]
    recipients: frozenset[str]
    latency_ms: int
    fc_checktoken_url: str
    fc_jwks_url: str
    fc_client_id: str
    fc_client_secret: str
    fc_issuer: str
    fc_timeout_seconds: float
    dgfip_tokens: frozenset[str]
    dgfip_clients: Mapping[str, str]
    identities_file: Path
    records_file: Path
    today: dt.date | None

    def current_date(self) -> dt.date:
        return self.today or dt.datetime.now(PARIS).date()


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _tokens(value: str) -> dict[str, frozenset[str] | None]:
    """``token`` grants every scope; ``token:scope_a scope_b`` only those."""
    tokens: dict[str, frozenset[str] | None] = {}
    for item in _items(value):
        token, _, scopes = item.partition(":")
        tokens[token.strip()] = frozenset(scopes.split()) if scopes.strip() else None
    if not tokens:
        raise ImproperlyConfigured("SANDBOX_AGENCIES_TOKENS must list at least one token")
    return tokens


def _recipients(value: str) -> frozenset[str]:
    recipients = frozenset(_items(value))
    bad = sorted(item for item in recipients if not SIRET.match(item))
    if bad or not recipients:
        raise ImproperlyConfigured(
            f"SANDBOX_AGENCIES_RECIPIENTS must list 14-digit SIRETs, got {bad or value!r}"
        )
    return recipients


def _non_negative_int(value: str, name: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None
    if number < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, got {number}")
    return number


def _positive_float(value: str, name: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}") from None
    if number <= 0:
        raise ImproperlyConfigured(f"{name} must be positive, got {number}")
    return number


def _clients(value: str) -> dict[str, str]:
    clients = {}
    for item in _items(value):
        client_id, sep, secret = item.partition(":")
        if not sep or not client_id or not secret:
            raise ImproperlyConfigured(f"SANDBOX_AGENCIES_DGFIP_CLIENTS entries are id:secret, got {item!r}")
        clients[client_id] = secret
    return clients


def _today(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"SANDBOX_AGENCIES_TODAY must be YYYY-MM-DD, got {value!r}") from None


def _jwks_url(checktoken_url: str, explicit: str) -> str:
    if explicit or not checktoken_url:
        return explicit
    # FranceConnect v2 publishes its keys beside checktoken: <FC>/api/v2/jwks.
    return checktoken_url.rstrip("/").rsplit("/", 1)[0] + "/jwks"


def load_settings(env: Mapping[str, str]) -> Settings:
    checktoken_url = env.get("SANDBOX_AGENCIES_FC_CHECKTOKEN_URL", "").strip()
    return Settings(
        tokens=_tokens(env.get("SANDBOX_AGENCIES_TOKENS", DEFAULT_TOKENS)),
        recipients=_recipients(env.get("SANDBOX_AGENCIES_RECIPIENTS", DEFAULT_RECIPIENTS)),
        latency_ms=_non_negative_int(
            env.get("SANDBOX_AGENCIES_LATENCY_MS", "0"), "SANDBOX_AGENCIES_LATENCY_MS"
        ),
        fc_checktoken_url=checktoken_url,
        fc_jwks_url=_jwks_url(checktoken_url, env.get("SANDBOX_AGENCIES_FC_JWKS_URL", "").strip()),
        fc_client_id=env.get("SANDBOX_AGENCIES_FC_CLIENT_ID", DEFAULT_FC_CLIENT_ID),
        fc_client_secret=env.get("SANDBOX_AGENCIES_FC_CLIENT_SECRET", DEFAULT_FC_CLIENT_SECRET),
        fc_issuer=env.get("SANDBOX_AGENCIES_FC_ISSUER", "").strip(),
        fc_timeout_seconds=_positive_float(
            env.get("SANDBOX_AGENCIES_FC_TIMEOUT_SECONDS", "5"), "SANDBOX_AGENCIES_FC_TIMEOUT_SECONDS"
        ),
        dgfip_tokens=frozenset(_items(env.get("SANDBOX_AGENCIES_DGFIP_TOKENS", DEFAULT_DGFIP_TOKENS))),
        dgfip_clients=_clients(env.get("SANDBOX_AGENCIES_DGFIP_CLIENTS", DEFAULT_DGFIP_CLIENTS)),
        identities_file=Path(env.get("SANDBOX_AGENCIES_IDENTITIES_FILE", str(DATA_DIR / "identities.yaml"))),
        records_file=Path(env.get("SANDBOX_AGENCIES_RECORDS_FILE", str(DATA_DIR / "agency_records.yaml"))),
        today=_today(env.get("SANDBOX_AGENCIES_TODAY", "").strip()),
    )
