"""Publishing one agency notification to 100,000 members, end to end.

A dedicated PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/bench_alerts) gets 100,000 CAF members (plus people who must not
be reached: revoked consents, another agency's members), 1% of them with e-mail opted in. Then:
the CAF's system POSTs to the API → the publication is queued on commit → a real Celery worker
(subprocess) writes every inbox row with INSERT … SELECT → the e-mails go out one task each.
Prints the figures and checks each member got exactly one; asserts nothing. Goal: ≤ 30 s.
Run: `make bench` or `python -m bench.bench_alerts`.
"""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = int(os.environ.get("BENCH_ALERTS_MEMBERS", "100000"))
OUTSIDERS = MEMBERS // 10
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_alerts")
QUEUE = f"bench-alerts-{uuid.uuid4().hex[:8]}"
ENV = {
    "ENV_FILE": "",
    "DEBUG": "true",
    "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
    "CACHE_REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
    "EMAIL_URL": "memorymail://",
    "ALERTS_QUEUE": QUEUE,
    "ALERTS_API_RATE": "1000/min",
    "LOG_LEVEL": "WARNING",
}


def _create_database() -> None:
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _django() -> None:
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _populate() -> None:
    """Members in bulk, in SQL: users, a CAF consent and a CAF answer each; then outsiders."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE accounts_user, alerts_publication, alerts_agencyapitoken RESTART IDENTITY CASCADE"
        )
        cursor.execute(
            "INSERT INTO accounts_user (id, password, is_superuser, username, first_name, last_name, email,"
            " is_staff, is_active, date_joined, kind, fc_sub) SELECT g, '!', false, 'bench-' || g, 'Camille',"
            " 'NOM' || g, 'bench' || g || '@example.org', false, true, now(), 'citizen', 'bench-sub-' || g"
            " FROM generate_series(1, %s) g",
            [MEMBERS + OUTSIDERS],
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('accounts_user', 'id'), %s)", [MEMBERS + OUTSIDERS]
        )
        # Members are ids 1..MEMBERS; outsiders revoked their CAF consent (even ids) or are MSA's (odd).
        cursor.execute(
            "INSERT INTO agencies_consent (user_id, source, granted_at, revoked_at, identifier) SELECT id, 'caf',"
            " now(), CASE WHEN id > %s AND mod(id, 2) = 0 THEN now() END, '' FROM accounts_user",
            [MEMBERS],
        )
        cursor.execute(
            "INSERT INTO agencies_agencydata (user_id, source, dataset, organism, status, payload, fetched_at,"
            " last_attempt_at, last_error) SELECT id, 'caf', 'quotient_familial', CASE WHEN id > %s AND"
            " mod(id, 2) = 1 THEN 'msa' ELSE 'caf' END, 'found', '{}'::jsonb, now(), now(), '' FROM accounts_user",
            [MEMBERS],
        )
        cursor.execute(
            "INSERT INTO alerts_preference (user_id, category, email) SELECT id, 'organisme', true"
            " FROM accounts_user WHERE mod(id, 100) = 0"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _worker() -> subprocess.Popen:
    log = open(Path(tempfile.gettempdir()) / f"{QUEUE}.log", "wb")  # noqa: SIM115
    worker = subprocess.Popen(
        [str(Path(sys.executable).parent / "celery"), "-A", "portal", "worker", "--pool=solo", "-Q", QUEUE,
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env={**os.environ, **ENV}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    from portal.celery_app import app

    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=0.5, destination=None):
        if time.monotonic() > deadline:
            raise RuntimeError("the worker did not start")
    return worker


def main() -> None:
    _create_database()
    _django()
    from django.db import connection
    from django.test import Client

    from alerts.audience import members_of
    from alerts.models import Delivery, Notification, Publication
    from alerts.services.tokens import api_token_create

    started = time.perf_counter()
    _populate()
    print(
        f"population: {MEMBERS:,} CAF members + {OUTSIDERS:,} outsiders in {time.perf_counter() - started:.1f} s"
    )
    expected = members_of(agency="caf").count()
    worker = _worker()
    try:
        _, token = api_token_create(agency="caf", name="bench")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_IDEMPOTENCY_KEY=f"bench-{QUEUE}")
        payload = {
            "title": "Information CAF",
            "body": "Message à tous nos allocataires.",
            "audience": {"kind": "all"},
        }

        t0 = time.perf_counter()
        response = client.post("/api/notifications/publications/", payload, content_type="application/json")
        t_api = time.perf_counter() - t0
        publication_id = response.json()["id"]
        while Publication.objects.get(pk=publication_id).status != Publication.Status.SENT:
            time.sleep(0.05)
        t_sent = time.perf_counter() - t0
        t1 = time.perf_counter()
        rows = Notification.objects.filter(publication_id=publication_id).count()
        t_count = time.perf_counter() - t1
        total = time.perf_counter() - t0

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(DISTINCT user_id), max(n) FROM (SELECT user_id, count(*) n FROM"
                " alerts_notification WHERE publication_id = %s GROUP BY user_id) per_member",
                [publication_id],
            )
            members_reached, distinct, most = cursor.fetchone()
        missing = members_of(agency="caf").exclude(notifications__publication_id=publication_id).count()
        inbox = Delivery.objects.filter(notification__publication_id=publication_id, channel="inbox").count()
        emails = Delivery.objects.filter(notification__publication_id=publication_id, channel="email")
        email_total = emails.count()
        t2 = time.perf_counter()
        while emails.exclude(status=Delivery.Status.SENT).exists() and time.perf_counter() - t2 < 120:
            time.sleep(0.2)
        t_emails = time.perf_counter() - t2 + total

        print(f"API answer (201, queued on commit):         {t_api * 1000:8.0f} ms")
        print(f"publication sent by the worker after:       {t_sent:8.2f} s")
        print(f"inbox rows counted ({rows:,}):              {t_count * 1000:8.0f} ms")
        print(f"END TO END, {rows:,} inbox rows written and counted: {total:.2f} s (goal ≤ 30 s)")
        print(
            f"members expected {expected:,} · reached {members_reached:,} · distinct {distinct:,} · "
            f"max per member {most} · members missed {missing} · inbox deliveries {inbox:,}"
        )
        print(f"exactly one each: {members_reached == distinct == expected and most == 1 and missing == 0}")
        print(
            f"e-mails (1% opted in): {emails.filter(status='sent').count():,}/{email_total:,} sent, "
            f"all done {t_emails:.1f} s after the POST (one task each, one solo worker)"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
