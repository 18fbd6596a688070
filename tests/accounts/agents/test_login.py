"""The agents' login: e-mail + password, then TOTP, before any page of /agents/."""

from django.contrib.auth import SESSION_KEY

from accounts.models import User
from tests.accounts.agents.conftest import HOME_URL, LOGIN_URL, MFA_URL, PASSWORD, agent_login, totp_code


def test_login_page_is_in_french_with_dsfr_form(client, db):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Connexion à l'espace agent" in html
    assert 'class="fr-input"' in html
    assert "Adresse e-mail professionnelle" in html
    assert "«UNDEFINED" not in html
    assert "signup" not in html


def test_password_alone_never_reaches_the_back_office(client, claire):
    response = client.post(LOGIN_URL, {"login": claire.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == MFA_URL
    assert SESSION_KEY not in client.session
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_totp_challenge_page_is_in_french(client, claire):
    client.post(LOGIN_URL, {"login": claire.email, "password": PASSWORD})

    response = client.get(MFA_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Code de vérification" in html
    assert 'autocomplete="one-time-code"' in html
    assert "«UNDEFINED" not in html


def test_wrong_totp_code_is_refused(client, claire):
    client.post(LOGIN_URL, {"login": claire.email, "password": PASSWORD})
    wrong = f"{(int(totp_code(claire.totp_secret)) + 1) % 1_000_000:06d}"

    response = client.post(MFA_URL, {"code": wrong})

    assert response.status_code == 200
    assert "Code incorrect." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_password_and_totp_code_reach_the_back_office(client, claire):
    agent_login(client, claire)

    response = client.get(HOME_URL)

    assert response.status_code == 200
    assert int(client.session[SESSION_KEY]) == claire.pk
    html = response.content.decode()
    assert "Espace agent" in html
    assert "Caisse d&#x27;allocations familiales (CAF)" in html


def test_wrong_password_is_refused_with_a_french_message(client, claire):
    response = client.post(LOGIN_URL, {"login": claire.email, "password": "pas-le-bon-mot-de-passe"})

    assert response.status_code == 200
    assert "L&#x27;adresse e-mail ou le mot de passe est incorrect." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_citizen_cannot_log_in_through_the_agent_form(client, camille, caplog):
    response = client.post(LOGIN_URL, {"login": camille.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "L&#x27;adresse e-mail ou le mot de passe est incorrect." in response.content.decode()
    assert SESSION_KEY not in client.session
    assert any("not an agent account" in record.getMessage() for record in caplog.records)
    assert User.objects.get(pk=camille.pk).last_login is None


def test_logout_ends_the_session(claire_client):
    response = claire_client.post("/agents/compte/logout/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert SESSION_KEY not in claire_client.session
