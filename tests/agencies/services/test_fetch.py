"""Fetching a person's data from every consented source: parallel, resilient, journaled."""

import logging
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import User
from agencies.models import AgencyData, FetchRun, JournalEntry
from agencies.services.consent import consent_grant, consent_revoke
from agencies.services.fetch import fetch_run_execute, fetch_run_start

pytestmark = pytest.mark.django_db

ALL_IDENTITY_MODE = ("caf", "cpam", "cnous")
RSA = "/v3/dss/revenu_solidarite_active"


def run_fetch(user, *, token=None) -> FetchRun:
    run = fetch_run_start(user=user, france_connect_token=token)
    return fetch_run_execute(run_id=run.pk)


def test_every_consented_dataset_is_fetched_stored_and_journaled(agencies, citizen_of):
    user = citizen_of("nom_composé", consents=("caf", "cpam"))

    run = run_fetch(user)

    assert run.status == FetchRun.Status.DONE
    assert run.progress["caf"]["state"] == "ok"
    assert run.progress["cpam"]["state"] == "ok"
    rows = {row.dataset: row for row in AgencyData.objects.filter(user=user)}
    assert set(rows) == {
        "quotient_familial", "revenu_solidarite_active", "prime_activite", "allocation_adulte_handicape",
        "allocation_soutien_familial", "allocation_enfant_handicape", "complementaire_sante_solidaire",
    }  # fmt: skip
    assert rows["quotient_familial"].payload["quotient_familial"]["valeur"] == 480
    assert rows["quotient_familial"].organism == "caf"
    assert rows["complementaire_sante_solidaire"].organism == "cpam"
    journal = JournalEntry.objects.filter(person_id=user.pk, actor="system")
    assert journal.count() == 7
    assert set(journal.values_list("outcome", flat=True)) == {"ok"}
    assert agencies.calls("/v3/dss/") == 7


def test_msa_members_get_their_rights_attributed_to_the_msa(agencies, citizen_of, franceconnect):
    client = franceconnect.client()
    franceconnect.login(client, login="sans_birthplace")
    citizen = User.objects.get(pk=client.session["_auth_user_id"])
    consent_grant(user=citizen, source="caf")

    run_fetch(citizen, token=client.session["oidc_access_token"])

    organisms = set(AgencyData.objects.filter(user=citizen, source="caf").values_list("organism", flat=True))
    assert organisms == {"msa"}


def test_sources_are_asked_in_parallel_not_one_after_the_other(agencies, citizen_of):
    user = citizen_of("moins_25_ans", consents=ALL_IDENTITY_MODE)
    agencies.fault("/v", "slow", delay_ms=300)
    calls = 9  # 6 CAF/MSA datasets, C2S, student status, scholarship

    started = time.perf_counter()
    run_fetch(user)
    elapsed = time.perf_counter() - started

    assert agencies.calls("/v") == calls
    # Structure, not speed (the benchmark measures speed): 9 calls of 300 ms in sequence take 2.7 s.
    assert elapsed < calls * 0.3 / 2


def test_an_agency_down_keeps_the_last_good_data_with_its_date(agencies, citizen_of, caplog):
    user = citizen_of("nom_composé", consents=("caf",))
    run_fetch(user)
    first = AgencyData.objects.get(user=user, dataset="revenu_solidarite_active")
    agencies.fault(RSA, "unavailable_503")

    with caplog.at_level(logging.WARNING):
        run = run_fetch(user)

    row = AgencyData.objects.get(user=user, dataset="revenu_solidarite_active")
    assert run.progress["caf"]["state"] == "error"
    assert row.payload == first.payload
    assert row.fetched_at == first.fetched_at
    assert row.last_attempt_at > first.fetched_at
    assert row.is_stale
    assert row.last_error == "Cet organisme ne répond pas pour le moment."
    assert "agency fetch failed" in caplog.text


def test_the_breaker_opens_after_repeated_failures_then_recovers(
    agencies, citizen_of, settings, time_machine
):
    # The clock is held still, so a slow machine cannot let the breaker reset before it is tested.
    time_machine.move_to(timezone.now(), tick=False)
    settings.AGENCIES_BREAKER_FAILURES = 2
    settings.AGENCIES_BREAKER_RESET_SECONDS = 60
    settings.AGENCIES_HTTP_RETRIES = 0
    user = citizen_of("nom_composé", consents=("cpam",))
    agencies.fault("/v3/dss/complementaire_sante_solidaire", "error_500")
    run_fetch(user)
    run_fetch(user)
    calls_when_open = agencies.calls("/v3/dss/complementaire_sante_solidaire")

    skipped = run_fetch(user)

    assert skipped.progress["cpam"]["state"] == "skipped"
    assert agencies.calls("/v3/dss/complementaire_sante_solidaire") == calls_when_open
    assert JournalEntry.objects.filter(person_id=user.pk, outcome="skipped").count() == 1

    agencies.reset()
    time_machine.shift(61)
    recovered = run_fetch(user)

    assert recovered.progress["cpam"]["state"] == "ok"
    assert AgencyData.objects.get(user=user, dataset="complementaire_sante_solidaire").last_error == ""


def test_a_malformed_answer_is_logged_and_nothing_is_stored(agencies, citizen_of, caplog):
    user = citizen_of("nom_composé", consents=("cpam",))
    agencies.fault("/v3/dss/complementaire_sante_solidaire", "malformed")

    with caplog.at_level(logging.WARNING):
        run = run_fetch(user)

    assert run.progress["cpam"]["state"] == "error"
    assert not AgencyData.objects.filter(user=user).exists()
    assert "does not match the documented shape" in caplog.text


def test_a_rate_limited_source_is_left_alone_until_the_delay_passes(agencies, citizen_of):
    user = citizen_of("nom_composé", consents=("cpam",))
    agencies.fault("/v3/dss/complementaire_sante_solidaire", "rate_limited", times=1)
    run_fetch(user)

    second = run_fetch(user)

    assert second.progress["cpam"]["state"] == "skipped"
    assert agencies.calls("/v3/dss/complementaire_sante_solidaire") == 1
    assert cache.get("agencies:backoff:cpam") is not None


def test_no_record_anywhere_is_reported_as_such(agencies, citizen_of):
    user = citizen_of("plusieurs_prénoms_3", consents=("caf", "cpam"))

    run = run_fetch(user)

    assert run.progress["caf"]["state"] == "not_found"
    assert set(AgencyData.objects.filter(user=user, source="caf").values_list("status", flat=True)) == {
        "not_found"
    }
    # The health insurance register answers "not a beneficiary" rather than "unknown".
    assert AgencyData.objects.get(user=user, source="cpam").payload["est_beneficiaire"] is False


def test_a_revoked_source_is_never_called_and_its_data_is_deleted(agencies, citizen_of):
    user = citizen_of("nom_composé", consents=("caf", "cpam"))
    run_fetch(user)
    agencies.reset()

    deleted = consent_revoke(user=user, source="cpam")
    run = run_fetch(user)

    assert deleted == 1
    assert "cpam" not in run.progress
    assert agencies.calls("/v3/dss/complementaire_sante_solidaire") == 0
    assert agencies.calls("/v3/dss/quotient_familial") == 1
    assert not AgencyData.objects.filter(user=user, source="cpam").exists()


def test_a_finished_run_is_not_run_again(agencies, citizen_of):
    user = citizen_of("nom_composé", consents=("cpam",))
    run = run_fetch(user)
    agencies.reset()

    fetch_run_execute(run_id=run.pk)

    assert agencies.calls("/v") == 0


def test_starting_a_run_queues_its_task_after_commit(citizen_of, django_capture_on_commit_callbacks):
    user = citizen_of("nom_composé", consents=("cpam",))

    with django_capture_on_commit_callbacks() as callbacks:
        run = fetch_run_start(user=user, france_connect_token="fc-token")

    assert len(callbacks) == 1
    assert run.status == FetchRun.Status.PENDING
    assert cache.get(f"agencies:fetchrun:{run.pk}:fc-token") == "fc-token"


def test_schooling_is_asked_after_the_family_file_for_each_school_age_child(agencies, citizen_of):
    user = citizen_of("nom_composé", consents=("caf", "education_nationale"))

    run = run_fetch(user)

    assert run.progress["education_nationale"]["state"] == "ok"
    pupils = AgencyData.objects.get(user=user, dataset="scolarite").payload["eleves"]
    assert len(pupils) == 2
    assert {pupil["scolarite"]["est_scolarise"] for pupil in pupils} == {True}
    assert sorted(pupil["scolarite"]["echelon_bourse"] or 0 for pupil in pupils) == [0, 3]
    assert agencies.calls("/v4/men/scolarites/identite") == 2


def test_schooling_without_a_family_file_is_skipped_without_calls(agencies, citizen_of):
    user = citizen_of("moins_25_ans", consents=("education_nationale",))

    run = run_fetch(user)

    assert run.progress["education_nationale"]["state"] == "skipped"
    assert agencies.calls("/v4/men/") == 0
    assert JournalEntry.objects.get(person_id=user.pk, endpoint="/v4/men/scolarites").outcome == "skipped"
