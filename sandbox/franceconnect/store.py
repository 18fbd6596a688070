"""In-memory state of the sandbox (one gunicorn worker, many threads): every access holds the lock."""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

INTERACTION_TTL_SECONDS = 600
MAX_RECORDED_CALLS = 500


@dataclass(frozen=True)
class AuthorizationRequest:
    client_id: str
    redirect_uri: str
    state: str
    nonce: str
    scopes: list[str]
    acr: str


@dataclass
class Grant:
    request: AuthorizationRequest
    login: str
    auth_time: int
    expires_at: float
    used: bool = False
    access_tokens: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AccessToken:
    value: str
    client_id: str
    login: str
    scopes: list[str]
    acr: str
    jti: str
    iat: int
    exp: int


class CodeRefused(Exception):
    """The code is unknown, expired or already used."""


class Store:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._interactions: dict[str, tuple[AuthorizationRequest, float]] = {}
            self._grants: dict[str, Grant] = {}
            self._access_tokens: dict[str, AccessToken] = {}
            self._faults: list[str] = []
            self._calls: deque[dict[str, Any]] = deque(maxlen=MAX_RECORDED_CALLS)
            self._last_logout: dict[str, Any] | None = None

    # Interactions: the chooser page between /authorize and the person's choice.
    def interaction_create(self, request: AuthorizationRequest) -> str:
        uid = secrets.token_urlsafe(24)
        with self._lock:
            self._interactions[uid] = (request, time.monotonic() + INTERACTION_TTL_SECONDS)
        return uid

    def interaction_pop(self, uid: str) -> AuthorizationRequest | None:
        with self._lock:
            request, expires_at = self._interactions.pop(uid, (None, 0.0))
        return request if request and time.monotonic() < expires_at else None

    # Authorization codes.
    def grant_create(self, request: AuthorizationRequest, login: str, ttl: int) -> str:
        code = secrets.token_urlsafe(32)
        grant = Grant(
            request=request, login=login, auth_time=int(time.time()), expires_at=time.monotonic() + ttl
        )
        with self._lock:
            self._grants[code] = grant
        return code

    def grant_redeem(self, code: str) -> Grant:
        """Mark the code used; a second use also revokes what the first one issued (RFC 6749 4.1.2)."""
        with self._lock:
            grant = self._grants.get(code)
            if grant is None or time.monotonic() >= grant.expires_at:
                raise CodeRefused("code unknown or expired")
            if grant.used:
                for token in grant.access_tokens:
                    self._access_tokens.pop(token, None)
                raise CodeRefused("code already used")
            grant.used = True
            return grant

    # Access tokens.
    def access_token_create(self, grant: Grant, ttl: int) -> AccessToken:
        now = int(time.time())
        token = AccessToken(
            value=secrets.token_urlsafe(32),
            client_id=grant.request.client_id,
            login=grant.login,
            scopes=grant.request.scopes,
            acr=grant.request.acr,
            jti=secrets.token_urlsafe(32),
            iat=now,
            exp=now + ttl,
        )
        with self._lock:
            self._access_tokens[token.value] = token
            grant.access_tokens.append(token.value)
        return token

    def access_token_active(self, value: str) -> AccessToken | None:
        with self._lock:
            token = self._access_tokens.get(value)
        return token if token and token.exp > time.time() else None

    def access_tokens_revoke(self, *, client_id: str, login: str) -> None:
        with self._lock:
            for value, token in list(self._access_tokens.items()):
                if token.client_id == client_id and token.login == login:
                    del self._access_tokens[value]

    # Faults: each applies once, to the next answer of the endpoint its name starts with.
    def fault_push(self, name: str) -> None:
        with self._lock:
            self._faults.append(name)

    def fault_pop(self, prefix: str) -> str | None:
        with self._lock:
            for index, name in enumerate(self._faults):
                if name.startswith(prefix):
                    return self._faults.pop(index)
        return None

    def faults_pending(self) -> list[str]:
        with self._lock:
            return list(self._faults)

    # Records for tests.
    def call_record(self, call: dict[str, Any]) -> None:
        with self._lock:
            self._calls.append(call)

    def calls(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._calls)

    def logout_record(self, logout: dict[str, Any]) -> None:
        with self._lock:
            self._last_logout = logout

    def last_logout(self) -> dict[str, Any] | None:
        with self._lock:
            return self._last_logout
