"""A visitor's client with the results of a demo household computed (no login: the draft is in
the session)."""

import pytest

from tests.simulator.conftest import hugo_answers, melissandre_answers
from tests.simulator.web.helpers import answer_all


@pytest.fixture
def hugo_results(client):
    answer_all(client, hugo_answers())
    assert client.post("/simulateur/recapitulatif/").status_code == 302
    return client


@pytest.fixture
def melissandre_results(client, time_machine):
    time_machine.move_to("2026-12-04 10:00:00+01:00")
    answer_all(client, melissandre_answers())
    assert client.post("/simulateur/recapitulatif/").status_code == 302
    return client
