"""The portal's Celery app for the fault tests' worker subprocesses, with Redis's visibility timeout
shortened (ALERTS_TEST_VISIBILITY_TIMEOUT) so that an unacknowledged task is redelivered in seconds,
as it would be after an hour in production."""

import os

from portal.celery_app import app

app.conf.broker_transport_options = {
    "visibility_timeout": float(os.environ.get("ALERTS_TEST_VISIBILITY_TIMEOUT", "3600")),
    "unacked_restore_interval": 1,
}

__all__ = ["app"]
