"""With the real worker on Redis: beat's task computes the day's snapshot, and running it twice
leaves one."""

import pytest

from stats.models import Snapshot
from stats.tasks import snapshot_compute_task

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_task_computes_the_snapshot_in_the_worker(known_rows, celery_worker):
    first = snapshot_compute_task.delay().get(timeout=60)
    second = snapshot_compute_task.delay().get(timeout=60)
    assert first == second
    snapshot = Snapshot.objects.get()
    assert snapshot.data["weekly"]["logins"][-1] == 12
