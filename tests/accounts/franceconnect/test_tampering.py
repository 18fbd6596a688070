"""Every tampered or unexpected FranceConnect answer is refused: no session, no user, a logged reason."""

import logging
import socket
import threading
import time

import pytest
import time_machine

from accounts.models import User

pytestmark = pytest.mark.django_db


def assert_refused(response, caplog, reason: str, client) -> None:
    assert response.status_code == 403
    assert "La connexion n'a pas pu être vérifiée" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == 0
    assert any(
        record.name == "accounts.franceconnect" and reason in record.getMessage() for record in caplog.records
    ), [record.getMessage() for record in caplog.records]


@pytest.fixture
def client_and_callback(franceconnect):
    client = franceconnect.client()
    return client, franceconnect.authorize(franceconnect.start(client), login="test")


def test_missing_state_is_refused(client_and_callback, caplog):
    client, callback = client_and_callback
    response = client.get("/oidc/callback/", {"code": callback["code"]})
    assert_refused(response, caplog, "missing state", client)


def test_unknown_state_is_refused(client_and_callback, caplog):
    client, callback = client_and_callback
    response = client.get("/oidc/callback/", {**callback, "state": "x" * 43})
    assert_refused(response, caplog, "unknown or already used state", client)


def test_reused_state_is_refused(franceconnect, caplog):
    client = franceconnect.client()
    callback = franceconnect.authorize(franceconnect.start(client), login="test")
    client.get("/oidc/callback/", {**callback, "code": "not-the-code"})  # consumes the state

    response = client.get("/oidc/callback/", callback)

    assert_refused(response, caplog, "unknown or already used state", client)


def test_expired_state_is_refused(client_and_callback, caplog):
    client, callback = client_and_callback
    with time_machine.travel(time.time() + 60 * 11, tick=True):
        response = client.get("/oidc/callback/", callback)
    assert_refused(response, caplog, "expired state", client)


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("id_token_wrong_nonce", "wrong nonce"),
        ("id_token_bad_signature", "bad signature"),
        ("id_token_wrong_iss", "wrong iss"),
        ("id_token_wrong_aud", "wrong aud"),
        ("id_token_expired", "expired token"),
        ("id_token_acr_eidas0", "below eidas1"),
        ("userinfo_unsigned", "userinfo is not a signed JWT"),
        ("userinfo_other_key", "unknown kid"),
        ("userinfo_wrong_aud", "wrong aud"),
    ],
)
def test_tampered_answer_is_refused(franceconnect, caplog, fault, reason):
    client = franceconnect.client()
    callback = franceconnect.authorize(franceconnect.start(client), login="test")
    franceconnect.fault(fault)

    response = client.get("/oidc/callback/", callback)

    assert_refused(response, caplog, reason, client)


def test_unknown_kid_is_refetched_once_then_refused(franceconnect, caplog):
    franceconnect.login(franceconnect.client(), login="nom_composé")  # the JWKS is now cached
    User.objects.all().delete()
    client = franceconnect.client()
    callback = franceconnect.authorize(franceconnect.start(client), login="test")
    franceconnect.fault("id_token_unknown_kid")

    response = client.get("/oidc/callback/", callback)

    assert_refused(response, caplog, "unknown kid", client)
    assert len(franceconnect.calls("/api/v2/jwks")) == 2


def test_a_provider_that_never_answers_is_cut_off_by_the_timeout(franceconnect, settings, caplog):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(silent.accept()[0]), daemon=True).start()
    settings.OIDC_TIMEOUT = 0.5
    settings.FRANCECONNECT_ENDPOINTS = {
        **settings.FRANCECONNECT_ENDPOINTS,
        "token_endpoint": f"http://127.0.0.1:{silent.getsockname()[1]}/token",
    }
    client = franceconnect.client()
    callback = franceconnect.authorize(franceconnect.start(client), login="test")

    with caplog.at_level(logging.WARNING):
        response = client.get("/oidc/callback/", callback)

    for connection in accepted:
        connection.close()
    silent.close()
    assert_refused(response, caplog, "token endpoint refused the code", client)
    assert "Read timed out" in caplog.text
