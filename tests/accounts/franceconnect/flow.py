"""A driver for the FranceConnect code flow in tests: the portal through Django's test client, the
provider through real HTTP to the sandbox process."""

from urllib.parse import parse_qs, urlsplit

import requests
from django.test import Client

TIMEOUT = 10
# The sandbox accepts loopback redirect URIs on any port; the test client must look like one.
PORTAL_HOST = "127.0.0.1:8000"


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


class FranceConnectFlow:
    def __init__(self, *, sandbox_url: str):
        self.sandbox_url = sandbox_url
        self.http = requests.Session()

    def reset(self) -> None:
        self.http.post(f"{self.sandbox_url}/_sandbox/reset", timeout=TIMEOUT).raise_for_status()

    def fault(self, name: str) -> None:
        self.http.post(
            f"{self.sandbox_url}/_sandbox/next-fault", json={"fault": name}, timeout=TIMEOUT
        ).raise_for_status()

    def rotate_key(self) -> None:
        self.http.post(f"{self.sandbox_url}/_sandbox/rotate-key", timeout=TIMEOUT).raise_for_status()

    def calls(self, path: str) -> list[dict]:
        response = self.http.get(f"{self.sandbox_url}/_sandbox/calls", params={"path": path}, timeout=TIMEOUT)
        return response.json()["calls"]

    @staticmethod
    def client() -> Client:
        return Client(HTTP_HOST=PORTAL_HOST)

    def start(self, client: Client) -> str:
        """The portal's redirect to the provider's authorize endpoint."""
        response = client.get("/oidc/authenticate/")
        assert response.status_code == 302, response.content
        return response["Location"]

    def authorize(self, authorize_url: str, *, login: str) -> dict[str, str]:
        """The person picks `login` at the provider; return the callback's query (code, state)."""
        response = self.http.get(
            authorize_url, params={"login_hint": login}, allow_redirects=False, timeout=TIMEOUT
        )
        assert response.status_code == 302, response.text
        return query_of(response.headers["Location"])

    def login(self, client: Client, *, login: str = "nom_composé"):
        callback = self.authorize(self.start(client), login=login)
        return client.get("/oidc/callback/", callback)
