"""A worker SIGKILLed in the middle of an e-mail: after a restart, the delivery completes exactly once
(acks_late: Redis hands the unacknowledged task to the new worker; the claim's lease lets it retake
the delivery; the claim also turns any further copy into a no-op)."""

import os
import signal
import time

import pytest
from django.utils import timezone

from alerts.models import Delivery, Notification
from tests.alerts.fault.conftest import wait_until


def pending_email(user, n: int = 0) -> Delivery:
    long_ago = timezone.now() - timezone.timedelta(hours=1)
    notification = Notification.objects.create(
        user=user, kind="c2s-ending", dedup_key=f"c2s-ending-2-mois:fault-{n}", category="renouvellement",
        title="Renouvelez votre complémentaire santé solidaire", body="…", organism="cpam",
    )  # fmt: skip
    # As if the broker had lost its task: only the sweeper (or a redelivery) will bring it to a worker.
    return Delivery.objects.create(notification=notification, channel="email", queued_at=long_ago)


@pytest.mark.slow
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_delivery_sends_exactly_once_after_restart(processes, melissandre):
    delivery = pending_email(melissandre)
    first = processes.start_worker(ALERTS_TEST_EMAIL_DELAY="60", ALERTS_TEST_VISIBILITY_TIMEOUT="3")
    processes.sweep()

    wait_until(
        lambda: Delivery.objects.get(pk=delivery.pk).status == "sending", timeout=120, what="the claim"
    )
    time.sleep(0.5)  # inside the slow send
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, processes.mails()) == ("sending", 1, [])

    processes.start_worker(ALERTS_TEST_EMAIL_DELAY="0.2", ALERTS_TEST_VISIBILITY_TIMEOUT="3")
    wait_until(lambda: Delivery.objects.get(pk=delivery.pk).status == "sent", timeout=180, what="redelivery")

    processes.sweep()  # a late sweep, or a second copy of the task, finds nothing to send
    time.sleep(3)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert len(processes.mails()) == 1
    assert processes.mails()[0].name.startswith(f"{delivery.pk}-")
