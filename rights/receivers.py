"""Reactions to other apps' signals, connected in RightsConfig.ready()."""

from django.db import transaction


def rebuild_after_fetch(sender, *, user_id: int, run_id: int, **kwargs) -> None:
    """New agency data: rebuild the person's rights in the worker, once the data is committed."""
    from rights.tasks import rights_rebuild_task

    transaction.on_commit(lambda: rights_rebuild_task.delay(user_id))
