"""Django for a benchmark: its own database (SQLite in `tmp`, or BENCH_DATABASE_URL) and Redis
database, migrated, so a benchmark never touches the demo's or the tests' data."""

import os
from pathlib import Path


def django_for_bench(tmp: Path, **extra_env: str) -> None:
    os.environ.update(
        {
            "ENV_FILE": "",
            "DEBUG": "true",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}"),
            "REDIS_URL": "redis://127.0.0.1:6379/12",
            "CACHE_REDIS_URL": "redis://127.0.0.1:6379/12",
            "LOG_LEVEL": "WARNING",
            **extra_env,
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
