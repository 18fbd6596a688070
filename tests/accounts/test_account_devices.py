"""The devices listed on "Mon compte": only live sessions, their last activity kept up to date
without a write per request, and sessions from before devices were noted included."""

import datetime as dt
import time

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from accounts.models import DeviceSession
from accounts.sessions import LOGGED_IN_AT, SEEN_AT

pytestmark = pytest.mark.django_db

BACKEND = "accounts.franceconnect.backend.FranceConnectBackend"
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_a_session_that_expired_is_not_listed(citizen_of, logged_in):
    melissandre = citizen_of("test")
    mine, gone = logged_in(melissandre), logged_in(melissandre)
    Session.objects.filter(session_key=session_key(gone)).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )

    response = mine.get("/mon-compte/")

    assert response.status_code == 200
    assert [d.is_current for d in response.context["devices"]] == [True]
    assert DeviceSession.objects.filter(user=melissandre).count() == 2  # forgotten at the next login


def test_a_new_login_forgets_the_devices_whose_session_is_gone(citizen_of, logged_in):
    melissandre = citizen_of("test")
    gone = logged_in(melissandre)
    Session.objects.filter(session_key=session_key(gone)).delete()

    mine = logged_in(melissandre)

    assert list(DeviceSession.objects.values_list("session_key", flat=True)) == [session_key(mine)]


def test_the_last_activity_is_noted_at_most_once_a_minute(citizen_of):
    melissandre = citizen_of("test")
    client = Client(HTTP_USER_AGENT=FIREFOX_LINUX)
    client.force_login(melissandre, backend=BACKEND)
    device = DeviceSession.objects.get()
    start = time.time()

    with time_machine.travel(start + 30, tick=False):
        assert client.get("/mon-compte/").status_code == 200
    device.refresh_from_db()
    noted_at_login = device.last_seen_at

    with time_machine.travel(start + 90, tick=False):
        assert client.get("/mon-compte/").status_code == 200
    device.refresh_from_db()

    assert noted_at_login == device.started_at
    assert device.last_seen_at.timestamp() == pytest.approx(start + 90, abs=1)
    assert device.started_at.timestamp() == pytest.approx(start, abs=5)


def test_a_session_from_before_devices_were_noted_is_listed_from_its_next_request(citizen_of):
    melissandre = citizen_of("test")
    client = Client(HTTP_USER_AGENT=FIREFOX_LINUX)
    client.force_login(melissandre, backend=BACKEND)
    DeviceSession.objects.all().delete()
    session = client.session
    del session[SEEN_AT]
    session[LOGGED_IN_AT] = time.time() - 3600
    session.save()

    response = client.get("/mon-compte/")

    assert response.status_code == 200
    device = DeviceSession.objects.get()
    assert (device.user, device.session_key, device.device) == (
        melissandre,
        session_key(client),
        "Firefox sur Linux",
    )
    assert device.started_at.timestamp() == pytest.approx(time.time() - 3600, abs=5)
    assert [(d.device, d.is_current) for d in response.context["devices"]] == [("Firefox sur Linux", True)]


def test_an_agents_session_is_not_noted_as_a_device(agent):
    client = Client()
    client.force_login(agent)

    client.get("/")

    assert not DeviceSession.objects.exists()
