"""A rule run twice, or by two beats at once, writes one alert and sends one e-mail."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from alerts.models import Delivery, Notification, Preference
from alerts.services.rules import rules_run
from alerts.tasks import rules_run_task
from tests.alerts.conftest import right_add


@pytest.fixture
def due_soon(melissandre):
    today = timezone.localdate()
    right_add(melissandre, "rsa", next_declaration_due=today + timezone.timedelta(days=3))
    return melissandre


@pytest.mark.django_db
def test_a_rule_run_twice_creates_one_alert(due_soon):
    assert rules_run() == 1
    assert rules_run() == 0
    assert Notification.objects.filter(user=due_soon).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_beats_at_once_create_one_alert(due_soon):
    barrier = threading.Barrier(4)
    results: list[int] = []

    def beat() -> None:
        try:
            barrier.wait()
            results.append(rules_run())
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0, 0, 0, 1]
    assert Notification.objects.filter(user=due_soon).count() == 1
    assert Delivery.objects.filter(notification__user=due_soon).count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_task_sent_twice_to_the_real_worker_sends_one_email(celery_worker, due_soon, mailoutbox):
    Preference.objects.create(user=due_soon, category="declaration", email=True)

    first, second = rules_run_task.delay(), rules_run_task.delay()
    assert sorted([first.get(timeout=30), second.get(timeout=30)]) == [0, 1]

    delivery = Delivery.objects.get(channel="email")
    for _ in range(100):
        delivery.refresh_from_db()
        if delivery.status == "sent":
            break
        threading.Event().wait(0.1)
    assert delivery.status == "sent"
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1
