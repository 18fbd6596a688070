"""Writes on accounts."""

import datetime as dt
import logging
import re

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from accounts.devices import device_describe
from accounts.models import CitizenIdentity, DeviceSession, User
from accounts.selectors import session_keys_of_user, session_store_class

logger = logging.getLogger("accounts")

# How stale a device's last activity may be: it is written at most this often, sparing a write per request.
DEVICE_SEEN_EVERY_SECONDS = 60

_BIRTHDATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@transaction.atomic
def citizen_login_from_franceconnect(*, claims: dict) -> User:
    """Create or update the citizen identified by FranceConnect's `sub`, with their identité pivot.

    FranceConnect is the source of truth for identity: every login refreshes it.
    """
    sub = claims["sub"]
    birthdate = str(claims.get("birthdate", ""))
    if not _BIRTHDATE.match(birthdate):
        raise ValueError(f"birthdate {birthdate!r} is not YYYY-MM-DD")
    user, _ = User.objects.get_or_create(
        fc_sub=sub,
        defaults={"username": f"fc-{sub[:140]}", "kind": User.Kind.CITIZEN},
    )
    given_name = claims.get("given_name", "")
    user.first_name = given_name.split(" ")[0][:150]
    user.last_name = (claims.get("preferred_username") or claims.get("family_name", ""))[:150]
    user.email = claims.get("email", "")
    if user.has_usable_password():
        # Only ever once: an unusable password is a fresh random string, and Django's sessions carry a
        # hash of the password, so replacing it at every login would end the person's other sessions.
        user.set_unusable_password()
    user.save()
    CitizenIdentity.objects.update_or_create(
        user=user,
        defaults={
            "given_name": given_name,
            "family_name": claims.get("family_name", ""),
            "preferred_username": claims.get("preferred_username", "") or "",
            "birthdate": birthdate,
            "gender": claims.get("gender", "") if claims.get("gender") in {"female", "male"} else "",
            "birthplace": claims.get("birthplace", "") or "",
            "birthcountry": claims.get("birthcountry", "") or "",
            "email": claims.get("email", "") or "",
        },
    )
    return user


def device_session_record(*, user: User, session_key: str, user_agent: str) -> DeviceSession:
    """Note the device a citizen just logged in on; forget their devices whose session is gone."""
    rows = DeviceSession.objects.filter(user=user).exclude(session_key=session_key)
    live = session_keys_of_user(user_id=user.pk, among=rows.values_list("session_key", flat=True))
    rows.exclude(session_key__in=live).delete()
    now = timezone.now()
    device, _ = DeviceSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "device": device_describe(user_agent),
            "started_at": now,
            "last_seen_at": now,
        },
    )
    return device


def device_session_seen(
    *, user: User, session_key: str, user_agent: str, logged_in_at: dt.datetime | None
) -> None:
    """Note the device's last activity; a session logged in before devices were noted gets its row."""
    now = timezone.now()
    DeviceSession.objects.update_or_create(
        session_key=session_key,
        defaults={"last_seen_at": now},
        create_defaults={
            "user": user,
            "device": device_describe(user_agent),
            "started_at": logged_in_at or now,
            "last_seen_at": now,
        },
    )


def device_session_forget(*, session_key: str) -> None:
    DeviceSession.objects.filter(session_key=session_key).delete()


def citizen_other_sessions_end(*, user: User, current_session_key: str) -> int:
    """Log the person out everywhere but on this device: every other session of theirs is deleted
    from the session store (database and its cache, whichever the engine) and its device forgotten.
    Returns how many sessions were ended."""
    keys = session_keys_of_user(user_id=user.pk) - {current_session_key}
    store_class = session_store_class()
    for key in keys:
        store_class(key).delete()
    DeviceSession.objects.filter(user=user).exclude(session_key=current_session_key).delete()
    logger.info("sessions ended: other devices user=%s count=%d", user.pk, len(keys))
    return len(keys)


def sessions_expired_purge(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Delete the sessions that expired (they hold the person's FranceConnect tokens until then) and
    the devices whose session cannot be alive any more, idle or past its absolute lifetime, for
    people who never came back to log in. Returns (sessions, devices) deleted."""
    now = now or timezone.now()
    store_class = session_store_class()
    sessions = 0
    if hasattr(store_class, "get_model_class"):  # the cache engine expires its own keys
        sessions, _ = store_class.get_model_class().objects.filter(expire_date__lte=now).delete()
    idle = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + DEVICE_SEEN_EVERY_SECONDS)
    lifetime = dt.timedelta(seconds=settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS)
    devices, _ = DeviceSession.objects.filter(
        models.Q(last_seen_at__lt=now - idle) | models.Q(started_at__lt=now - lifetime)
    ).delete()
    logger.info("sessions purged: expired=%d devices=%d", sessions, devices)
    return sessions, devices
