"""A chunk writes its members' potential rights in bulk (`potential_rights_replace_many`): the same
rows as the login's one member at a time, in the same few queries whatever the chunk's size."""

import pytest

from rights.models import Right
from rights.services import potential_rights_replace, potential_rights_replace_many, simulator_findings_forget
from simulator.models import ScreeningChunk, Simulation
from simulator.rescreening.services import (
    chunk_claim,
    chunk_commit,
    chunk_compute,
    rescreening_run_plan,
    rescreening_run_start,
)
from simulator.services import potential_rights_from_result

pytestmark = pytest.mark.django_db

PERSONAS = ("nom_composé", "avec_nom_dusage", "sans_genre", "caractères_spéciaux", "sans_birthplace")
FIELDS = (
    "user_id", "key", "status", "domain", "organism", "amount", "amount_is_estimate", "periodicity",
    "questions", "basis", "source", "dataset", "payments", "start_date", "end_date",
    "next_declaration_due", "simulation_url",
)  # fmt: skip


def _rows(users):
    return sorted(Right.objects.filter(user__in=users).values_list(*FIELDS))


def test_the_bulk_path_writes_the_rows_each_member_would_get_alone(walked):
    members = [walked(login) for login in PERSONAS]
    users = [user for user, _ in members]
    findings = {user.pk: potential_rights_from_result(simulation.result) for user, simulation in members}
    assert any(right.to_check for potentials in findings.values() for right in potentials)
    assert Right.objects.filter(user__in=users, status__in=("open", "renewal_due")).exists()

    for user in users:
        simulator_findings_forget(user=user)
    for user in users:
        potential_rights_replace(user=user, potentials=findings[user.pk])
    one_by_one = _rows(users)
    for user in users:
        simulator_findings_forget(user=user)
    potential_rights_replace_many(potentials_by_user=findings)  # every row created
    created = _rows(users)
    ids = sorted(Right.objects.filter(user__in=users).values_list("id", "user_id", "key"))
    potential_rights_replace_many(potentials_by_user=findings)  # every row already there
    replaced = _rows(users)
    assert sorted(Right.objects.filter(user__in=users).values_list("id", "user_id", "key")) == ids

    assert created == one_by_one
    assert replaced == one_by_one
    assert {status for _, _, status, *_ in one_by_one} >= {"potential", "to_check", "open"}


def _chunk_of_everyone():
    run = rescreening_run_start(kind="full", reason="test")
    while rescreening_run_plan(run_id=run.pk):
        pass
    return ScreeningChunk.objects.get(run=run)


@pytest.mark.parametrize("count", [1, len(PERSONAS)])
def test_a_chunk_commits_in_the_same_few_queries_whatever_its_size(
    walked, settings, django_assert_max_num_queries, count
):
    settings.SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS = 10
    users = [walked(login)[0] for login in PERSONAS[:count]]
    Simulation.objects.filter(user__in=users).update(result=None, result_key="")
    work = chunk_compute(claim=chunk_claim(chunk_id=_chunk_of_everyone().pk))
    assert len(work.screened) == count

    # savepoint, chunk and simulations locked, simulations updated, rights written (9), chunk saved, release
    with django_assert_max_num_queries(15):
        assert chunk_commit(work=work)

    assert Right.objects.filter(user__in=users, status__in=("potential", "to_check")).exists()
