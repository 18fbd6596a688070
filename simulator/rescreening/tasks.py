"""Celery tasks of the re-screening: each takes ids, calls a service, and is safe to run twice."""

from celery import shared_task

from simulator.models import ScreeningRun
from simulator.rescreening.services import (
    CHUNK_SOFT_TIME_LIMIT_SECONDS,
    CHUNK_TIME_LIMIT_SECONDS,
    rescreening_chunk_process,
    rescreening_run_plan,
    rescreening_run_start,
    rescreening_sweep,
)


@shared_task(name="simulator.rescreening_full")
def rescreening_full_task(reason: str = "") -> int:
    """Everyone, after a legislation or catalogue change."""
    return rescreening_run_start(kind=ScreeningRun.Kind.FULL, reason=reason).pk


@shared_task(name="simulator.rescreening_incremental")
def rescreening_incremental_task() -> int:
    """Beat, nightly: the members whose agency data changed since their last screening."""
    return rescreening_run_start(kind=ScreeningRun.Kind.INCREMENTAL, reason="nightly").pk


@shared_task(name="simulator.rescreening_plan")
def rescreening_plan_task(run_id: int) -> int:
    return rescreening_run_plan(run_id=run_id)


@shared_task(
    name="simulator.rescreening_chunk",
    soft_time_limit=CHUNK_SOFT_TIME_LIMIT_SECONDS,
    time_limit=CHUNK_TIME_LIMIT_SECONDS,
)
def rescreening_chunk_task(chunk_id: int) -> str:
    return rescreening_chunk_process(chunk_id=chunk_id)


@shared_task(name="simulator.rescreening_sweep")
def rescreening_sweep_task() -> int:
    """Beat: chunks of killed workers and lost messages queued again, finished runs closed."""
    return rescreening_sweep()
