"""The FranceConnect sandbox served by gunicorn once per session, and a small OIDC client to drive it."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests

from sandbox.franceconnect.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_DATA_PROVIDER_ID,
    DEFAULT_DATA_PROVIDER_SECRET,
)
from sandbox.process import running_sandbox

TARGET = "sandbox.franceconnect.app:create_app()"
REDIRECT_URI = "http://127.0.0.1:8123/oidc/callback/"
POST_LOGOUT_REDIRECT_URI = "http://127.0.0.1:8123/"
SCOPE = (
    "openid identite_pivot email preferred_username revenu_solidarite_active complementaire_sante_solidaire"
)
TIMEOUT = 10


def query_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


@dataclass
class FranceConnectClient:
    """What a service provider does, step by step, so each test can break one step."""

    base_url: str
    http: requests.Session

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/api/v2"

    def authorize_params(self, **overrides: str) -> dict[str, str]:
        params = {
            "client_id": DEFAULT_CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "response_type": "code",
            "scope": SCOPE,
            "state": secrets.token_urlsafe(32),
            "nonce": secrets.token_urlsafe(32),
            "acr_values": "eidas1",
        }
        params.update(overrides)
        return {name: value for name, value in params.items() if value is not None}

    def authorize(self, **overrides: str) -> requests.Response:
        return self.http.get(
            f"{self.issuer}/authorize",
            params=self.authorize_params(**overrides),
            allow_redirects=False,
            timeout=TIMEOUT,
        )

    def code_for(self, login: str = "nom_composé", **overrides: str) -> dict[str, str]:
        """The callback parameters (code, state) and the request's nonce, logging in with login_hint."""
        params = self.authorize_params(login_hint=login, **overrides)
        response = self.http.get(
            f"{self.issuer}/authorize", params=params, allow_redirects=False, timeout=TIMEOUT
        )
        assert response.status_code == 302, response.text
        return {**query_of(response.headers["Location"]), "nonce": params["nonce"]}

    def token(self, code: str, **overrides: str) -> requests.Response:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "client_id": DEFAULT_CLIENT_ID,
            "client_secret": DEFAULT_CLIENT_SECRET,
        }
        form.update(overrides)
        form = {name: value for name, value in form.items() if value is not None}
        return self.http.post(f"{self.issuer}/token", data=form, timeout=TIMEOUT)

    def login(self, login: str = "nom_composé", **overrides: str) -> dict[str, Any]:
        callback = self.code_for(login, **overrides)
        response = self.token(callback["code"])
        assert response.status_code == 200, response.text
        return {**response.json(), "nonce": callback["nonce"], "state": callback["state"]}

    def userinfo(self, access_token: str) -> requests.Response:
        headers = {"Authorization": f"Bearer {access_token}"}
        return self.http.get(f"{self.issuer}/userinfo", headers=headers, timeout=TIMEOUT)

    def checktoken(self, token: str, **overrides: str) -> requests.Response:
        form = {
            "token": token,
            "client_id": DEFAULT_DATA_PROVIDER_ID,
            "client_secret": DEFAULT_DATA_PROVIDER_SECRET,
        }
        form.update(overrides)
        return self.http.post(f"{self.issuer}/checktoken", data=form, timeout=TIMEOUT)

    def jwks(self) -> jwt.PyJWKSet:
        return jwt.PyJWKSet.from_dict(self.http.get(f"{self.issuer}/jwks", timeout=TIMEOUT).json())

    def verify(self, token: str, *, audience: str = DEFAULT_CLIENT_ID) -> dict[str, Any]:
        """Verify a JWT as a careful client does: published key by kid, algorithm, issuer, audience, expiry."""
        kid = jwt.get_unverified_header(token)["kid"]
        key = self.jwks()[kid]
        return jwt.decode(token, key, algorithms=["ES256", "RS256"], audience=audience, issuer=self.issuer)

    def control(self, action: str, payload: dict[str, Any] | None = None) -> requests.Response:
        return self.http.post(f"{self.base_url}/_sandbox/{action}", json=payload or {}, timeout=TIMEOUT)

    def fault(self, name: str) -> None:
        assert self.control("next-fault", {"fault": name}).status_code == 200


@pytest.fixture(scope="session")
def fc_state_dir(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("fc-state")


@pytest.fixture(scope="session")
def fc_base_url(fc_state_dir) -> Iterator[str]:
    with running_sandbox(TARGET, env={"SANDBOX_STATE_DIR": str(fc_state_dir)}) as base_url:
        yield base_url


@pytest.fixture
def fc(fc_base_url: str) -> Iterator[FranceConnectClient]:
    with requests.Session() as http:
        client = FranceConnectClient(base_url=fc_base_url, http=http)
        assert client.control("reset").status_code == 200
        yield client
