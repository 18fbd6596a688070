"""The one HTTP layer of the connectors: one timeout setting, and the only place that retries.

Retries are bounded, jittered, and only for transient failures (connection errors, 502/503/504);
429 is never retried here: its `Retry-After` can be long, so the caller backs off instead.
"""

import threading

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

TRANSIENT_STATUSES = frozenset({502, 503, 504})
_local = threading.local()


def agency_session() -> requests.Session:
    """This thread's session (connections are kept alive between calls); rebuilt when the retry
    settings change."""
    key = (settings.AGENCIES_HTTP_RETRIES, settings.AGENCIES_HTTP_BACKOFF_SECONDS)
    cached = getattr(_local, "session", None)
    if cached is None or cached[0] != key:
        if cached is not None:
            cached[1].close()
        _local.session = (key, _new_session())
    return _local.session[1]


def _new_session() -> requests.Session:
    retry = Retry(
        total=settings.AGENCIES_HTTP_RETRIES,
        connect=settings.AGENCIES_HTTP_RETRIES,
        read=settings.AGENCIES_HTTP_RETRIES,
        status=settings.AGENCIES_HTTP_RETRIES,
        status_forcelist=TRANSIENT_STATUSES,
        allowed_methods=frozenset({"GET", "POST"}),
        backoff_factor=settings.AGENCIES_HTTP_BACKOFF_SECONDS,
        backoff_jitter=settings.AGENCIES_HTTP_BACKOFF_SECONDS,
        respect_retry_after_header=False,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=32)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = "MesDroits/1.0 (+https://github.com/mes-droits)"
    return session


def timeout() -> float:
    return settings.AGENCIES_HTTP_TIMEOUT
