"""/healthz reports the database, Redis and a live Celery worker."""

import pytest

from portal.health import worker_starting_clear, worker_starting_mark

pytestmark = [pytest.mark.worker, pytest.mark.django_db]

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"
# Database 13 of the same Redis is a broker no worker consumes from.
NO_WORKER_BROKER = "redis://127.0.0.1:6379/13"


def test_it_answers_200_when_every_part_is_up(client, celery_worker):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert {name for name, check in body["checks"].items() if check["ok"]} == {"database", "redis", "worker"}
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_it_answers_503_naming_redis_when_redis_is_unreachable(client, settings, celery_worker):
    settings.REDIS_URL = CLOSED_PORT_REDIS

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["redis"]
    assert "redis unreachable" in response.json()["checks"]["redis"]["detail"]


def test_it_answers_503_naming_the_worker_when_no_worker_listens(client, settings, celery_worker):
    settings.CELERY_BROKER_URL = NO_WORKER_BROKER

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
    assert response.json()["checks"]["worker"]["detail"] == "no worker answered"


def test_it_answers_starting_at_once_while_the_worker_warms_up(client, settings):
    # As a worker does from its start until it consumes its queue (portal.celery_app).
    settings.CELERY_BROKER_URL = NO_WORKER_BROKER
    worker_starting_mark()
    try:
        response = client.get("/healthz")
    finally:
        worker_starting_clear()

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "starting"
    assert body["failing"] == ["worker"]
    assert body["checks"]["worker"]["detail"] == "starting: a worker is warming up OpenFisca"
    assert body["checks"]["database"]["ok"] is body["checks"]["redis"]["ok"] is True


def test_a_failing_part_beside_a_starting_worker_makes_it_an_error(client, settings):
    settings.CELERY_BROKER_URL = NO_WORKER_BROKER
    worker_starting_mark()
    settings.REDIS_URL = CLOSED_PORT_REDIS
    try:
        response = client.get("/healthz")
    finally:
        worker_starting_clear()

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["failing"] == ["redis", "worker"]


def test_it_answers_503_naming_redis_and_worker_when_the_broker_is_down(client, settings):
    settings.REDIS_URL = CLOSED_PORT_REDIS
    settings.CELERY_BROKER_URL = CLOSED_PORT_REDIS

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["redis", "worker"]
    assert response.json()["checks"]["database"]["ok"] is True


def test_it_refuses_post(client):
    assert client.post("/healthz").status_code == 405
