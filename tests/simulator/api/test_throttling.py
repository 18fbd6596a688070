"""POST /api/simulateur/simulation/ is rate-limited: anonymous callers per IP, partners per token."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient

from simulator.api.tokens import partner_token_create, partner_token_revoke, token_hash
from simulator.api.views import EXAMPLE
from simulator.models import PartnerApiToken

pytestmark = pytest.mark.django_db
URL = "/api/simulateur/simulation/"
# Throttling runs before the body is read: an empty body (400, nothing computed) counts as a call.
CHEAP = {}


@pytest.fixture(autouse=True)
def _throttle_counters_cleared():
    """Forget the simulator API's counters only (the cache may share Redis with other keys)."""

    def clear() -> None:
        client = cache._cache.get_client(write=True)  # Django's RedisCache has no public key listing.
        for key in client.scan_iter(match="*throttle_simulator-*"):
            client.delete(key)

    clear()
    yield
    clear()


@pytest.fixture
def partner(db):
    """A France Services desk with a partner token; `.raw` is the secret it was given once."""
    token, raw = partner_token_create(name="France Services Rennes")
    token.raw = raw
    return token


def call(*, ip: str = "192.0.2.10", token: str | None = None, body=CHEAP, **headers):
    client = APIClient(REMOTE_ADDR=ip)
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client.post(URL, body, format="json", **headers)


def assert_throttled(response) -> None:
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 3600
    detail = response.json()["detail"]
    assert detail.startswith("Trop de simulations demandées : réessayez dans ")
    assert f"dans {retry_after} secondes" in detail


def test_an_anonymous_client_beyond_its_rate_gets_a_french_429_with_retry_after(settings):
    settings.SIMULATOR_API_ANON_RATE = "2/h"
    assert [call().status_code for _ in range(2)] == [400, 400]

    response = call(body=EXAMPLE)

    assert_throttled(response)
    assert "benefits" not in response.json()  # nothing computed
    assert call(ip="192.0.2.11").status_code == 400  # another client is not held back


def test_a_forged_forwarded_for_header_does_not_reset_the_anonymous_limit(settings):
    settings.SIMULATOR_API_ANON_RATE = "1/h"
    assert call(HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 400

    assert_throttled(call(HTTP_X_FORWARDED_FOR="10.0.0.2"))


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(settings):
    settings.SIMULATOR_API_ANON_RATE = "1/h"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert call(ip="10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 400
    assert_throttled(call(ip="10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.1"))

    assert call(ip="10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 400


def test_a_partner_token_gets_its_higher_rate_from_the_same_ip(settings, partner):
    settings.SIMULATOR_API_ANON_RATE = "1/h"
    settings.SIMULATOR_API_PARTNER_RATE = "3/h"
    assert call().status_code == 400
    assert_throttled(call())

    assert call(token=partner.raw, body=EXAMPLE).status_code == 200  # computes for real
    assert [call(token=partner.raw).status_code for _ in range(2)] == [400, 400]
    assert_throttled(call(token=partner.raw))
    partner.refresh_from_db()
    assert partner.last_used_at is not None


def test_an_unknown_or_revoked_token_is_refused_with_401(partner):
    response = call(token="mds_not-a-token")
    assert response.status_code == 401
    assert response.json() == {"detail": "Jeton invalide ou révoqué."}
    assert response["WWW-Authenticate"] == 'Bearer realm="mesdroits-simulateur"'

    partner_token_revoke(token=partner)

    assert call(token=partner.raw).status_code == 401


def test_the_command_creates_a_token_shown_once_and_stored_as_a_hash(capsys):
    call_command("simulator_create_api_token", "--name", "Association Droits Ouverts")

    raw = capsys.readouterr().out.strip().splitlines()[-1]
    token = PartnerApiToken.objects.get()
    assert re.fullmatch(r"mds_[\w-]{40,}", raw)
    assert token.name == "Association Droits Ouverts"
    assert token.token_hash == token_hash(raw)
    assert raw not in {token.prefix, token.token_hash}


def test_the_limits_and_the_429_are_documented_in_the_openapi_schema(settings):
    settings.SIMULATOR_API_ANON_RATE = "7/h"
    settings.SIMULATOR_API_PARTNER_RATE = "70/min"

    schema = APIClient().get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"][URL]["post"]
    assert "7/h per client IP" in operation["description"]
    assert "70/min per token" in operation["description"]
    assert "Retry-After" in operation["responses"]["429"]["headers"]
    assert "401" in operation["responses"]
    assert {"partnerToken": []} in operation["security"]
    assert {} in operation["security"]  # the token is optional
    assert schema["components"]["securitySchemes"]["partnerToken"]["scheme"] == "bearer"
