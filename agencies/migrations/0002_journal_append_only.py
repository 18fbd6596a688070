"""Make the access journal append-only in the database itself.

UPDATE is always refused; DELETE only for rows older than the minimum retention, so neither a bug
nor a compromised web process can rewrite or erase recent history. The purge task deletes rows
older than AGENCIES_JOURNAL_RETENTION_DAYS, which settings keep at or above this minimum.
TRUNCATE needs the table's owner, which the application's database role should not be in
production (Django's test flush uses it, so no trigger is put on it).
"""

from django.db import migrations

MINIMUM_RETENTION_DAYS = 365

POSTGRES = f"""
CREATE OR REPLACE FUNCTION agencies_journal_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'agencies_journalentry is append-only: UPDATE refused';
    END IF;
    IF OLD.at > now() - interval '{MINIMUM_RETENTION_DAYS} days' THEN
        RAISE EXCEPTION 'agencies_journalentry is append-only: DELETE refused before % days', {MINIMUM_RETENTION_DAYS};
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER agencies_journal_guard BEFORE UPDATE OR DELETE ON agencies_journalentry
    FOR EACH ROW EXECUTE FUNCTION agencies_journal_guard();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS agencies_journal_guard ON agencies_journalentry;
DROP FUNCTION IF EXISTS agencies_journal_guard();
"""
SQLITE = [
    """CREATE TRIGGER agencies_journal_no_update BEFORE UPDATE ON agencies_journalentry
       BEGIN SELECT RAISE(ABORT, 'agencies_journalentry is append-only: UPDATE refused'); END;""",
    f"""CREATE TRIGGER agencies_journal_no_delete BEFORE DELETE ON agencies_journalentry
       WHEN OLD.at > datetime('now', '-{MINIMUM_RETENTION_DAYS} days')
       BEGIN SELECT RAISE(ABORT, 'agencies_journalentry is append-only: DELETE refused'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS agencies_journal_no_update;",
    "DROP TRIGGER IF EXISTS agencies_journal_no_delete;",
]


def install(apps, schema_editor):
    statements = [POSTGRES] if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    statements = [POSTGRES_REVERSE] if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
