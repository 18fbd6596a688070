"""The agency sandbox and the FranceConnect sandbox, served by gunicorn once per session."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import yaml

from sandbox.franceconnect.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from sandbox.process import running_sandbox

from .contract import contracts_available

TARGET = "sandbox.agencies.app:create_app()"
FC_TARGET = "sandbox.franceconnect.app:create_app()"
TOKEN = "test-agencies-token"
RSA_ONLY_TOKEN = "test-rsa-only-token"
DGFIP_TOKEN = "test-dgfip-token"
RECIPIENT = "13002526500013"
OTHER_RECIPIENT = "21750001600019"
REDIRECT_URI = "http://127.0.0.1:8123/oidc/callback/"
TIMEOUT = 10
IDENTITIES_FILE = Path(__file__).resolve().parents[3] / "sandbox" / "data" / "identities.yaml"
ENV = {
    "SANDBOX_AGENCIES_TOKENS": f"{TOKEN},{RSA_ONLY_TOKEN}:revenu_solidarite_active",
    "SANDBOX_AGENCIES_RECIPIENTS": f"{RECIPIENT},{OTHER_RECIPIENT}",
    "SANDBOX_AGENCIES_DGFIP_TOKENS": DGFIP_TOKEN,
    "SANDBOX_AGENCIES_LATENCY_MS": "0",
}


def identities() -> dict[str, dict[str, str]]:
    with IDENTITIES_FILE.open(encoding="utf-8") as stream:
        return {item["login"]: item for item in yaml.safe_load(stream)}


def identity_params(login: str, **overrides: Any) -> dict[str, Any]:
    """Identity-mode parameters for a demo person, as a careful caller builds them from FranceConnect."""
    person = identities()[login]
    year, month, day = (int(part) for part in person["birthdate"].split("-"))
    params: dict[str, Any] = {
        "recipient": RECIPIENT,
        "nomNaissance": person["family_name"],
        "prenoms[]": person["given_name"].split()[:3],
        "anneeDateNaissance": year,
        "moisDateNaissance": month or None,
        "jourDateNaissance": day or None,
        "sexeEtatCivil": {"male": "M", "female": "F"}.get(person["gender"]),
        "codeCogInseePaysNaissance": person["birthcountry"],
        "codeCogInseeCommuneNaissance": person["birthplace"] or None,
    }
    if person["preferred_username"] and person["preferred_username"] != person["family_name"]:
        params["nomUsage"] = person["preferred_username"]
    params.update(overrides)
    return {name: value for name, value in params.items() if value is not None}


@dataclass
class Agencies:
    base_url: str
    http: requests.Session

    def get(self, path: str, *, token: str | None = TOKEN, headers: dict | None = None, **params: Any):
        all_headers = {"Authorization": f"Bearer {token}"} if token else {}
        all_headers.update(headers or {})
        return self.http.get(self.base_url + path, params=params, headers=all_headers, timeout=TIMEOUT)

    def dgfip(self, path: str, *, token: str = DGFIP_TOKEN, fc_token: str | None = None, **headers: str):
        sent = {"Authorization": f"Bearer {token}", "X-Correlation-ID": str(uuid.uuid4()), **headers}
        if fc_token:
            sent["X-FranceConnect-OAuth"] = fc_token
        return self.http.get(self.base_url + path, headers=sent, timeout=TIMEOUT)

    def control(self, action: str, payload: dict[str, Any] | None = None) -> requests.Response:
        return self.http.post(f"{self.base_url}/_sandbox/{action}", json=payload or {}, timeout=TIMEOUT)

    def fault(self, path_prefix: str, fault: str, **options: Any) -> None:
        response = self.control("faults", {"path_prefix": path_prefix, "fault": fault, **options})
        assert response.status_code == 201, response.text

    def calls(self, prefix: str = "") -> dict[str, Any]:
        return self.http.get(
            f"{self.base_url}/_sandbox/calls", params={"prefix": prefix}, timeout=TIMEOUT
        ).json()


@dataclass
class FranceConnect:
    base_url: str
    http: requests.Session

    def access_token(self, login: str, scope: str) -> str:
        """Log ``login`` in at the FranceConnect sandbox (login_hint) and redeem the code, as the portal does."""
        issuer = f"{self.base_url}/api/v2"
        params = {
            "client_id": DEFAULT_CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "response_type": "code",
            "scope": f"openid identite_pivot {scope}",
            "state": secrets.token_urlsafe(32),
            "nonce": secrets.token_urlsafe(32),
            "acr_values": "eidas1",
            "login_hint": login,
        }
        response = self.http.get(f"{issuer}/authorize", params=params, allow_redirects=False, timeout=TIMEOUT)
        assert response.status_code == 302, response.text
        code = parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "client_id": DEFAULT_CLIENT_ID,
            "client_secret": DEFAULT_CLIENT_SECRET,
        }
        response = self.http.post(f"{issuer}/token", data=form, timeout=TIMEOUT)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def supported_scopes(self) -> set[str]:
        discovery = self.http.get(f"{self.base_url}/api/v2/.well-known/openid-configuration", timeout=TIMEOUT)
        return set(discovery.json()["scopes_supported"])


@pytest.fixture(scope="session")
def fc_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    state_dir = tmp_path_factory.mktemp("fc-state-for-agencies")
    with running_sandbox(FC_TARGET, env={"SANDBOX_STATE_DIR": str(state_dir)}) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def agencies_base_url(fc_base_url: str) -> Iterator[str]:
    env = {**ENV, "SANDBOX_AGENCIES_FC_CHECKTOKEN_URL": f"{fc_base_url}/api/v2/checktoken"}
    with running_sandbox(TARGET, env=env) as base_url:
        yield base_url


@pytest.fixture
def agencies(agencies_base_url: str) -> Iterator[Agencies]:
    with requests.Session() as http:
        client = Agencies(base_url=agencies_base_url, http=http)
        assert client.control("reset").status_code == 200
        yield client


@pytest.fixture
def franceconnect(fc_base_url: str) -> Iterator[FranceConnect]:
    with requests.Session() as http:
        yield FranceConnect(base_url=fc_base_url, http=http)


@pytest.fixture
def contracts() -> None:
    if not contracts_available():
        pytest.skip("the official contracts are not beside the repository (../shared/contracts)")
