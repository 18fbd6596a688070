"""The TOTP challenge accepts one 30-second step of drift: a code typed as it rolls over still opens
the back-office; an older one does not."""

import time

from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY

from tests.accounts.agents.conftest import HOME_URL, LOGIN_URL, MFA_URL, PASSWORD, totp_code

STEP = 30


def _middle_of_a_step() -> float:
    return (int(time.time()) // STEP + 1) * STEP + STEP / 2


def test_code_of_the_previous_step_is_accepted(client, claire, time_machine):
    now = _middle_of_a_step()
    time_machine.move_to(now, tick=False)
    client.post(LOGIN_URL, {"login": claire.email, "password": PASSWORD})

    response = client.post(MFA_URL, {"code": totp_code(claire.totp_secret, at=now - STEP)})

    assert response.status_code == 302
    assert response["Location"] == HOME_URL
    assert int(client.session[SESSION_KEY]) == claire.pk
    assert Authenticator.objects.get(user=claire, type=Authenticator.Type.TOTP).last_used_at is not None


def test_code_two_steps_old_is_refused(client, claire, time_machine):
    now = _middle_of_a_step()
    time_machine.move_to(now, tick=False)
    client.post(LOGIN_URL, {"login": claire.email, "password": PASSWORD})

    response = client.post(MFA_URL, {"code": totp_code(claire.totp_secret, at=now - 2 * STEP)})

    assert response.status_code == 200
    assert "Code incorrect." in response.content.decode()
    assert SESSION_KEY not in client.session
    assert Authenticator.objects.get(user=claire, type=Authenticator.Type.TOTP).last_used_at is None
