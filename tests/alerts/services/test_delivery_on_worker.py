"""On the real worker: a transient SMTP error is retried with backoff, then the e-mail goes once."""

import time

import pytest
from django.core import mail

from alerts.models import Delivery, Preference
from alerts.services.rules import rules_run
from tests.alerts.backends import FlakyBackend, transient
from tests.alerts.conftest import right_add


def wait_for(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_retries_transient_errors_then_sends_once(
    celery_worker, melissandre, settings, mailoutbox
):
    settings.EMAIL_BACKEND = "tests.alerts.backends.FlakyBackend"
    settings.ALERTS_RETRY_BACKOFF_SECONDS = 0.05
    FlakyBackend.errors[:] = [transient(), transient()]
    Preference.objects.create(user=melissandre, category="renouvellement", email=True)
    from django.utils import timezone

    right_add(
        melissandre,
        "css_participation",
        organism="cpam",
        end_date=timezone.localdate() + timezone.timedelta(days=30),
    )

    assert rules_run() == 1  # committed at once: the e-mail task is queued

    delivery = Delivery.objects.get(channel="email")
    wait_for(lambda: Delivery.objects.get(pk=delivery.pk).status == "sent")
    delivery.refresh_from_db()
    assert delivery.attempts == 3
    assert delivery.last_error == ""
    assert len(mail.outbox) == 1
    FlakyBackend.errors[:] = []
