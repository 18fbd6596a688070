"""Reactions to other apps' signals, connected in RightsConfig.ready() (or here, with @receiver,
when the module is imported there)."""

from django.db import transaction
from django.dispatch import receiver

from agencies.signals import consent_withdrawn


def rebuild_after_fetch(sender, *, user_id: int, run_id: int, **kwargs) -> None:
    """New agency data: rebuild the person's rights in the worker, once the data is committed."""
    from rights.tasks import rights_rebuild_task

    transaction.on_commit(lambda: rights_rebuild_task.delay(user_id))


@receiver(consent_withdrawn, dispatch_uid="rights.forget_withdrawn_source")
def forget_withdrawn_source(sender, *, user_id: int, source: str, **kwargs) -> None:
    """Consent withdrawn: the rights built from that source go now, in the withdrawal's transaction."""
    from accounts.models import User
    from rights.services import rights_forget_source

    rights_forget_source(user=User(pk=user_id), source=source)
