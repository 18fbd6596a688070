"""The demo's SQLite holds a few writers at once (web threads, the worker, beat): none sees "database is locked".

Each writer is its own process running the project's settings on the same temporary SQLite file,
as `make run`'s processes do, and increments a counter many times in transactions that read, then
write: the pattern (a session's update, a `select_for_update` then `save`) that fails at once under
SQLite's default deferred transactions when another writer got in between.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
INCREMENTS = 25

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path

    import django

    django.setup()
    from django.db import connection, transaction

    go = Path(sys.argv[1])
    while not go.exists():  # every writer starts once all are set up, so that they overlap
        time.sleep(0.01)
    for _ in range({increments}):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT value FROM counter WHERE id = 1")
                (value,) = cursor.fetchone()
                time.sleep(0.002)  # work between the read and the write, as a view or a task does
                cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
    print("done")
    """
).format(increments=INCREMENTS)


def _environment(database: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "ENV_FILE": "",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    return environment


def _run_django(code: str, database: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_environment(database),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_concurrent_writers_on_the_demo_sqlite_never_see_database_is_locked(tmp_path):
    database = tmp_path / "db.sqlite3"
    setup = _run_django(
        "import django; django.setup(); from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)')\n"
        "    c.execute('INSERT INTO counter VALUES (1, 0)')\n"
        "    c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        database,
    )
    assert setup.returncode == 0, setup.stderr
    assert setup.stdout.strip() == "wal"

    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(go)],
            cwd=ROOT,
            env=_environment(database),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WRITERS)
    ]
    go.touch()
    outcomes = [writer.communicate(timeout=180) for writer in writers]

    errors = "\n".join(stderr for _, stderr in outcomes)
    assert "database is locked" not in errors
    assert [writer.returncode for writer in writers] == [0] * WRITERS, errors
    final = _run_django(
        "import django; django.setup(); from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SELECT value FROM counter'); print(c.fetchone()[0])",
        database,
    )
    assert final.stdout.strip() == str(WRITERS * INCREMENTS), final.stderr  # no update lost either
