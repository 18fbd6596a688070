"""Let the access journal lose a person's identity when they delete their account, and nothing else.

The rows about a person must be kept for the legal retention (AGENCIES_JOURNAL_RETENTION_DAYS) even
after they delete their account (GDPR art. 17(3)(b) and (e): legal obligation, establishing claims),
but without identifying them. `person_id` is the account's id and `actor` names it ("citizen:<id>"):
the guard now lets through exactly one kind of UPDATE — `person_id` from a value to NULL, and `actor`
either unchanged or from "citizen:<that id>" to "citizen" — with every other column unchanged. Any
other UPDATE is still refused; DELETE is unchanged (only after the minimum retention). An agent's
actor ("agent:<id>") stays: it is who looked, which is what the journal is kept for.

Why NULL rather than a pseudonym: nothing needs to link an erased person's rows together, and a
pseudonym kept next to the account's id in backups would only be a way back to the person.
"""

from django.db import migrations, models

MINIMUM_RETENTION_DAYS = 365

POSTGRES = f"""
CREATE OR REPLACE FUNCTION agencies_journal_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.person_id IS NOT NULL AND NEW.person_id IS NULL
           AND (NEW.actor = OLD.actor
                OR (OLD.actor = 'citizen:' || OLD.person_id::text AND NEW.actor = 'citizen'))
           AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.source = OLD.source
           AND NEW.endpoint = OLD.endpoint AND NEW.purpose = OLD.purpose AND NEW.outcome = OLD.outcome
        THEN
            RETURN NEW;  -- an account deleted: its identity erased, the access kept
        END IF;
        RAISE EXCEPTION 'agencies_journalentry is append-only: UPDATE refused';
    END IF;
    IF OLD.at > now() - interval '{MINIMUM_RETENTION_DAYS} days' THEN
        RAISE EXCEPTION 'agencies_journalentry is append-only: DELETE refused before % days', {MINIMUM_RETENTION_DAYS};
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
"""
POSTGRES_REVERSE = f"""
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
"""
# SQLite rebuilds the table to alter a column, which drops its triggers: both are (re)created.
SQLITE_NO_DELETE = f"""CREATE TRIGGER IF NOT EXISTS agencies_journal_no_delete BEFORE DELETE ON agencies_journalentry
       WHEN OLD.at > datetime('now', '-{MINIMUM_RETENTION_DAYS} days')
       BEGIN SELECT RAISE(ABORT, 'agencies_journalentry is append-only: DELETE refused'); END;"""
SQLITE = [
    SQLITE_NO_DELETE,
    "DROP TRIGGER IF EXISTS agencies_journal_no_update;",
    """CREATE TRIGGER agencies_journal_no_update BEFORE UPDATE ON agencies_journalentry
       WHEN NOT (OLD.person_id IS NOT NULL AND NEW.person_id IS NULL
                 AND (NEW.actor = OLD.actor
                      OR (OLD.actor = 'citizen:' || OLD.person_id AND NEW.actor = 'citizen'))
                 AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.source = OLD.source
                 AND NEW.endpoint = OLD.endpoint AND NEW.purpose = OLD.purpose
                 AND NEW.outcome = OLD.outcome)
       BEGIN SELECT RAISE(ABORT, 'agencies_journalentry is append-only: UPDATE refused'); END;""",
]
SQLITE_REVERSE = [
    SQLITE_NO_DELETE,
    "DROP TRIGGER IF EXISTS agencies_journal_no_update;",
    """CREATE TRIGGER agencies_journal_no_update BEFORE UPDATE ON agencies_journalentry
       BEGIN SELECT RAISE(ABORT, 'agencies_journalentry is append-only: UPDATE refused'); END;""",
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
    dependencies = [("agencies", "0004_fetch_run_purpose")]
    # Reversed, the column is altered back first (on SQLite, a rebuild that drops the triggers), and
    # the original guard is installed last.
    operations = [
        migrations.RunPython(migrations.RunPython.noop, uninstall),
        migrations.AlterField(
            model_name="journalentry",
            name="person_id",
            field=models.BigIntegerField(db_index=True, null=True),
        ),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
