"""Bad environment values stop start-up with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import env

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 60,
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def start_django(**overrides: str | None) -> subprocess.CompletedProcess:
    code = overrides.pop("PYTHON_CODE", None) or "import django; django.setup(); print('started')"
    environment = {key: value for key, value in os.environ.items() if key not in GOOD_ENV}
    environment |= GOOD_ENV
    for key, value in overrides.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    environment["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    environment["ENV_FILE"] = ""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_good_environment_starts():
    result = start_django()
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "nonsense"),
        ("DATABASE_URL", "mysql://root@localhost/db"),
        ("DEBUG", "maybe"),
        ("REDIS_URL", "localhost:6379"),
        ("EMAIL_URL", "pigeon://coop"),
        ("SESSION_IDLE_TIMEOUT_SECONDS", "thirty"),
        ("HEALTH_CHECK_TIMEOUT", "-1"),
    ],
)
def test_bad_value_stops_start_up_naming_the_variable(variable, value):
    result = start_django(**{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]


def test_missing_secret_key_in_production_stops_start_up():
    result = start_django(SECRET_KEY=None)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr.splitlines()[-1]


def test_env_bool_accepts_the_usual_spellings(monkeypatch):
    for spelling, expected in [("TRUE", True), ("on", True), ("1", True), ("No", False), ("off", False)]:
        monkeypatch.setenv("SOME_FLAG", spelling)
        assert env.env_bool("SOME_FLAG", not expected) is expected


def test_env_int_refuses_out_of_range_values(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env.env_int("SOME_NUMBER", 5, minimum=1)


def test_env_database_parses_postgres_and_sqlite():
    os.environ.pop("X_DB", None)
    assert env.env_database("X_DB", "postgres://u@h:5433/n")["NAME"] == "n"
    assert env.env_database("X_DB", "sqlite:////tmp/x.sqlite3")["ENGINE"].endswith("sqlite3")


def test_env_database_gives_sqlite_wal_a_busy_timeout_and_immediate_transactions():
    os.environ.pop("X_DB", None)
    options = env.env_database("X_DB", "sqlite:////tmp/x.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert "OPTIONS" not in env.env_database("X_DB", "postgres://u@h:5433/n")


def test_filemail_url_keeps_its_absolute_path(monkeypatch):
    monkeypatch.setenv("X_EMAIL", "filemail:///srv/mes%20droits/mails")
    config = env.env_email("X_EMAIL", "consolemail://")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert config["EMAIL_FILE_PATH"] == "/srv/mes droits/mails"


@pytest.mark.parametrize("value", ["filemail://var/mails", "filemail://"])
def test_filemail_url_without_an_absolute_path_is_refused(monkeypatch, value):
    monkeypatch.setenv("X_EMAIL", value)
    with pytest.raises(ImproperlyConfigured, match="X_EMAIL"):
        env.env_email("X_EMAIL", "consolemail://")


def setting_in_a_fresh_process(name: str, **overrides: str | None) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    result = start_django(**overrides, PYTHON_CODE=code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_site_url_follows_the_web_port_by_default():
    assert setting_in_a_fresh_process("SITE_URL", WEB_PORT="8123", SITE_URL=None) == "http://127.0.0.1:8123"
    assert setting_in_a_fresh_process("SITE_URL", WEB_PORT=None, SITE_URL=None) == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins_over_the_web_port():
    site_url = setting_in_a_fresh_process(
        "SITE_URL", WEB_PORT="8123", SITE_URL="https://mesdroits.example.org"
    )
    assert site_url == "https://mesdroits.example.org"


def test_demo_mails_go_to_the_absolute_directory_of_email_url(tmp_path):
    directory = tmp_path / "mails"
    path = setting_in_a_fresh_process("EMAIL_FILE_PATH", EMAIL_URL=f"filemail://{directory}")
    assert path == str(directory)
