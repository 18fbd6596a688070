"""Reactions to the lower layers' signals: new agency data → run the alert rules for that person.

Queued (after commit, with a short delay) rather than run here, so that the rights rebuilt from the
same data are in place when the rules read them; the hourly beat catches anything missed.
"""

from django.conf import settings
from django.db import transaction


def rules_run_after_fetch(sender, *, user_id: int, run_id: int | None = None, **kwargs) -> None:
    from alerts.tasks import rules_run_task

    options = {"queue": settings.ALERTS_QUEUE} if settings.ALERTS_QUEUE else {}
    transaction.on_commit(
        lambda: rules_run_task.apply_async(
            kwargs={"user_id": user_id}, countdown=settings.ALERTS_AFTER_FETCH_DELAY_SECONDS, **options
        )
    )
