"""The Celery application: Redis broker, django-celery-beat schedules, settings under CELERY_*."""

import logging
import os

from celery import Celery
from celery.signals import worker_init, worker_ready, worker_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("mesdroits")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    # A task is acknowledged once done, so a worker killed mid-task does not lose it; tasks are
    # therefore written to be idempotent.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_serializer="json",
    accept_content=["json"],
    result_serializer="json",
    result_expires=3600,
    broker_connection_retry_on_startup=True,
    # Redis redelivers an unacknowledged task after this delay; it must exceed the longest task.
    broker_transport_options={"visibility_timeout": 3600},
)
app.autodiscover_tasks()


# Connected here, when the app is made, hence before the apps' own worker_init receivers (the
# simulator's warms OpenFisca): /healthz says "starting" rather than "no worker answered" meanwhile.
@worker_init.connect(dispatch_uid="portal.worker_starting")
def _worker_starting(**kwargs) -> None:
    from portal.health import worker_starting_mark

    worker_starting_mark()


@worker_ready.connect(dispatch_uid="portal.worker_ready")
def _worker_ready(**kwargs) -> None:
    from portal.health import worker_starting_end

    worker_starting_end()
    logging.getLogger("portal").info("Celery worker ready: it consumes its queue and answers /healthz")


@worker_shutdown.connect(dispatch_uid="portal.worker_shutdown")
def _worker_shutdown(**kwargs) -> None:
    from portal.health import worker_starting_clear

    worker_starting_clear()
