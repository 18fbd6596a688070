"""A task goes through Redis to a real worker and its result comes back: no eager mode."""

import pytest

from portal.celery_app import app
from portal.tasks import echo

pytestmark = pytest.mark.worker


def test_a_task_round_trips_through_the_real_worker(celery_worker):
    assert app.conf.task_always_eager is False

    result = echo.delay({"persona": "Mélissandre", "amounts": [480, 12.5]})

    assert result.get(timeout=20) == {"persona": "Mélissandre", "amounts": [480, 12.5]}
    assert result.successful()


def test_tasks_are_acknowledged_late_and_time_limited():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > 0
