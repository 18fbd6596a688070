"""A citizen's session ends SESSION_ABSOLUTE_TIMEOUT_SECONDS (12 h by default) after the FranceConnect
login, however active it stays; the idle timeout still applies on its own."""

import logging
import time

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.test import Client

pytestmark = pytest.mark.django_db

MINUTE, HOUR = 60, 3600
BACKEND = "accounts.franceconnect.backend.FranceConnectBackend"


def test_a_busy_citizen_session_ends_12_hours_after_login(franceconnect, caplog):
    caplog.set_level(logging.INFO, logger="accounts")
    client = franceconnect.client()
    franceconnect.login(client, login="test")
    user_id = client.session["_auth_user_id"]
    logged_in_at = time.time()

    # Active every 25 minutes, never idle long enough for the idle timeout: still logged in at 11 h 55.
    for minutes in range(25, 12 * 60, 25):
        with time_machine.travel(logged_in_at + minutes * MINUTE, tick=False):
            response = client.get("/alertes/")
            assert response.status_code == 200, minutes

    with time_machine.travel(logged_in_at + 12 * HOUR + MINUTE, tick=False):
        response = client.get("/alertes/")

    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")
    assert "_auth_user_id" not in client.session
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Par sécurité, votre session a pris fin : elle était ouverte depuis plus de 12 heures. "
        "Connectez-vous à nouveau."
    ]
    assert f"session ended: absolute lifetime reached user={user_id} kind=citizen" in caplog.messages


def _busy_until(client, *, start: float, minutes: int) -> None:
    """A request every 25 minutes from `start` up to `minutes` later: the idle timeout never strikes."""
    for minute in range(25, minutes + 1, 25):
        with time_machine.travel(start + minute * MINUTE, tick=False):
            assert client.get("/alertes/").status_code == 200, minute


def test_the_absolute_lifetime_is_a_setting(franceconnect, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS = 2 * HOUR
    client = franceconnect.client()
    franceconnect.login(client, login="test")
    logged_in_at = time.time()

    _busy_until(client, start=logged_in_at, minutes=115)
    with time_machine.travel(logged_in_at + 2 * HOUR + MINUTE, tick=False):
        assert client.get("/alertes/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_new_login_starts_a_new_lifetime(citizen_of):
    user = citizen_of("test")
    client = Client()
    first_login = time.time()
    with time_machine.travel(first_login, tick=False):
        client.force_login(user, backend=BACKEND)
    _busy_until(client, start=first_login, minutes=11 * 60)

    with time_machine.travel(first_login + 11 * HOUR + MINUTE, tick=False):
        client.force_login(user, backend=BACKEND)
    # Still logged in up to 13 h after the first login, 2 h after the second.
    _busy_until(client, start=first_login + 11 * HOUR, minutes=2 * 60)
    assert client.session["_auth_user_id"] == str(user.pk)
