"""Every log line of `make run` is stamped in UTC, with its offset: Django's and Celery's (the root
handler of LOGGING), the web's gunicorn and the sandboxes' gunicorns.

The test process runs in another zone, as Django's TIME_ZONE (Europe/Paris) makes every process
that loads the settings: a timestamp taken in local time would show it.
"""

import datetime as dt
import logging
import re
import shlex
import sys
import time
from logging.config import DictConfigurator
from pathlib import Path

import pytest
from django.conf import settings
from gunicorn.app.wsgiapp import WSGIApplication
from gunicorn.config import Config

from portal.logs import UTCGunicornLogger

ROOT = Path(__file__).resolve().parents[2]
# 2026-12-04 15:21:13.614 UTC, 00:21 the next day in Tokyo.
INSTANT = dt.datetime(2026, 12, 4, 15, 21, 13, 614000, tzinfo=dt.UTC).timestamp()


@pytest.fixture
def local_time_in_tokyo(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def record_at(instant: float) -> logging.LogRecord:
    record = logging.LogRecord("portal", logging.INFO, __file__, 1, "hello", None, None)
    record.created = instant
    record.msecs = round((instant % 1) * 1000)
    return record


def test_django_and_celery_lines_are_stamped_in_utc_with_the_offset(local_time_in_tokyo):
    # Celery's worker and beat keep LOGGING's root handler (CELERY_WORKER_HIJACK_ROOT_LOGGER off).
    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is False
    assert settings.LOGGING["root"]["handlers"] == ["console"]
    formatter = DictConfigurator({}).configure_formatter(dict(settings.LOGGING["formatters"]["plain"]))

    line = formatter.format(record_at(INSTANT))

    assert line == "2026-12-04 15:21:13.614+00:00 INFO portal hello"


def test_the_web_gunicorn_lines_are_stamped_in_utc(local_time_in_tokyo, tmp_path):
    from portal.gunicorn_conf import logger_class

    cfg = Config()
    cfg.set("errorlog", str(tmp_path / "error.log"))
    logger = logger_class(cfg)
    try:
        (handler,) = logger.error_log.handlers
        assert handler.formatter.format(record_at(INSTANT)).startswith("[2026-12-04 15:21:13 +0000]")
        access_time = dt.datetime.strptime(logger.now(), "[%d/%b/%Y:%H:%M:%S %z]")
        assert access_time.utcoffset() == dt.timedelta(0)
        assert abs(access_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    finally:
        for log in (logger.error_log, logger.access_log):
            for handler in log.handlers:
                handler.close()
            log.handlers = []


def procfile_gunicorns() -> dict[str, list[str]]:
    """The argv of each gunicorn of the Procfile, with ${VAR:-default} at its default."""
    commands = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        words = shlex.split(re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", command))
        while words and re.fullmatch(r"\w+=.*", words[0]):
            words.pop(0)  # VAR=value before the command
        if words and words[0].endswith("/gunicorn"):
            commands[name] = words
    return commands


def gunicorn_config(argv: list[str], monkeypatch) -> Config:
    monkeypatch.setattr(sys, "argv", argv)
    return WSGIApplication().cfg


def test_every_gunicorn_of_make_run_stamps_utc_and_has_no_shared_control_socket(monkeypatch):
    gunicorns = procfile_gunicorns()
    assert set(gunicorns) == {"web", "fc", "agencies"}

    for name, argv in gunicorns.items():
        cfg = gunicorn_config(argv, monkeypatch)
        assert cfg.control_socket_disable is True, name
        assert issubclass(cfg.logger_class, UTCGunicornLogger), name
