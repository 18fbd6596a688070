"""Reads on accounts: the sessions a person is logged in with, and their devices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.utils import timezone

from accounts.models import DeviceSession, User


def session_store_class():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_keys_of_user(*, user_id: int, among: Iterable[str] | None = None) -> set[str]:
    """The keys of the live sessions logged in as this person, on any device (only `among` these
    keys when given). Sessions have no index by user: the live ones are read (they last
    SESSION_COOKIE_AGE idle at most, so they are few)."""
    store_class = session_store_class()
    candidates = None if among is None else set(among)
    if candidates is not None and not candidates:
        return set()
    if hasattr(store_class, "get_model_class"):  # db and cached_db
        rows = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
        if candidates is not None:
            rows = rows.filter(session_key__in=candidates)
        return {
            key
            for key, data in rows.values_list("session_key", "session_data").iterator()
            if store_class().decode(data).get(SESSION_KEY) == str(user_id)
        }
    if candidates is None:  # the cache engine: the keys are found in Redis
        prefix = store_class.cache_key_prefix
        redis = cache._cache.get_client(write=True)
        candidates = {name.decode().split(prefix, 1)[1] for name in redis.scan_iter(match=f"*{prefix}*")}
    return {key for key in candidates if store_class(key).load().get(SESSION_KEY) == str(user_id)}


@dataclass(frozen=True)
class ConnectedDevice:
    device: str
    started_at: dt.datetime
    last_seen_at: dt.datetime
    is_current: bool


def connected_devices(*, user: User, current_session_key: str | None) -> list[ConnectedDevice]:
    """The devices where the person is logged in now: this one first, then the most recently used."""
    rows = list(DeviceSession.objects.filter(user=user))
    live = session_keys_of_user(user_id=user.pk, among=[row.session_key for row in rows])
    devices = [
        ConnectedDevice(
            device=row.device,
            started_at=row.started_at,
            last_seen_at=row.last_seen_at,
            is_current=row.session_key == current_session_key,
        )
        for row in rows
        if row.session_key in live or row.session_key == current_session_key
    ]
    return sorted(devices, key=lambda d: (not d.is_current, -d.last_seen_at.timestamp()))
