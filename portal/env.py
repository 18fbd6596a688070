"""Strict readers for settings taken from the environment.

Each reader fails loudly, naming the variable, when a value is present but malformed: a typo in
production configuration must stop start-up, not silently fall back to a default.
"""

import os
from urllib.parse import unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = _raw(name)
    if value is None:
        if required or default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of true/false, 1/0, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as e:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from e
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ImproperlyConfigured(f"{name}={number} is outside the allowed range [{minimum}, {maximum}].")
    return number


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError as e:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number.") from e
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


_DB_SCHEMES = {"postgres", "postgresql", "pgsql", "psql", "sqlite"}


# SQLite is the demo's database on a bare machine, written at once by the web threads, the worker and
# beat. A transaction takes the write lock when it begins (IMMEDIATE): a deferred one that reads and
# then writes fails at once with "database is locked" when another writer got in between, whatever the
# timeout. A writer waits up to `timeout` seconds for the lock, and WAL lets readers go on meanwhile.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def env_database(name: str, default: str) -> dict:
    """Parse a DATABASE_URL into a DATABASES entry; only PostgreSQL and SQLite are supported.

    SQLite gets SQLITE_OPTIONS, so that a few concurrent writers wait for each other instead of failing.
    """
    value = _raw(name) or default
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in _DB_SCHEMES:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a database URL: expected postgres://user@host:port/name or sqlite:///path."
        )
    try:
        config = environ.Env.db_url_config(value)
    except Exception as e:  # django-environ raises several types on malformed URLs
        raise ImproperlyConfigured(f"{name}={value!r} cannot be parsed: {e}") from e
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name}={value!r} names no database.")
    if config["ENGINE"].endswith("sqlite3"):
        config["OPTIONS"] = {**config.get("OPTIONS", {}), **SQLITE_OPTIONS}
    return config


def env_redis_url(name: str, default: str) -> str:
    value = _raw(name) or default
    if not value.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"{name}={value!r} is not a Redis URL: expected redis://host:port/db.")
    return value


_EMAIL_SCHEMES = {
    "smtp",
    "smtps",
    "smtp+tls",
    "smtp+ssl",
    "consolemail",
    "filemail",
    "memorymail",
    "dummymail",
}


def env_email(name: str, default: str) -> dict:
    """Parse EMAIL_URL (smtp://user:password@host:587, consolemail://, filemail:///absolute/path)."""
    value = _raw(name) or default
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in _EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not an e-mail URL: expected one of {', '.join(sorted(_EMAIL_SCHEMES))}."
        )
    config = environ.Env.email_url_config(value)
    if scheme == "filemail":
        # django-environ drops the path's leading slash, making filemail:///srv/mails relative to
        # wherever the process happens to start.
        parts = urlsplit(value)
        if parts.netloc or not parts.path.startswith("/"):
            raise ImproperlyConfigured(
                f"{name}={value!r}: filemail takes an absolute directory, as in filemail:///srv/mails."
            )
        config["EMAIL_FILE_PATH"] = unquote(parts.path)
    return config
