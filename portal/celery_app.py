"""The Celery application: Redis broker, django-celery-beat schedules, settings under CELERY_*."""

import os

from celery import Celery

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
