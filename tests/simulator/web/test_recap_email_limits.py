"""'Envoyer le récapitulatif' is no mail relay: sends are bounded per session, client IP and address."""

import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from simulator.models import Simulation
from tests.simulator.conftest import hugo_answers
from tests.simulator.web.helpers import answer_all

pytestmark = pytest.mark.django_db

SEND_URL = "/simulateur/resultats/envoyer/"
REFUSED = "Trop de récapitulatifs ont été demandés depuis cet appareil ou vers cette adresse"
GENEROUS = "100/h"


@pytest.fixture(autouse=True)
def _rate_counters_cleared():
    """Forget django-ratelimit's counters only (the cache may share Redis with other keys)."""

    def clear() -> None:
        client = cache._cache.get_client(write=True)  # Django's RedisCache has no public key listing.
        for key in client.scan_iter(match="*:rl:*"):
            client.delete(key)

    clear()
    yield
    clear()


@pytest.fixture
def limits(settings):
    """`limits(session=..., ip=..., address=...)`: one tight limit, the others generous."""

    def make(*, session: str = GENEROUS, ip: str = GENEROUS, address: str = GENEROUS) -> None:
        settings.SIMULATOR_RECAP_EMAIL_RATE_SESSION = session
        settings.SIMULATOR_RECAP_EMAIL_RATE_IP = ip
        settings.SIMULATOR_RECAP_EMAIL_RATE_ADDRESS = address

    return make


@pytest.fixture
def hugo_results(client):
    answer_all(client, hugo_answers())
    assert client.post("/simulateur/recapitulatif/").status_code == 302
    return client


@pytest.fixture
def fresh_session(hugo_results):
    """`fresh_session(ip)`: another browser with Hugo's results, through a resume link (no recompute)."""
    hugo_results.post("/simulateur/lien/")
    token = Simulation.objects.get().token

    def make(ip: str) -> Client:
        other = Client(REMOTE_ADDR=ip)
        assert other.get(f"/simulateur/reprendre/{token}/").status_code == 302
        return other

    return make


def assert_refused(response, *, address: str) -> None:
    page = response.content.decode()
    assert response.status_code == 429
    assert REFUSED in page
    assert f'value="{address}"' in page  # the typed address is kept in the form


def test_under_the_limits_the_recap_is_sent(hugo_results, limits):
    limits(session="2/h", ip="2/h", address="2/d")
    for _ in range(2):
        response = hugo_results.post(SEND_URL, {"email": "hugo@example.org"})
        assert response.status_code == 302
        assert response["Location"] == "/simulateur/resultats/"
    assert [message.to for message in mail.outbox] == [["hugo@example.org"], ["hugo@example.org"]]


def test_a_send_beyond_the_session_limit_is_refused_and_nothing_is_sent(hugo_results, limits, caplog):
    limits(session="3/h")
    for index in range(3):
        assert hugo_results.post(SEND_URL, {"email": f"ami{index}@example.org"}).status_code == 302
    simulations = Simulation.objects.count()

    with caplog.at_level(logging.WARNING, logger="simulator.views.results"):
        response = hugo_results.post(SEND_URL, {"email": "victime@example.org"})

    assert_refused(response, address="victime@example.org")
    assert len(mail.outbox) == 3
    assert all(message.to != ["victime@example.org"] for message in mail.outbox)
    assert Simulation.objects.count() == simulations
    (record,) = [r for r in caplog.records if r.name == "simulator.views.results"]
    assert record.getMessage() == "Recap e-mail refused: the per-session limit is reached"
    assert "victime" not in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_fresh_sessions_from_one_ip_are_refused_beyond_the_ip_limit(fresh_session, limits):
    limits(ip="2/h")
    for index in range(2):
        response = fresh_session("203.0.113.7").post(SEND_URL, {"email": f"ami{index}@example.org"})
        assert response.status_code == 302

    response = fresh_session("203.0.113.7").post(SEND_URL, {"email": "victime@example.org"})

    assert_refused(response, address="victime@example.org")
    assert [message.to for message in mail.outbox] == [["ami0@example.org"], ["ami1@example.org"]]
    # Another address on the network is not held back by this one.
    assert fresh_session("203.0.113.8").post(SEND_URL, {"email": "ami2@example.org"}).status_code == 302
    assert len(mail.outbox) == 3


def test_one_address_is_refused_beyond_its_limit_whatever_the_ip(fresh_session, limits):
    limits(address="2/d")
    for ip in ("198.51.100.1", "198.51.100.2"):
        assert fresh_session(ip).post(SEND_URL, {"email": "Victime@Example.org"}).status_code == 302

    response = fresh_session("198.51.100.3").post(SEND_URL, {"email": "victime@example.org"})

    assert_refused(response, address="victime@example.org")
    assert len(mail.outbox) == 2
    assert fresh_session("198.51.100.4").post(SEND_URL, {"email": "autre@example.org"}).status_code == 302
    assert len(mail.outbox) == 3


def test_a_forged_forwarded_for_header_does_not_reset_the_ip_limit(fresh_session, limits):
    limits(ip="1/h")
    first = fresh_session("203.0.113.9")
    assert (
        first.post(SEND_URL, {"email": "a@example.org"}, HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 302
    )

    response = fresh_session("203.0.113.9").post(
        SEND_URL, {"email": "b@example.org"}, HTTP_X_FORWARDED_FOR="10.0.0.2"
    )

    assert_refused(response, address="b@example.org")
    assert len(mail.outbox) == 1
