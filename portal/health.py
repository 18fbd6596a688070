"""Health checks of the parts the portal cannot work without: database, Redis, a Celery worker.

Settings are read at call time so that each check targets the configuration in force.

A Celery worker warms OpenFisca before it consumes anything or answers a ping (about ten seconds,
more on a busy machine). Meanwhile it leaves a mark in the broker's Redis, and the worker check
says "starting" instead of "no worker answered": `/healthz` then answers, within its checks'
timeouts, with the status "starting" (503), not "error".
"""

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import Error as DatabaseError
from kombu import Connection

from portal.celery_app import app as celery_app

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str
    starting: bool = False

    def as_dict(self) -> dict:
        return {"ok": self.ok, "detail": self.detail}


def check_database() -> CheckResult:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as e:
        logger.warning("health: database unreachable: %s", e)
        return CheckResult(ok=False, detail=f"database unreachable: {type(e).__name__}")
    return CheckResult(ok=True, detail=connection.vendor)


def check_redis() -> CheckResult:
    timeout = settings.HEALTH_CHECK_TIMEOUT
    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        client.ping()
    except redis.RedisError as e:
        logger.warning("health: redis unreachable at %s: %s", settings.REDIS_URL, e)
        return CheckResult(ok=False, detail=f"redis unreachable: {type(e).__name__}")
    finally:
        client.close()
    return CheckResult(ok=True, detail="pong")


def check_worker() -> CheckResult:
    """At least one Celery worker must answer a broadcast ping on the configured broker."""
    timeout = settings.HEALTH_CHECK_TIMEOUT
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            connect_timeout=timeout,
            transport_options={"socket_timeout": timeout, "socket_connect_timeout": timeout},
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            replies = celery_app.control.ping(timeout=timeout, connection=conn)
    except Exception as e:  # kombu raises transport-specific errors; any failure means "no worker"
        logger.warning("health: broker unreachable for the worker check: %s", e)
        return CheckResult(ok=False, detail=f"broker unreachable: {type(e).__name__}")
    if not replies:
        if worker_starting():
            return CheckResult(ok=False, detail="starting: a worker is warming up OpenFisca", starting=True)
        logger.warning("health: no Celery worker answered within %ss", timeout)
        return CheckResult(ok=False, detail="no worker answered")
    return CheckResult(ok=True, detail=f"{len(replies)} worker(s)")


CHECKS = {"database": check_database, "redis": check_redis, "worker": check_worker}


def run_checks() -> dict[str, CheckResult]:
    return {name: check() for name, check in CHECKS.items()}


def health_report() -> tuple[dict, int]:
    """The body and status of `/healthz`: "ok" (200), else "starting" while the only failing parts
    are still warming up, else "error" (both 503)."""
    results = run_checks()
    failing = [name for name, result in results.items() if not result.ok]
    if not failing:
        status = "ok"
    elif all(results[name].starting for name in failing):
        status = "starting"
    else:
        status = "error"
    body = {
        "status": status,
        "failing": failing,
        "checks": {name: result.as_dict() for name, result in results.items()},
    }
    return body, 503 if failing else 200


# --- The worker's start-up mark -------------------------------------------------------------------
# Kept at most this long, so that a worker killed while warming does not say "starting" for ever.
WORKER_STARTING_TTL_SECONDS = 600
# Kept this long after the worker is ready: a ping broadcast just before, unanswered, is not an error.
WORKER_READY_GRACE_SECONDS = 10


def _starting_key() -> str:
    return f"mesdroits:health:worker-starting:{settings.CELERY_TASK_DEFAULT_QUEUE}"


def _broker_redis() -> redis.Redis:
    timeout = settings.HEALTH_CHECK_TIMEOUT
    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_timeout=timeout, socket_connect_timeout=timeout
    )


def _starting_mark_change(change: Callable[[redis.Redis, str], object], *, what: str) -> None:
    """Change the worker's starting mark; a broker error is logged, never raised (a worker starts)."""
    client = _broker_redis()
    try:
        change(client, _starting_key())
    except redis.RedisError as e:
        logger.warning("health: could not %s the worker's starting mark: %s", what, e)
    finally:
        client.close()


def worker_starting_mark() -> None:
    """Said by a worker as it starts, before warming up (see `portal.celery_app`)."""
    owner = f"{socket.gethostname()}:{os.getpid()}"
    _starting_mark_change(lambda c, key: c.set(key, owner, ex=WORKER_STARTING_TTL_SECONDS), what="set")


def worker_starting_end() -> None:
    """Said by a worker once it consumes its queue: the mark goes after a short grace."""
    _starting_mark_change(lambda c, key: c.expire(key, WORKER_READY_GRACE_SECONDS), what="end")


def worker_starting_clear() -> None:
    """Said by a worker as it stops."""
    _starting_mark_change(lambda c, key: c.delete(key), what="clear")


def worker_starting() -> bool:
    client = _broker_redis()
    try:
        return bool(client.exists(_starting_key()))
    except redis.RedisError:
        return False
    finally:
        client.close()
