"""Set up the two PostgreSQL roles of a production database (README, "Database roles in production").

- the **owner** role owns the schema's tables, sequences and functions: migrations run as it
  (`DATABASE_URL=postgres://<owner>:…@…/<db> manage.py migrate`);
- the **application** role is what the web, worker and beat processes connect as: it reads and writes
  rows, but owns nothing, so it can run no DDL (no ALTER, DROP, CREATE, no DISABLE TRIGGER), and on
  the access journal it may only INSERT and SELECT: no UPDATE, DELETE or TRUNCATE, and the journal's
  append-only trigger is out of its reach.

Run it as a superuser (or the database's owner with CREATEROLE), once, then again after each release
whose migrations create tables (default privileges cover tables the owner creates, this re-run
re-checks the journal):

    MESDROITS_OWNER_PASSWORD=… MESDROITS_APP_PASSWORD=… \\
        .venv/bin/python scripts/postgres_roles.py --database-url postgres://postgres@db:5432/mesdroits \\
        --owner mesdroits_owner --app mesdroits_app

Idempotent. Passwords come from the environment only (never the command line, which `ps` shows).
"""

import argparse
import os
import sys

import psycopg
from psycopg import sql

JOURNAL_TABLE = "agencies_journalentry"
SCHEMA = "public"


def _role_ensure(conn: psycopg.Connection, *, name: str, password: str | None) -> None:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone()
    verb = sql.SQL("ALTER ROLE" if exists else "CREATE ROLE")
    # Plain login roles: none may bypass triggers (superuser, replication) or row security.
    statement = sql.SQL(
        "{verb} {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT"
    ).format(verb=verb, role=sql.Identifier(name))
    if password:
        statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(password))
    conn.execute(statement)


def _ownership_transfer(conn: psycopg.Connection, *, owner: str) -> None:
    """Give the owner role every table, view, standalone sequence and function of the schema."""
    relations = conn.execute(
        """
        SELECT c.oid::regclass::text, c.relkind FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND pg_get_userbyid(c.relowner) <> %s
          -- a sequence owned by a column (identity, serial) follows its table
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
          AND NOT (c.relkind = 'S' AND EXISTS (
              SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
        """,
        [SCHEMA, owner],
    ).fetchall()
    kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    for name, kind in relations:
        conn.execute(
            sql.SQL("ALTER {kind} {name} OWNER TO {owner}").format(
                kind=sql.SQL(kinds[kind]), name=sql.SQL(name), owner=sql.Identifier(owner)
            )
        )
    functions = conn.execute(
        """
        SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = %s AND pg_get_userbyid(p.proowner) <> %s
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        """,
        [SCHEMA, owner],
    ).fetchall()
    for (signature,) in functions:
        conn.execute(
            sql.SQL("ALTER ROUTINE {} OWNER TO {}").format(sql.SQL(signature), sql.Identifier(owner))
        )


def roles_setup(
    conn: psycopg.Connection,
    *,
    owner: str,
    app: str,
    owner_password: str | None = None,
    app_password: str | None = None,
) -> None:
    """Create or update both roles and their privileges on the connection's database (autocommit)."""
    database = conn.info.dbname
    schema = sql.Identifier(SCHEMA)
    owner_id, app_id = sql.Identifier(owner), sql.Identifier(app)
    with conn.transaction():
        _role_ensure(conn, name=owner, password=owner_password)
        _role_ensure(conn, name=app, password=app_password)
        conn.execute(
            sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}, {}").format(
                sql.Identifier(database), owner_id, app_id
            )
        )
        # Only the owner creates objects; the application role may use what exists.
        conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(schema))
        conn.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA {} TO {}").format(schema, owner_id))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, app_id))
        _ownership_transfer(conn, owner=owner)
        conn.execute(
            sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(
                schema, app_id
            )
        )
        conn.execute(
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(schema, app_id)
        )
        # Tables that later migrations create (as the owner) get the same row privileges.
        conn.execute(
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
            ).format(owner_id, schema, app_id)
        )
        conn.execute(
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT USAGE, SELECT ON SEQUENCES TO {}"
            ).format(owner_id, schema, app_id)
        )
        # The access journal is append-only for the application: write a row, read rows, and (for an
        # account deletion) blank a person's identity columns, which the trigger checks is all it does.
        journal = sql.Identifier(SCHEMA, JOURNAL_TABLE)
        if conn.execute("SELECT to_regclass(%s)", [f"{SCHEMA}.{JOURNAL_TABLE}"]).fetchone()[0]:
            conn.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(journal, app_id))
            conn.execute(sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(journal, app_id))
            conn.execute(sql.SQL("GRANT UPDATE (person_id, actor) ON {} TO {}").format(journal, app_id))


def roles_drop(conn: psycopg.Connection, *, owner: str, app: str, new_owner: str) -> None:
    """Undo `roles_setup` on this database: objects go back to `new_owner`, then both roles go."""
    with conn.transaction():
        for role in (owner, app):
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
                conn.execute(
                    sql.SQL("REASSIGN OWNED BY {} TO {}").format(
                        sql.Identifier(role), sql.Identifier(new_owner)
                    )
                )
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a superuser's URL to the production database")
    parser.add_argument("--owner", default="mesdroits_owner", help="role that owns the schema (migrations)")
    parser.add_argument("--app", default="mesdroits_app", help="role of the web, worker and beat processes")
    args = parser.parse_args(argv)
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        roles_setup(
            conn,
            owner=args.owner,
            app=args.app,
            owner_password=os.environ.get("MESDROITS_OWNER_PASSWORD"),
            app_password=os.environ.get("MESDROITS_APP_PASSWORD"),
        )
    print(
        f"Roles ready on {conn.info.dbname}: migrate as {args.owner}, run the application as {args.app} "
        f"(no DDL, journal {JOURNAL_TABLE}: INSERT and SELECT only)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
