"""Delivering by e-mail: claim, send, mark; transient errors retried with backoff, others failed for
good and replayable; the sweeper re-queues what the broker lost."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from alerts.models import Delivery, Notification, Preference
from alerts.services.delivery import (
    TransientDeliveryError,
    deliveries_replay,
    deliveries_sweep,
    delivery_send,
)
from alerts.services.rules import rules_run
from tests.alerts.backends import FlakyBackend, permanent, transient
from tests.alerts.conftest import day, right_add


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.alerts.backends.FlakyBackend"
    settings.ALERTS_EMAIL_MAX_ATTEMPTS = 3
    FlakyBackend.errors = []
    yield FlakyBackend.errors
    FlakyBackend.errors = []


@pytest.fixture
def email_delivery(melissandre, django_capture_on_commit_callbacks):
    Preference.objects.create(user=melissandre, category="declaration", email=True)
    right_add(melissandre, "rsa", next_declaration_due=day("2026-10-15"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rules_run(today=day("2026-10-02"))  # the declaration opened on 1 October
    assert len(callbacks) == 1  # the e-mail is queued once the notification is committed
    return Delivery.objects.get(channel="email")


@pytest.mark.django_db
def test_it_sends_once_and_a_second_run_finds_nothing_to_claim(email_delivery, flaky):
    assert delivery_send(delivery_id=email_delivery.pk) == "sent"
    assert delivery_send(delivery_id=email_delivery.pk) == "skipped"

    email_delivery.refresh_from_db()
    assert (email_delivery.status, email_delivery.attempts) == ("sent", 1)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["imyllommo-2736@yopmail.com"]
    assert "déclaration trimestrielle RSA" in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_transient_error_leaves_it_pending_with_a_backoff(email_delivery, flaky, settings):
    settings.ALERTS_RETRY_BACKOFF_SECONDS = 10
    flaky.append(transient())

    with pytest.raises(TransientDeliveryError) as raised:
        delivery_send(delivery_id=email_delivery.pk)

    email_delivery.refresh_from_db()
    assert email_delivery.status == "pending"
    assert email_delivery.attempts == 1
    assert "SMTPServerDisconnected" in email_delivery.last_error
    assert 8 <= raised.value.countdown <= 12
    assert email_delivery.not_before > timezone.now()
    assert delivery_send(delivery_id=email_delivery.pk) == "skipped"  # not before its backoff
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_permanent_error_fails_at_once_without_retry(email_delivery, flaky):
    flaky.append(permanent())
    assert delivery_send(delivery_id=email_delivery.pk) == "failed"
    email_delivery.refresh_from_db()
    assert (email_delivery.status, email_delivery.attempts) == ("failed", 1)
    assert "SMTPRecipientsRefused" in email_delivery.last_error


@pytest.mark.django_db
def test_exhausted_attempts_stay_failed_then_replay_sends_it(email_delivery, flaky, settings):
    flaky.extend([transient(), transient(), transient()])
    for _ in range(2):
        with pytest.raises(TransientDeliveryError):
            delivery_send(delivery_id=email_delivery.pk)
        Delivery.objects.filter(pk=email_delivery.pk).update(not_before=None)
    assert delivery_send(delivery_id=email_delivery.pk) == "failed"
    email_delivery.refresh_from_db()
    assert (email_delivery.status, email_delivery.attempts) == ("failed", 3)

    assert deliveries_replay(delivery_ids=[email_delivery.pk]) == 1
    assert delivery_send(delivery_id=email_delivery.pk) == "sent"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_claim_held_by_a_live_worker_is_not_taken_until_its_lease_expires(email_delivery, settings):
    Delivery.objects.filter(pk=email_delivery.pk).update(status="sending", claimed_at=timezone.now())
    assert delivery_send(delivery_id=email_delivery.pk) == "skipped"

    expired = timezone.now() - dt.timedelta(seconds=settings.ALERTS_DELIVERY_LEASE_SECONDS + 1)
    Delivery.objects.filter(pk=email_delivery.pk).update(claimed_at=expired)
    assert delivery_send(delivery_id=email_delivery.pk) == "sent"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_sweeper_requeues_only_what_looks_lost(
    email_delivery, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        assert deliveries_sweep() == 0  # just queued: not lost yet
    old = timezone.now() - dt.timedelta(seconds=settings.ALERTS_SWEEP_AFTER_SECONDS + 1)
    Delivery.objects.filter(pk=email_delivery.pk).update(queued_at=old)
    with django_capture_on_commit_callbacks() as callbacks:
        assert deliveries_sweep() == 1
    assert len(callbacks) == 1
    email_delivery.refresh_from_db()
    assert email_delivery.queued_at > old
    assert Notification.objects.count() == 1
