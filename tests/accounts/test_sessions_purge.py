"""The hourly purge: sessions that expired leave the database with the tokens they hold, and the
devices of sessions that cannot be alive any more go, for people who never came back."""

import datetime as dt
import logging

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.crypto import get_random_string

from accounts.models import DeviceSession
from accounts.services import sessions_expired_purge
from accounts.tasks import sessions_purge_task


def device(user, *, started_ago: dt.timedelta, seen_ago: dt.timedelta) -> DeviceSession:
    now = timezone.now()
    return DeviceSession.objects.create(
        user=user,
        session_key=get_random_string(32),
        device="Firefox sur Linux",
        started_at=now - started_ago,
        last_seen_at=now - seen_ago,
    )


def session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.django_db
def test_expired_sessions_and_dead_devices_go_and_live_ones_stay(citizen_of, logged_in, caplog):
    caplog.set_level(logging.INFO, logger="accounts")
    melissandre = citizen_of("test")
    live, expired = logged_in(melissandre), logged_in(melissandre)
    Session.objects.filter(session_key=session_key(expired)).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    idle = device(melissandre, started_ago=dt.timedelta(hours=1), seen_ago=dt.timedelta(minutes=32))
    too_old = device(
        melissandre, started_ago=dt.timedelta(hours=12, minutes=1), seen_ago=dt.timedelta(minutes=1)
    )
    recent = device(melissandre, started_ago=dt.timedelta(hours=11), seen_ago=dt.timedelta(minutes=30))

    purged = sessions_expired_purge()

    assert purged == (1, 2)
    assert set(Session.objects.values_list("session_key", flat=True)) == {session_key(live)}
    assert not DeviceSession.objects.filter(pk__in=[idle.pk, too_old.pk]).exists()
    assert DeviceSession.objects.filter(pk=recent.pk).exists()
    assert DeviceSession.objects.filter(session_key=session_key(live)).exists()
    assert live.get("/mon-compte/").status_code == 200
    assert "sessions purged: expired=1 devices=2" in caplog.messages


@pytest.mark.django_db(transaction=True)
def test_the_purge_runs_on_a_worker(citizen_of, celery_worker):
    melissandre = citizen_of("test")
    dead = device(melissandre, started_ago=dt.timedelta(hours=2), seen_ago=dt.timedelta(hours=1))

    result = sessions_purge_task.delay().get(timeout=60)

    assert result == [0, 1]
    assert not DeviceSession.objects.filter(pk=dead.pk).exists()


def test_beat_runs_it_every_hour():
    assert settings.CELERY_BEAT_SCHEDULE["accounts-sessions-purge"] == {
        "task": "accounts.sessions_purge",
        "schedule": 3600,
    }
