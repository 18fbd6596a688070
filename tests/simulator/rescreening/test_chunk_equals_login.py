"""A chunk screens each of its members exactly as the login does, in one vectorised simulation (or\nin as few as the memory bound allows, each member's variants together)."""

from unittest import mock

import pytest

from rights.models import Right
from simulator.models import ScreeningRun, Simulation
from simulator.rescreening import batch
from tests.simulator.rescreening.conftest import run_to_the_end

PERSONAS = ("nom_composé", "avec_nom_dusage", "sans_genre", "plusieurs_prénoms_3")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("max_households", "one_simulation"),
    [(6000, True), (20, False)],  # the usual chunk; members whose variants exceed the memory bound
)
def test_a_chunk_gives_each_member_the_login_screening(
    walked, settings, monkeypatch, max_households, one_simulation
):
    settings.SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS = 10
    monkeypatch.setattr(batch, "MAX_HOUSEHOLDS_PER_SIMULATION", max_households)
    at_login = {}
    for login in PERSONAS:
        user, simulation = walked(login)
        rights = dict(Right.objects.filter(user=user).values_list("key", "status"))
        at_login[user.pk] = (simulation.result, simulation.result_key, rights)
    Simulation.objects.filter(user_id__in=at_login).update(result=None, result_key="")

    with mock.patch.object(batch, "compute_many", wraps=batch.compute_many) as compute_many:
        run = run_to_the_end()

    assert (compute_many.call_count == 1) is one_simulation
    computed = [len(call.args[0]) for call in compute_many.call_args_list]
    assert sum(computed) == run.chunks.get().variants  # every variant of every member, once
    assert run.status == ScreeningRun.Status.DONE
    assert (run.chunks_total, run.households, run.skipped, run.failed_chunks) == (1, len(PERSONAS), 0, 0)
    for user_id, (result, result_key, rights) in at_login.items():
        simulation = Simulation.objects.get(user_id=user_id)
        assert simulation.result == result
        assert simulation.result_key == result_key
        assert dict(Right.objects.filter(user_id=user_id).values_list("key", "status")) == rights
