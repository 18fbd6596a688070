"""Celery tasks of the rights app: take ids, load, call a service."""

from celery import shared_task

from accounts.models import User
from rights.services import rights_rebuild_for_user, rights_statuses_refresh


@shared_task(name="rights.rebuild_for_user")
def rights_rebuild_task(user_id: int) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is not None:  # the account may have been deleted since the fetch
        rights_rebuild_for_user(user=user)


@shared_task(name="rights.statuses_refresh")
def rights_statuses_refresh_task() -> int:
    return rights_statuses_refresh()
