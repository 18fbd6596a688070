"""The login's screening runs OpenFisca outside the transaction that writes its result.

On SQLite, the demo's database, a transaction holds the whole database's write lock: a screening
of seconds inside one made every page and task wait, past the busy timeout ("database is locked").
"""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from agencies.services.fetch import fetch_run_execute, fetch_run_start
from simulator import services
from simulator.models import Simulation
from simulator.questionnaire.steps import SUBMITTED

pytestmark = pytest.mark.django_db(transaction=True)  # no test-wide transaction around the service


@pytest.fixture
def jobseeker(citizen_of, agencies, monkeypatch):
    # The computation the fetch queues is the one under test: run here, not by a session's worker.
    from simulator import tasks

    monkeypatch.setattr(tasks.simulation_prefill_and_compute_task, "delay", lambda user_id: None)
    user = citizen_of("sans_telephone", consents=("france_travail",), france_travail_id="3456789A")
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)
    return user


@pytest.fixture
def screenings(monkeypatch):
    """Each screening's draft, with whether a transaction was open around it; `on_first` runs once."""
    calls = []
    original = services.simulation_screen

    def screen(*, draft):
        if threading.get_ident() != test_thread:  # a session's worker thread computing someone else
            return original(draft=draft)
        calls.append({"in_transaction": connection.in_atomic_block, "answers": draft.answers})
        if len(calls) == 1 and screenings_hook:
            screenings_hook[0]()
        return original(draft=draft)

    screenings_hook = []
    test_thread = threading.get_ident()
    monkeypatch.setattr(services, "simulation_screen", screen)
    return calls, screenings_hook


def test_openfisca_runs_outside_any_transaction(jobseeker, screenings):
    calls, _ = screenings

    simulation = services.simulation_prefill_and_compute(user_id=jobseeker.pk)

    assert [call["in_transaction"] for call in calls] == [False]
    simulation.refresh_from_db()
    assert simulation.result["screening"]
    assert simulation.answers["profil"]["activity"] == "chomeur"


def test_an_answer_posted_during_the_screening_is_kept_and_screened_again(jobseeker, screenings):
    calls, on_first = screenings
    services.simulation_prefill_and_compute(user_id=jobseeker.pk)
    calls.clear()

    def person_posts_profile():  # as the questionnaire's view would, from another request
        simulation = Simulation.objects.get(user=jobseeker)
        answers = {**simulation.answers, SUBMITTED: ["profil"]}
        answers["profil"] = {**answers["profil"], "activity": "salarie"}
        Simulation.objects.filter(pk=simulation.pk).update(answers=answers, updated_at=timezone.now())

    on_first.append(person_posts_profile)

    services.simulation_prefill_and_compute(user_id=jobseeker.pk)

    simulation = Simulation.objects.get(user=jobseeker)
    assert simulation.answers["profil"]["activity"] == "salarie"
    assert [call["answers"]["profil"]["activity"] for call in calls] == ["chomeur", "salarie"]
    assert not any(call["in_transaction"] for call in calls)
