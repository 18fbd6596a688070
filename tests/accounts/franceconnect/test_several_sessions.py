"""A citizen may be logged in from several browsers at once: a new FranceConnect login leaves the
others logged in, each with its own id_token for the FranceConnect logout, and each noted as a device."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.models import DeviceSession, User
from tests.accounts.franceconnect.flow import PORTAL_HOST, query_of
from tests.accounts.test_devices import FIREFOX_LINUX, SAFARI_IPHONE

pytestmark = pytest.mark.django_db


def browser(user_agent: str) -> Client:
    return Client(HTTP_HOST=PORTAL_HOST, HTTP_USER_AGENT=user_agent)


def session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_a_second_login_of_the_same_person_keeps_the_first_browser_logged_in(franceconnect):
    laptop, phone = browser(FIREFOX_LINUX), browser(SAFARI_IPHONE)
    franceconnect.login(laptop, login="test")
    laptop_id_token = laptop.session["oidc_id_token"]

    franceconnect.login(phone, login="test")

    user = User.objects.get(kind=User.Kind.CITIZEN)
    for client in (laptop, phone):
        response = client.get("/mon-compte/")
        assert response.status_code == 200
        assert int(client.session["_auth_user_id"]) == user.pk
    assert laptop.session["oidc_id_token"] == laptop_id_token
    assert phone.session["oidc_id_token"] != laptop_id_token
    assert dict(DeviceSession.objects.filter(user=user).values_list("session_key", "device")) == {
        session_key(laptop): "Firefox sur Linux",
        session_key(phone): "Safari sur iPhone",
    }


def test_the_account_page_lists_both_browsers_and_says_which_is_this_one(franceconnect):
    laptop, phone = browser(FIREFOX_LINUX), browser(SAFARI_IPHONE)
    franceconnect.login(laptop, login="test")
    franceconnect.login(phone, login="test")

    response = phone.get("/mon-compte/")

    assert response.status_code == 200
    devices = response.context["devices"]
    assert [(d.device, d.is_current) for d in devices] == [
        ("Safari sur iPhone", True),
        ("Firefox sur Linux", False),
    ]
    page = response.content.decode()
    assert "Mes appareils connectés" in page
    assert page.count('data-testid="device"') == 2
    assert page.count("cet appareil</span>") == 1
    assert (
        page.index("Safari sur iPhone") < page.index("cet appareil</span>") < page.index("Firefox sur Linux")
    )
    assert "Déconnecter les autres appareils" in page
    assert session_key(laptop) not in page
    assert session_key(phone) not in page


def test_logging_out_one_browser_forgets_its_device_and_keeps_the_other_with_its_own_id_token(franceconnect):
    laptop, phone = browser(FIREFOX_LINUX), browser(SAFARI_IPHONE)
    franceconnect.login(laptop, login="test")
    franceconnect.login(phone, login="test")
    laptop_key, phone_id_token = session_key(laptop), phone.session["oidc_id_token"]

    response = laptop.post("/deconnexion/")

    assert response.status_code == 302
    assert query_of(response["Location"])["id_token_hint"] != phone_id_token
    assert not Session.objects.filter(session_key=laptop_key).exists()
    assert list(DeviceSession.objects.values_list("device", flat=True)) == ["Safari sur iPhone"]
    assert phone.get("/mon-compte/").status_code == 200
    assert laptop.get("/mon-compte/").status_code == 302
    assert phone.post("/deconnexion/")["Location"].count(phone_id_token) == 1
