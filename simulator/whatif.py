"""The what-if ("Simuler un changement de situation") off the web request.

Comparing two situations and drawing the income curve runs OpenFisca for about a second alone, and
several seconds when many people do it at once: inside the request it held a web thread that long and
slowed every other page. The request now only names the computation and queues it (on
``SIMULATOR_WHATIF_QUEUE`` when set, a worker pool of its own, else the default queue); the page
shows progress until the worker has stored the comparison.

A computation is named by a hash of its inputs (the base situation, the change and its parameters):
asking twice the same thing costs nothing while the first result is kept (``WHATIF_KEEP_SECONDS``).
Inputs and results live in the cache, never in the task's arguments (brokers and logs keep those).
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from simulator.engine import Situation
from simulator.scenarios import Comparison, scenario_compare

logger = logging.getLogger(__name__)

WHATIF_KEEP_SECONDS = 3600


def _cache_key(key: str, part: str) -> str:
    return f"simulator:whatif:{key}:{part}"


def whatif_key(*, base: Situation, changed: Situation, kind: str) -> str:
    inputs = json.dumps([base.model_dump(mode="json"), changed.model_dump(mode="json"), kind], sort_keys=True)
    return hashlib.sha256(inputs.encode()).hexdigest()[:32]


def whatif_request(*, base: Situation, changed: Situation, kind: str) -> str:
    """Name the comparison and queue it after commit unless it is stored or under way; its key."""
    key = whatif_key(base=base, changed=changed, kind=kind)
    if cache.get(_cache_key(key, "result")) is not None:
        return key
    inputs = {"base": base.model_dump(mode="json"), "changed": changed.model_dump(mode="json"), "kind": kind}
    if not cache.add(_cache_key(key, "input"), inputs, WHATIF_KEEP_SECONDS):
        return key  # already queued by an earlier request
    cache.delete(_cache_key(key, "failed"))

    def send() -> None:
        from simulator.tasks import whatif_compute_task

        options = {"queue": settings.SIMULATOR_WHATIF_QUEUE} if settings.SIMULATOR_WHATIF_QUEUE else {}
        whatif_compute_task.apply_async((key,), **options)

    transaction.on_commit(send)
    return key


def whatif_compute(*, key: str) -> bool:
    """Compute and store the comparison named ``key`` (the task's body). Idempotent: a stored result
    is kept; inputs gone (expired) compute nothing. True when a result is stored."""
    if cache.get(_cache_key(key, "result")) is not None:
        return True
    inputs = cache.get(_cache_key(key, "input"))
    if inputs is None:
        logger.warning("what-if %s: inputs expired before the computation", key)
        return False
    try:
        comparison = scenario_compare(
            Situation.model_validate(inputs["base"]),
            Situation.model_validate(inputs["changed"]),
            kind=inputs["kind"],
        )
    except Exception:
        # The page says it failed and lets the person ask again; the details stay in the logs.
        logger.exception("what-if %s (%s) failed", key, inputs["kind"])
        cache.set(_cache_key(key, "failed"), True, WHATIF_KEEP_SECONDS)
        cache.delete(_cache_key(key, "input"))
        return False
    cache.set(_cache_key(key, "result"), comparison, WHATIF_KEEP_SECONDS)
    return True


def whatif_state(*, key: str) -> tuple[str, Comparison | None]:
    """("ready", comparison), ("pending", None), ("failed", None) or ("unknown", None) once expired."""
    comparison = cache.get(_cache_key(key, "result"))
    if comparison is not None:
        return "ready", comparison
    if cache.get(_cache_key(key, "failed")):
        return "failed", None
    if cache.get(_cache_key(key, "input")) is not None:
        return "pending", None
    return "unknown", None
