"""Re-screening fixtures: demo personas walked through the login path (agency sandbox → fetch →
rights → screening → alerts), and a run driven to its end by calling the services in order."""

import pytest

from simulator.models import ScreeningRun
from simulator.rescreening.services import (
    rescreening_chunk_process,
    rescreening_run_plan,
    rescreening_run_start,
)
from tests.simulator.screening.test_personas_flow import _walk


@pytest.fixture
def walked(citizen_of, agencies):
    """`walked("nom_composé")`: the persona after a login, as `_walk` leaves them (user, simulation)."""

    def walk(login: str):
        user, simulation, _, _ = _walk(citizen_of, login)
        simulation.refresh_from_db()
        return user, simulation

    return walk


def run_to_the_end(kind: str = ScreeningRun.Kind.FULL) -> ScreeningRun:
    """What the workers do, in order, in this process: plan every step, then each chunk once."""
    run = rescreening_run_start(kind=kind, reason="test")
    while rescreening_run_plan(run_id=run.pk):
        pass
    for chunk in run.chunks.order_by("number"):
        rescreening_chunk_process(chunk_id=chunk.pk)
    run.refresh_from_db()
    return run
