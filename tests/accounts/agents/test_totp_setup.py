"""An agent without TOTP is sent to set it up; activating it completes the session's second factor."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.auth import SESSION_KEY

from tests.accounts.agents.conftest import HOME_URL, LOGIN_URL, PASSWORD, totp_code

ACTIVATE_URL = "/agents/compte/2fa/totp/activate/"


def test_agent_without_totp_is_sent_to_set_it_up(client, dave):
    response = client.post(LOGIN_URL, {"login": dave.email, "password": PASSWORD})
    assert response.status_code == 302

    response = client.get(HOME_URL)

    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_URL
    assert not Authenticator.objects.filter(user=dave).exists()


def test_activation_page_shows_the_qr_code_and_the_secret_in_french(client, dave):
    client.post(LOGIN_URL, {"login": dave.email, "password": PASSWORD})

    response = client.get(ACTIVATE_URL)

    assert response.status_code == 200
    html = response.content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    assert 'src="data:image/svg+xml;base64,' in html
    assert secret in html
    assert "Configurer votre application d'authentification" in html
    assert "«UNDEFINED" not in html


def test_valid_code_activates_totp_and_opens_the_back_office(client, dave):
    client.post(LOGIN_URL, {"login": dave.email, "password": PASSWORD})
    client.get(ACTIVATE_URL)
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post(ACTIVATE_URL, {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == "/agents/compte/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=dave, type=Authenticator.Type.TOTP).count() == 1
    assert Authenticator.objects.filter(user=dave, type=Authenticator.Type.RECOVERY_CODES).count() == 1
    codes_page = client.get(response["Location"])
    assert codes_page.status_code == 200
    assert "Codes de récupération" in codes_page.content.decode()
    assert client.get(HOME_URL).status_code == 200


def test_wrong_code_does_not_activate_totp(client, dave):
    client.post(LOGIN_URL, {"login": dave.email, "password": PASSWORD})
    client.get(ACTIVATE_URL)

    response = client.post(ACTIVATE_URL, {"code": "000000"})

    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=dave).exists()
    assert client.get(HOME_URL)["Location"] == ACTIVATE_URL


def test_agent_with_totp_but_no_second_factor_in_session_is_asked_for_a_code(client, claire):
    client.force_login(claire)  # e.g. a session opened elsewhere (admin site) with the password only

    response = client.get(HOME_URL)

    assert response.status_code == 302
    assert response["Location"] == "/agents/compte/2fa/reauthenticate/?next=%2Fagents%2F"
    response = client.post(response["Location"], {"code": totp_code(claire.totp_secret), "next": HOME_URL})
    assert response.status_code == 302
    assert response["Location"] == HOME_URL
    assert client.get(HOME_URL).status_code == 200
    assert int(client.session[SESSION_KEY]) == claire.pk
