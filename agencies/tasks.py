"""Celery tasks of the agencies app: take ids, load, call a service."""

from celery import shared_task

from agencies.services.fetch import fetch_run_execute
from agencies.services.journal import journal_purge


@shared_task(name="agencies.fetch_run_execute")
def fetch_run_execute_task(run_id: int) -> None:
    fetch_run_execute(run_id=run_id)


@shared_task(name="agencies.journal_purge")
def journal_purge_task() -> int:
    return journal_purge()
