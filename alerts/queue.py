"""Queuing the alerts' tasks: on the alerts queue (ALERTS_QUEUE) or the default one, after commit."""

from django.conf import settings
from django.db import transaction


def _options() -> dict:
    return {"queue": settings.ALERTS_QUEUE} if settings.ALERTS_QUEUE else {}


def delivery_enqueue_on_commit(delivery_ids: list[int]) -> None:
    if not delivery_ids:
        return

    def send() -> None:
        from alerts.tasks import deliver

        for delivery_id in delivery_ids:
            deliver.apply_async((delivery_id,), **_options())

    transaction.on_commit(send)


def publication_enqueue_on_commit(publication_id: int) -> None:
    def send() -> None:
        from alerts.tasks import publication_send_task

        publication_send_task.apply_async((publication_id,), **_options())

    transaction.on_commit(send)
