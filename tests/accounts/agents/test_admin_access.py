"""Django's admin sits behind the agents' door: no password form of its own, the agents' login with
TOTP and lock-out, staff agents only, and off unless ADMIN_ENABLED."""

import io

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command

from accounts.agents.services import agent_admin_access_set
from tests.accounts.agents.conftest import LOGIN_URL, MFA_URL, PASSWORD, totp_code

ADMIN_URL = "/admin/"
ADMIN_LOGIN_URL = "/admin/login/"
LOCKED_MESSAGE = "Trop de tentatives de connexion ont échoué pour ce compte."


@pytest.fixture
def admin_on(settings):
    settings.ADMIN_ENABLED = True


@pytest.fixture
def claire_staff(claire):
    """Claire, CAF agent with TOTP, given the admin by the operator (manage.py admin_access)."""
    call_command("admin_access", "--email", claire.email, stdout=io.StringIO())
    claire.refresh_from_db()
    return claire


def test_the_admin_is_off_unless_enabled(client, claire_staff, settings):
    settings.ADMIN_ENABLED = False
    client.post(LOGIN_URL, {"login": claire_staff.email, "password": PASSWORD})
    client.post(MFA_URL, {"code": totp_code(claire_staff.totp_secret)})
    assert client.session[SESSION_KEY] == str(claire_staff.pk)

    for path in (ADMIN_URL, ADMIN_LOGIN_URL, "/admin/accounts/user/", "/admin/logout/"):
        assert client.get(path).status_code == 404, path
    assert (
        client.post(ADMIN_LOGIN_URL, {"username": claire_staff.email, "password": PASSWORD}).status_code
        == 404
    )


def test_eight_wrong_passwords_then_the_right_one_no_longer_open_the_admin(client, admin_on, claire_staff):
    for _ in range(8):
        response = client.post(ADMIN_LOGIN_URL, {"username": claire_staff.email, "password": "pas-le-bon"})
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN_URL)

    response = client.post(ADMIN_LOGIN_URL, {"username": claire_staff.email, "password": PASSWORD})

    # The admin's login checks no password at all: it hands over to the agents' login.
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next=/admin/"
    assert SESSION_KEY not in client.session
    assert client.get(ADMIN_URL)["Location"] == f"{ADMIN_LOGIN_URL}?next=/admin/"


def test_eight_wrong_passwords_at_the_agents_login_lock_the_way_to_the_admin(client, admin_on, claire_staff):
    for _ in range(8):
        client.post(f"{LOGIN_URL}?next=/admin/", {"login": claire_staff.email, "password": "pas-le-bon"})

    response = client.post(f"{LOGIN_URL}?next=/admin/", {"login": claire_staff.email, "password": PASSWORD})

    assert response.status_code == 200
    assert LOCKED_MESSAGE in response.content.decode()
    assert SESSION_KEY not in client.session
    assert client.get(ADMIN_URL).status_code == 302


def test_a_staff_agent_with_only_a_password_cannot_reach_the_admin(client, admin_on, claire_staff):
    response = client.post(f"{LOGIN_URL}?next=/admin/", {"login": claire_staff.email, "password": PASSWORD})
    assert response["Location"] == MFA_URL  # the TOTP step is still to come

    response = client.get(ADMIN_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN_LOGIN_URL}?next=/admin/"
    assert SESSION_KEY not in client.session


def test_a_staff_session_without_totp_verification_is_sent_to_the_totp_step(client, admin_on, claire_staff):
    client.force_login(claire_staff)  # a session opened without a second factor

    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN_LOGIN_URL}?next=/admin/accounts/user/"
    response = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == "/agents/compte/2fa/reauthenticate/?next=%2Fadmin%2Faccounts%2Fuser%2F"
    assert client.get("/admin/accounts/user/").status_code == 302


def test_a_staff_agent_without_totp_must_set_it_up_first(client, admin_on, dave):
    agent_admin_access_set(email=dave.email, granted=True)
    client.force_login(dave)

    response = client.get(ADMIN_LOGIN_URL)

    assert response.status_code == 302
    assert response["Location"] == "/agents/compte/2fa/totp/activate/"
    assert client.get(ADMIN_URL).status_code == 302


def test_a_verified_staff_agent_reaches_the_admin(client, admin_on, claire_staff):
    response = client.get(ADMIN_URL)
    response = client.get(response["Location"])
    assert response["Location"] == f"{LOGIN_URL}?next=/admin/"

    response = client.post(response["Location"], {"login": claire_staff.email, "password": PASSWORD})
    assert response["Location"] == MFA_URL
    response = client.post(MFA_URL, {"code": totp_code(claire_staff.totp_secret)})
    assert response.status_code == 302
    assert response["Location"] == ADMIN_URL

    response = client.get(ADMIN_URL)
    assert response.status_code == 200
    assert "Mes Droits — administration" in response.content.decode()
    assert client.get("/admin/accounts/user/").status_code == 200


def test_a_verified_agent_who_is_not_staff_is_refused(claire_client, admin_on, claire):
    response = claire_client.get(ADMIN_URL)
    assert response["Location"] == f"{ADMIN_LOGIN_URL}?next=/admin/"

    response = claire_client.get(response["Location"])

    assert response.status_code == 403
    assert "Administration réservée" in response.content.decode()
    assert claire_client.get("/admin/accounts/user/").status_code == 302


def test_a_staff_citizen_account_with_a_password_cannot_get_in(client, admin_on, camille):
    camille.is_staff = camille.is_superuser = True
    camille.save()

    client.post(ADMIN_LOGIN_URL, {"username": camille.username, "password": PASSWORD})
    response = client.post(LOGIN_URL, {"login": camille.email, "password": PASSWORD})

    assert response.status_code == 200  # refused like a wrong password
    assert SESSION_KEY not in client.session
    assert client.get(ADMIN_URL).status_code == 302


def test_admin_access_is_given_and_taken_back_by_the_operator(claire):
    call_command("admin_access", "--email", claire.email.upper(), stdout=io.StringIO())
    claire.refresh_from_db()
    assert (claire.is_staff, claire.is_superuser) == (True, True)

    call_command("admin_access", "--email", claire.email, "--revoke", stdout=io.StringIO())
    claire.refresh_from_db()
    assert (claire.is_staff, claire.is_superuser) == (False, False)


def test_admin_access_is_refused_to_an_account_that_is_not_an_agent(camille):
    with pytest.raises(CommandError, match="Aucun compte agent"):
        call_command("admin_access", "--email", camille.email)

    camille.refresh_from_db()
    assert not camille.is_staff
