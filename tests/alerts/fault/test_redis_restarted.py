"""Redis restarted (without persistence) while e-mails are queued: the sweeper re-queues what was
lost, the claim keeps any duplicate from sending twice — every person gets exactly one e-mail."""

import time

import pytest

from alerts.models import Delivery
from tests.alerts.fault.conftest import wait_until
from tests.alerts.fault.test_worker_killed import pending_email

COUNT = 20


@pytest.mark.slow
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_redis_restarted_with_alerts_pending_loses_none_and_doubles_none(processes, own_redis, melissandre):
    deliveries = [pending_email(melissandre, n) for n in range(COUNT)]
    # 1 s a mail: the restart lands while most of the 20 are still queued, even on a busy machine.
    processes.start_worker(ALERTS_TEST_EMAIL_DELAY="1.0")
    assert processes.sweep().startswith(f"{COUNT} envoi(s)")

    wait_until(lambda: len(processes.mails()) >= 3, timeout=120, what="the first e-mails")
    own_redis.restart()  # the queue and the unacknowledged task are gone
    sent_before = Delivery.objects.filter(status="sent").count()
    assert sent_before < COUNT

    deadline = time.monotonic() + 300
    while Delivery.objects.filter(status="sent").count() < COUNT:  # the beat would sweep every few minutes
        assert time.monotonic() < deadline, "deliveries lost"
        time.sleep(2.5)
        processes.sweep()

    time.sleep(2)
    assert Delivery.objects.filter(status="sent").count() == COUNT
    names = [path.name.split("-")[0] for path in processes.mails()]
    assert sorted(names) == sorted(str(d.pk) for d in deliveries)  # one e-mail each, none twice
