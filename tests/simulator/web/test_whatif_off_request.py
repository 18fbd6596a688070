"""The what-if never runs OpenFisca in the web request: the POST names the computation, queues it
after commit and answers at once; the page shows progress until a worker has stored the result."""

import time

import pytest
from django.core.cache import cache

from simulator.whatif import whatif_compute, whatif_state
from tests.simulator.conftest import hugo_answers
from tests.simulator.web.helpers import answer_all

EMPLOI = {"kind": "emploi", "amount": "1500"}


def _key(response) -> str:
    return response["Location"].split("calcul=", 1)[1]


@pytest.mark.django_db
def test_the_request_returns_before_the_computation_and_the_page_shows_progress(
    hugo_results, django_capture_on_commit_callbacks
):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = hugo_results.post("/simulateur/changement/", EMPLOI)

    assert response.status_code == 302
    assert len(queued) == 1  # the task, sent once the request's transaction commits
    key = _key(response)
    assert whatif_state(key=key) == ("pending", None)  # nothing computed in the request
    page = hugo_results.get(response["Location"]).content.decode()
    assert 'data-testid="whatif-progress"' in page
    assert f'data-status-url="/simulateur/changement/etat/{key}/"' in page
    assert hugo_results.get(f"/simulateur/changement/etat/{key}/").json() == {"state": "pending"}

    assert whatif_compute(key=key)

    assert hugo_results.get(f"/simulateur/changement/etat/{key}/").json() == {"state": "ready"}
    page = hugo_results.get(response["Location"]).content.decode()
    assert "Nouvel emploi ou changement de salaire : ce qui changerait" in page
    assert 'data-testid="whatif-progress"' not in page


@pytest.mark.django_db
def test_asking_the_same_what_if_twice_queues_one_computation(
    hugo_results, django_capture_on_commit_callbacks
):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = hugo_results.post("/simulateur/changement/", EMPLOI)
        second = hugo_results.post("/simulateur/changement/", EMPLOI)

    assert _key(first) == _key(second)
    assert len(queued) == 1
    whatif_compute(key=_key(first))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        hugo_results.post("/simulateur/changement/", EMPLOI)
    assert queued == []  # the stored result answers


@pytest.mark.django_db
def test_another_session_cannot_read_a_what_if(hugo_results):
    from django.test import Client

    cache.clear()
    key = _key(hugo_results.post("/simulateur/changement/", EMPLOI))
    whatif_compute(key=key)

    stranger = Client()
    assert stranger.get(f"/simulateur/changement/etat/{key}/").status_code == 404
    page = stranger.get(f"/simulateur/changement/?calcul={key}")
    assert "ce qui changerait" not in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_computes_the_what_if_the_page_asked_for(client, celery_worker):
    cache.clear()
    answer_all(client, hugo_answers())
    client.post("/simulateur/recapitulatif/")

    response = client.post("/simulateur/changement/", EMPLOI)

    status_url = f"/simulateur/changement/etat/{_key(response)}/"
    deadline = time.monotonic() + 120  # generous: a busy machine, OpenFisca's first run in the worker
    while client.get(status_url).json()["state"] == "pending" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert client.get(status_url).json() == {"state": "ready"}
    assert "ce qui changerait" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_an_expected_birth_is_computed_as_born_this_month_and_said_so(client, time_machine):
    """It answered a 500 (a future birth date refused by the engine's model)."""
    from tests.simulator.conftest import melissandre_answers
    from tests.simulator.web.test_results import what_if

    time_machine.move_to("2026-12-04 10:00:00+01:00")
    answer_all(client, melissandre_answers())
    client.post("/simulateur/recapitulatif/")

    response = what_if(client, {"kind": "naissance", "birth_date": "2027-05-10"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Naissance ou arrivée d&#x27;un enfant : ce qui changerait" in page
    assert 'data-testid="whatif-note"' in page
    too_far = client.post("/simulateur/changement/", {"kind": "naissance", "birth_date": "2027-12-10"})
    assert too_far.status_code == 400
    assert "Une naissance attendue ne peut pas être dans plus de 9 mois." in too_far.content.decode()
