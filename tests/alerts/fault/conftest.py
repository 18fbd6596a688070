"""Processes for the fault tests: our own redis-server (never the shared one on 6379) and Celery
workers in subprocesses that a test can SIGKILL, on the test database."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


class OwnRedis:
    """A throwaway redis-server without persistence: a restart loses every queued message."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self._answers, timeout=10, what="redis-server")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def own_redis(tmp_path) -> Iterator[OwnRedis]:
    redis = OwnRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


class Processes:
    """Workers and one-off commands on the test database, our Redis and our own queue."""

    def __init__(self, *, redis: OwnRedis, mail_dir: Path, log_dir: Path):
        self.redis, self.mail_dir, self.log_dir = redis, mail_dir, log_dir
        self.queue = f"alerts-fault-{uuid.uuid4().hex[:8]}"
        self.workers: list[subprocess.Popen] = []
        self.logs: list = []

    def env(self, **extra: str) -> dict[str, str]:
        database = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.alerts.fault.worker_settings",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
            "REDIS_URL": self.redis.url,
            "CELERY_BROKER_URL": self.redis.url,
            "CELERY_RESULT_BACKEND": self.redis.url,
            "CACHE_REDIS_URL": os.environ.get("CACHE_REDIS_URL", "redis://127.0.0.1:6379/12"),
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "ALERTS_QUEUE": self.queue,
            "ALERTS_TEST_MAIL_DIR": str(self.mail_dir),
            "ALERTS_DELIVERY_LEASE_SECONDS": "2",
            "ALERTS_SWEEP_AFTER_SECONDS": "1",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        return env | extra

    def start_worker(self, **extra: str) -> subprocess.Popen:
        log = self.log_dir / f"worker-{len(self.workers)}.log"
        handle = log.open("wb")
        self.logs.append(handle)
        worker = subprocess.Popen(
            [str(BIN / "celery"), "-A", "tests.alerts.fault.worker_app", "worker", "--pool=solo", "-Q", self.queue,
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=self.env(**extra), stdout=handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.workers.append(worker)
        # Generous bounds: a worker starts in seconds alone, much slower on a busy CI machine.
        wait_until(lambda: b" ready." in log.read_bytes(), timeout=180, what=f"worker ready ({log})")
        return worker

    def sweep(self) -> str:
        """What the beat's sweeper does, run as `manage.py alerts_sweep` against our Redis."""
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", "alerts_sweep"], cwd=ROOT, env=self.env(),
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        return result.stdout

    def mails(self) -> list[Path]:
        return sorted(self.mail_dir.glob("*.eml"))

    def stop_all(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()
        for handle in self.logs:
            handle.close()


@pytest.fixture
def processes(own_redis, tmp_path) -> Iterator[Processes]:
    mail_dir = tmp_path / "mails"
    mail_dir.mkdir()
    procs = Processes(redis=own_redis, mail_dir=mail_dir, log_dir=tmp_path)
    yield procs
    procs.stop_all()
