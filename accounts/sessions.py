"""Sessions: their absolute lifetime (citizens and agents alike), and the citizens' devices.

The idle timeout (SESSION_IDLE_TIMEOUT_SECONDS, Django's SESSION_COOKIE_AGE renewed at every
request) ends a session nobody uses; a session kept busy, or replayed by whoever stole its cookie,
would otherwise live for ever. This one ends SESSION_ABSOLUTE_TIMEOUT_SECONDS after the login,
however active it is, and the person logs in again.

A citizen may be logged in on several devices at once; each session is noted (accounts.DeviceSession)
at login, its last activity at most once a minute, and forgotten at logout, for "Mon compte".
"""

import datetime as dt
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from accounts import services
from accounts.models import User

logger = logging.getLogger("accounts")

LOGGED_IN_AT = "_mesdroits_logged_in_at"
SEEN_AT = "_mesdroits_seen_at"


@receiver(user_logged_in, dispatch_uid="accounts.sessions.login_time_record")
def login_time_record(sender, request: HttpRequest | None, user, **kwargs) -> None:
    # Every login (FranceConnect, an agent's password, a test's force_login) starts the clock afresh.
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = time.time()


@receiver(user_logged_in, dispatch_uid="accounts.sessions.device_record")
def device_record(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if user.kind != User.Kind.CITIZEN or request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    request.session[SEEN_AT] = time.time()
    services.device_session_record(
        user=user, session_key=request.session.session_key, user_agent=_user_agent(request)
    )


@receiver(user_logged_out, dispatch_uid="accounts.sessions.device_forget")
def device_forget(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session") and request.session.session_key:
        services.device_session_forget(session_key=request.session.session_key)


def _user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:512]


def _device_seen(request: HttpRequest) -> None:
    now, seen_at = time.time(), request.session.get(SEEN_AT)
    if request.session.session_key is None or (
        seen_at is not None and now - seen_at < services.DEVICE_SEEN_EVERY_SECONDS
    ):
        return
    request.session[SEEN_AT] = now
    logged_in_at = request.session.get(LOGGED_IN_AT)
    services.device_session_seen(
        user=request.user,
        session_key=request.session.session_key,
        user_agent=_user_agent(request),
        logged_in_at=dt.datetime.fromtimestamp(logged_in_at, tz=dt.UTC) if logged_in_at else None,
    )


class SessionAbsoluteTimeoutMiddleware:
    """Log out a session older than SESSION_ABSOLUTE_TIMEOUT_SECONDS, then let the request go on anonymous.

    The page asked for then does what it does for anyone logged out (the login page, with a message).
    A citizen's session still logged in has its device's last activity noted.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            logged_in_at = request.session.get(LOGGED_IN_AT)
            now = time.time()
            if logged_in_at is None:
                # A session opened before this check existed: its clock starts now.
                request.session[LOGGED_IN_AT] = now
            elif now - logged_in_at > settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS:
                user_id, kind = request.user.pk, request.user.kind
                auth.logout(request)
                messages.info(
                    request,
                    "Par sécurité, votre session a pris fin : elle était ouverte depuis plus de "
                    f"{_duration_fr(settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS)}. Connectez-vous à nouveau.",
                )
                logger.info("session ended: absolute lifetime reached user=%s kind=%s", user_id, kind)
        if request.user.is_authenticated and request.user.kind == User.Kind.CITIZEN:
            _device_seen(request)
        return self.get_response(request)


def _duration_fr(seconds: int) -> str:
    hours, minutes = divmod(seconds // 60, 60)
    if hours and not minutes:
        return f"{hours} heure{'s' if hours > 1 else ''}"
    if not hours:
        return f"{minutes} minute{'s' if minutes > 1 else ''}"
    return f"{hours} h {minutes:02d}"
