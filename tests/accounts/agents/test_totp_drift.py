"""The TOTP challenge accepts one 30-second step of drift: a code typed as it rolls over still opens
the back-office; an older one does not, nor a code already used, for as long as it is accepted."""

import time

from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache

from tests.accounts.agents.conftest import HOME_URL, LOGIN_URL, MFA_URL, PASSWORD, agent_login, totp_code

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


def test_used_code_stays_refused_for_as_long_as_it_is_accepted(client, claire):
    agent_login(client, claire)
    client.logout()
    redis = cache._cache.get_client(write=True)
    [used] = redis.scan_iter(match=f"*allauth.mfa.totp.used?user={claire.pk}&code=*")

    client.post(LOGIN_URL, {"login": claire.email, "password": PASSWORD})
    response = client.post(MFA_URL, {"code": used.decode().rsplit("=", 1)[1]})

    assert response.status_code == 200
    assert "Code incorrect." in response.content.decode()
    assert SESSION_KEY not in client.session
    # Accepted over three steps (the previous, the current, the next): marked used for 90 s, not 30.
    assert 2 * STEP < redis.ttl(used) <= 3 * STEP
