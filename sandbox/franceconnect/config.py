"""Settings of the FranceConnect sandbox, read from the environment and failing loudly."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CLIENT_ID = "mesdroits-demo"
DEFAULT_CLIENT_SECRET = "mesdroits-demo-secret-for-the-local-sandbox-only-0123456789abcdef"  # noqa: S105
DEFAULT_DATA_PROVIDER_ID = "api-particulier-sandbox"
DEFAULT_DATA_PROVIDER_SECRET = "api-particulier-sandbox-secret-for-local-use-only-0123456789"  # noqa: S105
DEFAULT_REDIRECT_URIS = "http://127.0.0.1:*/oidc/callback/,http://localhost:*/oidc/callback/"
DEFAULT_POST_LOGOUT_REDIRECT_URIS = "http://127.0.0.1:*/,http://localhost:*/,http://127.0.0.1:*/deconnexion/retour/,http://localhost:*/deconnexion/retour/"
SUPPORTED_ALGS = ("ES256", "RS256")
LOOPBACK_WILDCARD = re.compile(r"^https?://(127\.0\.0\.1|localhost):\*(/.*)?$")


class ImproperlyConfigured(ValueError):
    pass


class UriPattern:
    """A registered URI; on loopback hosts the port may be ``*`` so test servers on random ports match."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        if ":*" in pattern:
            if not LOOPBACK_WILDCARD.match(pattern):
                raise ImproperlyConfigured(f"port '*' is only allowed on 127.0.0.1 or localhost: {pattern!r}")
            self._regex = re.compile(re.escape(pattern).replace(re.escape(":*"), r":\d{1,5}"))
        else:
            self._regex = re.compile(re.escape(pattern))

    def matches(self, uri: str) -> bool:
        return bool(self._regex.fullmatch(uri))

    def __repr__(self) -> str:
        return f"UriPattern({self.pattern!r})"


def _uri_list(value: str, name: str) -> tuple[UriPattern, ...]:
    patterns = tuple(UriPattern(item.strip()) for item in value.split(",") if item.strip())
    if not patterns:
        raise ImproperlyConfigured(f"{name} must list at least one URI")
    return patterns


def _positive_int(value: str, name: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None
    if number <= 0:
        raise ImproperlyConfigured(f"{name} must be positive, got {number}")
    return number


@dataclass(frozen=True)
class Settings:
    client_id: str
    client_secret: str
    client_name: str
    redirect_uris: tuple[UriPattern, ...]
    post_logout_redirect_uris: tuple[UriPattern, ...]
    data_provider_id: str
    data_provider_secret: str
    alg: str
    issuer_url: str | None
    state_dir: Path
    identities_file: Path
    code_ttl: int
    access_token_ttl: int
    id_token_ttl: int

    def redirect_uri_allowed(self, uri: str) -> bool:
        return any(pattern.matches(uri) for pattern in self.redirect_uris)

    def post_logout_redirect_uri_allowed(self, uri: str) -> bool:
        return any(pattern.matches(uri) for pattern in self.post_logout_redirect_uris)


def load_settings(env: Mapping[str, str]) -> Settings:
    alg = env.get("SANDBOX_FC_ALG", "ES256")
    if alg not in SUPPORTED_ALGS:
        raise ImproperlyConfigured(f"SANDBOX_FC_ALG must be one of {SUPPORTED_ALGS}, got {alg!r}")
    issuer_url = env.get("SANDBOX_FC_ISSUER_URL", "").rstrip("/") or None
    default_identities = Path(__file__).resolve().parent.parent / "data" / "identities.yaml"
    return Settings(
        client_id=env.get("SANDBOX_FC_CLIENT_ID", DEFAULT_CLIENT_ID),
        client_secret=env.get("SANDBOX_FC_CLIENT_SECRET", DEFAULT_CLIENT_SECRET),
        client_name=env.get("SANDBOX_FC_CLIENT_NAME", "Mes Droits"),
        redirect_uris=_uri_list(
            env.get("SANDBOX_FC_REDIRECT_URIS", DEFAULT_REDIRECT_URIS), "SANDBOX_FC_REDIRECT_URIS"
        ),
        post_logout_redirect_uris=_uri_list(
            env.get("SANDBOX_FC_POST_LOGOUT_REDIRECT_URIS", DEFAULT_POST_LOGOUT_REDIRECT_URIS),
            "SANDBOX_FC_POST_LOGOUT_REDIRECT_URIS",
        ),
        data_provider_id=env.get("SANDBOX_FC_DATA_PROVIDER_ID", DEFAULT_DATA_PROVIDER_ID),
        data_provider_secret=env.get("SANDBOX_FC_DATA_PROVIDER_SECRET", DEFAULT_DATA_PROVIDER_SECRET),
        alg=alg,
        issuer_url=issuer_url,
        state_dir=Path(env.get("SANDBOX_STATE_DIR", "var/sandbox")),
        identities_file=Path(env.get("SANDBOX_FC_IDENTITIES_FILE", str(default_identities))),
        code_ttl=_positive_int(env.get("SANDBOX_FC_CODE_TTL_SECONDS", "60"), "SANDBOX_FC_CODE_TTL_SECONDS"),
        access_token_ttl=_positive_int(
            env.get("SANDBOX_FC_ACCESS_TOKEN_TTL_SECONDS", "60"), "SANDBOX_FC_ACCESS_TOKEN_TTL_SECONDS"
        ),
        id_token_ttl=_positive_int(
            env.get("SANDBOX_FC_ID_TOKEN_TTL_SECONDS", "60"), "SANDBOX_FC_ID_TOKEN_TTL_SECONDS"
        ),
    )
