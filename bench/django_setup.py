"""Django for a benchmark: its own database (SQLite in `tmp`, or BENCH_DATABASE_URL) and Redis
database, migrated, so a benchmark never touches the demo's or the tests' data."""

import contextlib
import os
from collections.abc import Iterator
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


@contextlib.contextmanager
def agency_sandboxes(tmp: Path, *, latency_ms: int) -> Iterator[str]:
    """The FranceConnect and agency sandboxes, every agency answering in `latency_ms`, with the
    portal's API Particulier client pointed at them; yields the agencies' base URL."""
    from django.conf import settings

    from sandbox.process import running_sandbox

    with (
        running_sandbox("sandbox.franceconnect.app:create_app()", env={"SANDBOX_STATE_DIR": str(tmp)}) as fc,
        running_sandbox(
            "sandbox.agencies.app:create_app()",
            env={
                "SANDBOX_AGENCIES_LATENCY_MS": str(latency_ms),
                "SANDBOX_AGENCIES_FC_CHECKTOKEN_URL": f"{fc}/api/v2/checktoken",
            },
        ) as agencies,
    ):
        settings.AGENCIES_API_PARTICULIER_URL = agencies
        yield agencies


def demo_citizen(login: str):
    """A demo person as their FranceConnect login creates them (sandbox/data/identities.yaml)."""
    import yaml

    from accounts.services import citizen_login_from_franceconnect

    identities = yaml.safe_load(Path("sandbox/data/identities.yaml").read_text(encoding="utf-8"))
    claims = next(entry for entry in identities if entry["login"] == login)
    return citizen_login_from_franceconnect(claims={k: v for k, v in claims.items() if k != "label"})
