"""An agent's session, password and TOTP passed, ends 12 h after the login however active it stays."""

import logging
import time

import time_machine
from django.contrib.auth import SESSION_KEY

from tests.accounts.agents.conftest import HOME_URL, LOGIN_URL

MINUTE, HOUR = 60, 3600


def test_a_busy_agent_session_ends_12_hours_after_login_and_asks_for_password_again(
    claire_client, claire, caplog
):
    caplog.set_level(logging.INFO, logger="accounts")
    logged_in_at = time.time()
    for minutes in range(25, 12 * 60, 25):
        with time_machine.travel(logged_in_at + minutes * MINUTE, tick=False):
            assert claire_client.get(HOME_URL).status_code == 200, minutes

    with time_machine.travel(logged_in_at + 12 * HOUR + MINUTE, tick=False):
        response = claire_client.get(HOME_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert SESSION_KEY not in claire_client.session
    assert f"session ended: absolute lifetime reached user={claire.pk} kind=agent" in caplog.messages
