"""Failed logins are throttled: after 5 failures on an account, even the right password is refused
for a bounded time (15 minutes, sliding); a password reset by e-mail lifts the lock at once."""

import datetime as dt
import logging
import re

import time_machine
from django.contrib.auth import SESSION_KEY
from django.core import mail

from tests.accounts.agents.conftest import LOGIN_URL, MFA_URL, PASSWORD

LOCKED_MESSAGE = "Trop de tentatives de connexion ont échoué pour ce compte."


def _fail_five_times(client, email: str) -> None:
    for _ in range(5):
        response = client.post(LOGIN_URL, {"login": email, "password": "pas-le-bon-mot-de-passe"})
        assert response.status_code == 200
        assert LOCKED_MESSAGE not in response.content.decode()


def test_sixth_attempt_with_the_right_password_is_refused_after_five_failures(client, claire, caplog):
    caplog.set_level(logging.INFO, logger="accounts.agents")
    _fail_five_times(client, claire.email)

    response = client.post(LOGIN_URL, {"login": claire.email, "password": PASSWORD})

    assert response.status_code == 200
    assert LOCKED_MESSAGE in response.content.decode()
    assert SESSION_KEY not in client.session
    messages = [record.getMessage() for record in caplog.records if record.name == "accounts.agents"]
    assert sum("agent login failed" in message for message in messages) == 5
    assert sum("locked out" in message for message in messages) == 1
    assert all(claire.email in message for message in messages)
    assert not any("pas-le-bon-mot-de-passe" in message or PASSWORD in message for message in caplog.messages)


def test_lock_expires_after_the_window(client, claire):
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as traveller:
        _fail_five_times(client, claire.email)
        assert (
            LOCKED_MESSAGE
            in client.post(LOGIN_URL, {"login": claire.email, "password": PASSWORD}).content.decode()
        )

        traveller.shift(dt.timedelta(minutes=15, seconds=1))
        response = client.post(LOGIN_URL, {"login": claire.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == MFA_URL


def test_lock_is_per_account_and_does_not_affect_another_agent(client, claire, alice):
    _fail_five_times(client, claire.email)

    response = client.post(LOGIN_URL, {"login": alice.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == MFA_URL


def test_password_reset_by_e_mail_lifts_the_lock(client, claire):
    _fail_five_times(client, claire.email)

    response = client.post("/agents/compte/password/reset/", {"email": claire.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/agents/compte/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    response = client.get(link.split("testserver", 1)[-1])
    assert response.status_code == 302
    new_password = "Un-nouveau-mot-de-passe-77"
    response = client.post(response["Location"], {"password1": new_password, "password2": new_password})
    assert response.status_code == 302

    response = client.post(LOGIN_URL, {"login": claire.email, "password": new_password})

    assert response.status_code == 302
    assert response["Location"] == MFA_URL
