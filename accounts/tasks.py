"""Celery tasks of the accounts app: take ids, load, call a service."""

from celery import shared_task

from accounts.services import sessions_expired_purge


@shared_task(name="accounts.sessions_purge")
def sessions_purge_task() -> list[int]:
    return list(sessions_expired_purge())
