"""scripts/postgres_roles.py on the test PostgreSQL: the application role reads and writes rows, writes
and reads the access journal, and can neither rewrite nor empty the journal nor switch its append-only
trigger off; the owner role runs the DDL of migrations. Role names are unique to each run."""

import importlib.util
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "postgres_roles.py"
PASSWORD = "un-mot-de-passe-de-test-" + uuid.uuid4().hex

pytestmark = pytest.mark.django_db(transaction=True)  # other connections must see committed grants


def _script():
    spec = importlib.util.spec_from_file_location("postgres_roles", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _connect(*, user: str | None = None) -> psycopg.Connection:
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    if user:
        params.update(user=user, password=PASSWORD)
    return psycopg.connect(**params, autocommit=True)


@pytest.fixture
def roles() -> Iterator[tuple[str, str]]:
    script, suffix = _script(), uuid.uuid4().hex[:10]
    owner, app = f"mdtest_owner_{suffix}", f"mdtest_app_{suffix}"
    connection.close()  # ownership changes take locks on every table: no open Django transaction
    with _connect() as admin:
        superuser = admin.info.user
        try:
            script.roles_setup(admin, owner=owner, app=app, owner_password=PASSWORD, app_password=PASSWORD)
            yield owner, app
        finally:
            script.roles_drop(admin, owner=owner, app=app, new_owner=superuser)


def _refused(conn: psycopg.Connection, statement: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)


def test_the_app_role_cannot_switch_off_drop_or_empty_the_journal(roles):
    _, app = roles
    with _connect(user=app) as conn:
        assert conn.execute(
            "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone() == (
            app,
            False,
        )
        _refused(conn, "ALTER TABLE agencies_journalentry DISABLE TRIGGER agencies_journal_guard")
        _refused(conn, "ALTER TABLE agencies_journalentry DISABLE TRIGGER ALL")
        _refused(conn, "DROP TRIGGER agencies_journal_guard ON agencies_journalentry")
        _refused(conn, "DROP FUNCTION agencies_journal_guard() CASCADE")
        _refused(conn, "TRUNCATE agencies_journalentry")
        _refused(conn, "UPDATE agencies_journalentry SET outcome = 'ok'")
        _refused(conn, "DELETE FROM agencies_journalentry")
        _refused(conn, "DROP TABLE agencies_journalentry")
        _refused(conn, "SET session_replication_role = replica")  # would skip every trigger


def test_the_app_role_still_writes_and_reads_the_journal(roles):
    _, app = roles
    with _connect(user=app) as conn:
        row_id = conn.execute(
            "INSERT INTO agencies_journalentry (person_id, actor, at, source, endpoint, purpose, outcome) "
            "VALUES (42, 'citizen', now(), 'caf', '/v3/dss/quotient_familial', 'test des rôles', 'ok') RETURNING id"
        ).fetchone()[0]

        assert conn.execute(
            "SELECT person_id, outcome FROM agencies_journalentry WHERE id = %s", [row_id]
        ).fetchone() == (
            42,
            "ok",
        )


def test_the_app_role_anonymises_a_deleted_person_s_journal_rows_and_nothing_more(roles):
    """An account deletion (privacy.deletion) blanks the person's identity in their journal rows."""
    _, app = roles
    with _connect(user=app) as conn:
        row_id = conn.execute(
            "INSERT INTO agencies_journalentry (person_id, actor, at, source, endpoint, purpose, outcome) "
            "VALUES (43, 'citizen:43', now(), 'caf', '/v3/dss/quotient_familial', 'test des rôles', 'ok') RETURNING id"
        ).fetchone()[0]

        conn.execute(
            "UPDATE agencies_journalentry SET person_id = NULL, actor = 'citizen' WHERE person_id = 43"
        )

        assert conn.execute(
            "SELECT person_id, actor, outcome FROM agencies_journalentry WHERE id = %s", [row_id]
        ).fetchone() == (None, "citizen", "ok")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE agencies_journalentry SET outcome = 'error' WHERE id = %s", [row_id])
        with pytest.raises(psycopg.errors.RaiseException):  # the trigger: only value → NULL
            conn.execute("UPDATE agencies_journalentry SET person_id = 44 WHERE id = %s", [row_id])


def test_the_app_role_writes_rows_elsewhere_but_runs_no_ddl(roles):
    _, app = roles
    with _connect(user=app) as conn:
        conn.execute(
            "INSERT INTO django_session (session_key, session_data, expire_date) VALUES ('k-roles', 'x', now())"
        )
        conn.execute("UPDATE django_session SET session_data = 'y' WHERE session_key = 'k-roles'")
        assert conn.execute("DELETE FROM django_session WHERE session_key = 'k-roles'").rowcount == 1

        _refused(conn, "CREATE TABLE mdtest_new (id int)")
        _refused(conn, "ALTER TABLE django_session ADD COLUMN mdtest int")
        _refused(
            conn,
            "CREATE TRIGGER mdtest BEFORE INSERT ON django_session FOR EACH ROW EXECUTE FUNCTION agencies_journal_guard()",
        )


def test_the_owner_role_runs_migrations(roles):
    owner, app = roles
    with _connect(user=owner) as conn:
        conn.execute(
            "CREATE TABLE mdtest_migration (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text)"
        )
        conn.execute("ALTER TABLE django_session ADD COLUMN mdtest int")
        conn.execute("ALTER TABLE django_session DROP COLUMN mdtest")
    # A table created by a later migration is the application's to use, by default privileges.
    with _connect(user=app) as conn:
        conn.execute("INSERT INTO mdtest_migration (v) VALUES ('a')")
        assert conn.execute("SELECT count(*) FROM mdtest_migration").fetchone()[0] == 1
    with _connect(user=owner) as conn:
        conn.execute("DROP TABLE mdtest_migration")


def test_it_is_idempotent(roles):
    owner, app = roles
    with _connect() as admin:
        _script().roles_setup(admin, owner=owner, app=app)
    with _connect(user=app) as conn:
        _refused(conn, "TRUNCATE agencies_journalentry")
        assert conn.execute("SELECT count(*) FROM agencies_journalentry").fetchone()[0] >= 0
