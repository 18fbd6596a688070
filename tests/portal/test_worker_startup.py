"""A Celery worker says it is starting before it warms OpenFisca, and that it is ready once it consumes."""

import pytest
from celery.signals import worker_init, worker_ready, worker_shutdown

from portal.health import worker_starting, worker_starting_clear

pytestmark = pytest.mark.worker


@pytest.fixture
def no_worker_broker(settings):
    # Database 13 of the same Redis is a broker no worker consumes from; the mark is per queue.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/13"
    yield
    worker_starting_clear()


def test_the_worker_is_marked_starting_while_it_warms_up_until_it_stops(
    no_worker_broker, monkeypatch, caplog
):
    seen_while_warming = []
    monkeypatch.setattr("simulator.warmup.warm_process", lambda: seen_while_warming.append(worker_starting()))
    caplog.set_level("INFO", logger="portal")

    worker_init.send(sender=None)
    assert seen_while_warming == [True]
    assert worker_starting()

    worker_ready.send(sender=None)
    # A ping broadcast just before the worker was ready goes unanswered: the mark stays a few seconds.
    assert worker_starting()
    assert "Celery worker ready" in caplog.text

    worker_shutdown.send(sender=None)
    assert not worker_starting()
