"""Reactions to the lower layers' signals: new agency data → run the alert rules for that person;
consent withdrawn → delete the alerts that rested on it.

Rules are queued (after commit, with a short delay) rather than run here, so that the rights rebuilt
from the same data are in place when the rules read them; the hourly beat catches anything missed.
"""

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver

from agencies.signals import consent_withdrawn


def rules_run_after_fetch(sender, *, user_id: int, run_id: int | None = None, **kwargs) -> None:
    from alerts.tasks import rules_run_task

    options = {"queue": settings.ALERTS_QUEUE} if settings.ALERTS_QUEUE else {}
    transaction.on_commit(
        lambda: rules_run_task.apply_async(
            kwargs={"user_id": user_id}, countdown=settings.ALERTS_AFTER_FETCH_DELAY_SECONDS, **options
        )
    )


@receiver(consent_withdrawn, dispatch_uid="alerts.forget_withdrawn_alerts")
def forget_withdrawn_alerts(sender, *, user_id: int, source: str, **kwargs) -> None:
    """In the withdrawal's transaction, after rights and simulator (layer order) removed theirs."""
    from alerts.services.withdrawal import notifications_forget_unsupported

    notifications_forget_unsupported(user_id=user_id)
