"""Deleting an account erases the person from the database, Redis and the outbox; the journal keeps
its rows for the legal retention, without identity."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import DatabaseError, transaction

from accounts.models import DeviceSession, User
from agencies.models import FetchRun, JournalEntry
from agencies.services.fetch import fetch_run_start
from alerts.models import Delivery, Publication
from privacy.deletion import account_delete
from privacy.exporters import EXPORTERS

pytestmark = pytest.mark.django_db


def test_no_row_about_the_person_is_left_but_the_journal_without_identity(joelle, claire):
    joelle_id = joelle.pk
    journal_ids = set(JournalEntry.objects.filter(person_id=joelle_id).values_list("pk", flat=True))

    report = account_delete(user=joelle)

    for exporter in EXPORTERS:
        if exporter.model is not JournalEntry:
            assert not exporter.queryset(User(pk=joelle_id)).exists(), exporter.key
    assert not User.objects.filter(pk=joelle_id).exists()
    kept = JournalEntry.objects.filter(pk__in=journal_ids)
    assert kept.count() == len(journal_ids) == report.journal_kept == 5  # 2 consents, fetch, display, agent
    assert set(kept.values_list("person_id", flat=True)) == {None}
    assert set(kept.values_list("actor", flat=True)) == {"system", "citizen", f"agent:{claire.pk}"}
    assert not JournalEntry.objects.filter(actor=f"citizen:{joelle_id}").exists()
    assert User.objects.filter(pk=claire.pk).exists()  # the agent who answered her report stays


def test_unsent_emails_are_withdrawn_from_the_outbox(joelle, pierre):
    assert Delivery.objects.filter(notification__user=joelle, status="pending").count() == 1

    report = account_delete(user=joelle)

    assert report.outbox == 1
    assert not Delivery.objects.filter(notification__user_id=joelle.pk).exists()
    assert Delivery.objects.filter(notification__user=pierre, status="pending").count() == 1


def test_every_session_of_the_person_ends_and_their_redis_keys_go(joelle, pierre, logged_in):
    phone, computer, other = logged_in(joelle), logged_in(joelle), logged_in(pierre)
    joelle_id = joelle.pk
    assert DeviceSession.objects.filter(user=joelle).count() == 2  # her phone and computer
    assert phone.get("/mon-compte/").status_code == 200
    run = fetch_run_start(user=joelle, france_connect_token="fc-access-token-of-joelle")
    token_key = f"agencies:fetchrun:{run.pk}:fc-token"
    assert cache.get(token_key) == "fc-access-token-of-joelle"

    report = account_delete(user=joelle)

    assert report.sessions == 2
    assert not DeviceSession.objects.filter(user_id=joelle_id).exists()
    assert report.cache_keys == 1
    assert cache.get(token_key) is None
    assert not FetchRun.objects.filter(pk=run.pk).exists()
    for client in (phone, computer):
        session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
        assert not Session.objects.filter(session_key=session_key).exists()
        assert client.get("/mon-compte/").status_code == 302  # to the login page
    assert other.get("/mon-compte/").status_code == 200
    assert DeviceSession.objects.filter(user=pierre).count() == 1


def test_other_people_keep_everything(joelle, pierre):
    before = {exporter.key: len(exporter.rows(pierre)) for exporter in EXPORTERS}

    account_delete(user=joelle)

    assert {exporter.key: len(exporter.rows(pierre)) for exporter in EXPORTERS} == before


def test_agency_messages_to_a_list_of_members_forget_the_person(joelle, pierre, members_publication):
    account_delete(user=joelle)

    members_publication.refresh_from_db()
    assert members_publication.member_ids == [pierre.pk]
    assert Publication.objects.filter(pk=members_publication.pk).exists()


@pytest.mark.parametrize(
    "change",
    [
        {"person_id": None, "purpose": "réécrit"},  # erasing identity does not allow rewriting
        {"person_id": 999},  # nor giving the rows to someone else
        {"actor": "citizen"},  # nor touching the actor of a person still there
        {"person_id": None, "actor": "agent:1"},  # nor changing who looked
    ],
)
def test_the_journal_still_refuses_any_other_update(joelle, change):
    rows = JournalEntry.objects.filter(person_id=joelle.pk).count()

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        JournalEntry.objects.filter(person_id=joelle.pk).update(**change)

    assert JournalEntry.objects.filter(person_id=joelle.pk).count() == rows
