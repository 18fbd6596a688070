"""/healthz reports the database, Redis and a live Celery worker."""

import pytest

pytestmark = [pytest.mark.worker, pytest.mark.django_db]

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


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
    # Database 13 of the same Redis is a broker no worker consumes from.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/13"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
    assert response.json()["checks"]["worker"]["detail"] == "no worker answered"


def test_it_answers_503_naming_redis_and_worker_when_the_broker_is_down(client, settings):
    settings.REDIS_URL = CLOSED_PORT_REDIS
    settings.CELERY_BROKER_URL = CLOSED_PORT_REDIS

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["redis", "worker"]
    assert response.json()["checks"]["database"]["ok"] is True


def test_it_refuses_post(client):
    assert client.post("/healthz").status_code == 405
