"""Pre-fill from agency data, computed in the background at login, handed to the rights view."""

import time

import pytest

from agencies.services.fetch import fetch_run_execute, fetch_run_start
from agencies.signals import fetch_run_finished
from simulator.models import Simulation
from simulator.services import simulation_prefill_and_compute


def _fetched(citizen_of, login, **kwargs):
    user = citizen_of(login, **kwargs)
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)
    return user


@pytest.mark.django_db
def test_a_jobseeker_is_prefilled_from_france_travail_with_sources(citizen_of, agencies, logged_in):
    user = _fetched(citizen_of, "sans_telephone", consents=("france_travail",), france_travail_id="3456789A")
    simulation = simulation_prefill_and_compute(user_id=user.pk)
    assert simulation.answers["profil"]["birth_date"] == "1990-12-19"
    assert simulation.answers["profil"]["activity"] == "chomeur"
    assert float(simulation.answers["revenus"]["demandeur_chomage_net_amount"]) == pytest.approx(1240, abs=60)
    assert simulation.sources["profil.activity"]["source"] == "France Travail"
    # No agency knows where he lives: the commune is never assumed, it is one of the unknowns varied,
    # and what depends on it is "à vérifier" with the question that decides it.
    housing_aid = simulation.result["screening"]["aide_logement"]
    assert housing_aid["status"] == "to_check"
    assert "commune" in [question["key"] for question in housing_aid["questions"]]
    page = logged_in(user).get("/simulateur/etape/profil/").content.decode()
    assert "Pré-rempli : France Travail, le" in page


@pytest.mark.django_db
def test_a_family_is_prefilled_from_the_caf_and_its_rights_handed_to_the_rights_view(citizen_of, agencies):
    from rights.models import Right

    user = _fetched(citizen_of, "nom_composé", consents=("caf", "cpam"))
    simulation = simulation_prefill_and_compute(user_id=user.pk)
    answers = simulation.answers
    assert answers["foyer"]["children_count"] == "2"
    assert answers["logement"]["depcom"] == "13213"
    assert answers["revenus"]["received_rsa"] == "on"
    assert answers["revenus"]["received_css_sans_participation"] == "on"
    rsa = next(b for b in simulation.result["benefits"] if b["key"] == "rsa")
    assert rsa["already_received"]
    # The CAF does not know the rent: the housing is not assumed but varied, and the results say so.
    assert any("locataire, propriétaire ou hébergé" in text for text in simulation.result["assumptions"])
    assert simulation.result["screening"]["aide_logement"]["status"] == "to_check"
    assert Right.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_answers_the_person_posted_are_never_overwritten(citizen_of, agencies, logged_in):
    user = _fetched(citizen_of, "sans_telephone", consents=("france_travail",), france_travail_id="3456789A")
    client = logged_in(user)
    client.post(
        "/simulateur/etape/profil/", {"birth_date": "1990-12-19", "activity": "salarie", "action": "next"}
    )
    simulation = simulation_prefill_and_compute(user_id=user.pk)
    assert simulation.answers["profil"]["activity"] == "salarie"
    assert "profil.activity" not in simulation.sources


@pytest.mark.django_db
def test_the_end_of_a_fetch_queues_the_computation_on_commit(
    citizen_of, django_capture_on_commit_callbacks, monkeypatch
):
    from simulator import tasks

    queued = []
    monkeypatch.setattr(
        tasks.simulation_prefill_and_compute_task, "delay", lambda user_id: queued.append(user_id)
    )
    user = citizen_of("test")
    with django_capture_on_commit_callbacks(execute=True):
        fetch_run_finished.send(sender=None, user_id=user.pk, run_id=1)
    assert queued == [user.pk]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_computes_the_results_before_the_person_opens_the_simulator(
    citizen_of, agencies, celery_worker, logged_in
):
    user = citizen_of("nom_composé", consents=("caf",))
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)  # sends fetch_run_finished on commit
    deadline = time.monotonic() + 60
    while (
        time.monotonic() < deadline
        and not Simulation.objects.filter(user=user, result__isnull=False).exists()
    ):
        time.sleep(0.2)
    assert Simulation.objects.get(user=user).result is not None
    page = logged_in(user).get("/simulateur/").content.decode()
    assert "Vos résultats sont prêts" in page
