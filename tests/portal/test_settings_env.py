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
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
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
