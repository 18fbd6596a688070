"""A circuit breaker per data source, its state in Redis so web and worker processes share it,
and the back-off a 429 asks for."""

import time
from functools import cache as cache_by_url

import pybreaker
import redis
from django.conf import settings
from django.core.cache import cache

from agencies.connectors.errors import (
    BadIdentityData,
    ConfigurationError,
    NeedsFranceConnect,
    NotFound,
    RateLimited,
)

# Answers that say nothing about the agency's health do not count as failures.
NOT_FAILURES = (NotFound, BadIdentityData, NeedsFranceConnect, ConfigurationError, RateLimited)


@cache_by_url
def _redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)


def breaker_for(source: str) -> pybreaker.CircuitBreaker:
    """A breaker object for one call; its state is in Redis, shared by every process."""
    client = _redis(settings.CACHE_REDIS_URL)
    return pybreaker.CircuitBreaker(
        fail_max=settings.AGENCIES_BREAKER_FAILURES,
        reset_timeout=settings.AGENCIES_BREAKER_RESET_SECONDS,
        exclude=list(NOT_FAILURES),
        state_storage=pybreaker.CircuitRedisStorage(
            pybreaker.STATE_CLOSED, client, namespace=f"mesdroits:breaker:{source}"
        ),
        name=source,
    )


def _backoff_key(source: str) -> str:
    return f"agencies:backoff:{source}"


def backoff_until(source: str) -> float | None:
    """When a source that answered 429 may be asked again (epoch seconds), if it is backing off."""
    until = cache.get(_backoff_key(source))
    return until if until and until > time.time() else None


def backoff_start(source: str, *, seconds: float) -> None:
    seconds = max(1.0, min(seconds, 3600.0))
    cache.set(_backoff_key(source), time.time() + seconds, timeout=int(seconds) + 1)
