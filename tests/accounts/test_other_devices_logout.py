"""'Déconnecter les autres appareils' on "Mon compte": every other session of the person ends, this
one stays, and nobody else's session is touched."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.models import DeviceSession, User
from tests.accounts.franceconnect.flow import PORTAL_HOST
from tests.accounts.test_devices import CHROME_ANDROID, FIREFOX_LINUX, SAFARI_IPHONE

pytestmark = pytest.mark.django_db

URL = "/mon-compte/appareils/deconnecter/"


def browser(user_agent: str, **kwargs) -> Client:
    return Client(HTTP_HOST=PORTAL_HOST, HTTP_USER_AGENT=user_agent, **kwargs)


def session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_it_ends_the_persons_other_sessions_and_keeps_this_one(franceconnect, caplog):
    laptop, phone, tablet = browser(FIREFOX_LINUX), browser(SAFARI_IPHONE), browser(CHROME_ANDROID)
    for client in (laptop, phone, tablet):
        franceconnect.login(client, login="test")
    user = User.objects.get(kind=User.Kind.CITIZEN)
    phone_key, tablet_key = session_key(phone), session_key(tablet)

    response = laptop.post(URL)

    assert response.status_code == 302
    assert response["Location"] == "/mon-compte/"
    assert messages_of(response) == [
        "Les 2 autres appareils ont été déconnectés. Vous restez connecté sur celui-ci."
    ]
    assert not Session.objects.filter(session_key__in=[phone_key, tablet_key]).exists()
    assert list(DeviceSession.objects.filter(user=user).values_list("session_key", flat=True)) == [
        session_key(laptop)
    ]
    assert f"sessions ended: other devices user={user.pk} count=2" in caplog.messages
    for client in (phone, tablet):
        ended = client.get("/mon-compte/")
        assert ended.status_code == 302
        assert ended["Location"] == "/connexion/?next=/mon-compte/"
    page = laptop.get("/mon-compte/")
    assert page.status_code == 200
    assert [(d.device, d.is_current) for d in page.context["devices"]] == [("Firefox sur Linux", True)]
    assert laptop.session["oidc_id_token"]  # this browser can still log out of FranceConnect


def test_another_persons_sessions_are_untouched(citizen_of, logged_in):
    melissandre, angela = citizen_of("test"), citizen_of("avec_nom_dusage")
    mine, my_other = logged_in(melissandre), logged_in(melissandre)
    hers, her_other = logged_in(angela), logged_in(angela)

    response = mine.post(URL)

    assert response.status_code == 302
    assert messages_of(response) == ["L'autre appareil a été déconnecté. Vous restez connecté sur celui-ci."]
    assert my_other.get("/mon-compte/").status_code == 302
    for client in (hers, her_other):
        assert client.get("/mon-compte/").status_code == 200
        assert Session.objects.filter(session_key=session_key(client)).exists()
    assert DeviceSession.objects.filter(user=angela).count() == 2
    assert DeviceSession.objects.filter(user=melissandre).count() == 1


def test_a_session_opened_before_devices_were_noted_ends_too(citizen_of, logged_in):
    melissandre = citizen_of("test")
    mine, older = logged_in(melissandre), logged_in(melissandre)
    DeviceSession.objects.filter(session_key=session_key(older)).delete()

    response = mine.post(URL)

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=session_key(older)).exists()
    assert older.get("/mon-compte/").status_code == 302


def test_with_no_other_device_nothing_ends_and_it_says_so(citizen_of, logged_in):
    melissandre = citizen_of("test")
    mine = logged_in(melissandre)
    key = session_key(mine)

    response = mine.post(URL)

    assert response.status_code == 302
    assert messages_of(response) == ["Vous n'étiez connecté sur aucun autre appareil."]
    assert Session.objects.filter(session_key=key).exists()
    assert DeviceSession.objects.filter(user=melissandre, session_key=key).exists()


def test_without_the_csrf_token_nothing_ends(citizen_of):
    melissandre = citizen_of("test")
    mine = Client(enforce_csrf_checks=True)
    mine.force_login(melissandre, backend="accounts.franceconnect.backend.FranceConnectBackend")
    other = Client()
    other.force_login(melissandre, backend="accounts.franceconnect.backend.FranceConnectBackend")

    response = mine.post(URL)

    assert response.status_code == 403
    assert other.get("/mon-compte/").status_code == 200
    assert DeviceSession.objects.filter(user=melissandre).count() == 2


def test_with_the_csrf_token_of_the_account_page_it_works(citizen_of):
    melissandre = citizen_of("test")
    mine = Client(enforce_csrf_checks=True)
    mine.force_login(melissandre, backend="accounts.franceconnect.backend.FranceConnectBackend")
    other = Client()
    other.force_login(melissandre, backend="accounts.franceconnect.backend.FranceConnectBackend")
    mine.get("/mon-compte/")

    response = mine.post(URL, {"csrfmiddlewaretoken": mine.cookies[settings.CSRF_COOKIE_NAME].value})

    assert response.status_code == 302
    assert other.get("/mon-compte/").status_code == 302


def test_a_get_ends_nothing(citizen_of, logged_in):
    melissandre = citizen_of("test")
    mine, other = logged_in(melissandre), logged_in(melissandre)

    response = mine.get(URL)

    assert response.status_code == 405
    assert other.get("/mon-compte/").status_code == 200


def test_it_needs_a_logged_in_citizen(client, agent):
    assert client.post(URL)["Location"] == f"/connexion/?next={URL}"
    client.force_login(agent)
    assert client.post(URL).status_code == 403
