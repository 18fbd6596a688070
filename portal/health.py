"""Health checks of the parts the portal cannot work without: database, Redis, a Celery worker.

Settings are read at call time so that each check targets the configuration in force.
"""

import logging
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
        logger.warning("health: no Celery worker answered within %ss", timeout)
        return CheckResult(ok=False, detail="no worker answered")
    return CheckResult(ok=True, detail=f"{len(replies)} worker(s)")


CHECKS = {"database": check_database, "redis": check_redis, "worker": check_worker}


def run_checks() -> dict[str, CheckResult]:
    return {name: check() for name, check in CHECKS.items()}
