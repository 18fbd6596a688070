import pytest

from agencies.models import FetchRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(citizen_of):
    user = citizen_of("nom_composé", consents=("caf",))
    return FetchRun.objects.create(user=user, progress={"caf": {"state": "ok", "label": "CAF ou MSA"}})


def test_it_shows_each_source_with_its_state(run, logged_in):
    response = logged_in(run.user).get(f"/mes-donnees/recuperation/{run.pk}/")

    assert response.status_code == 200
    assert "CAF ou MSA" in response.content.decode()
    assert "données reçues" in response.content.decode()
    assert 'aria-live="polite"' in response.content.decode()


def test_its_state_is_served_as_json_for_live_updates(run, logged_in):
    response = logged_in(run.user).get(f"/mes-donnees/recuperation/{run.pk}/etat.json")

    assert response.status_code == 200
    assert response.json() == {
        "status": "pending",
        "progress": {"caf": {"state": "ok", "label": "CAF ou MSA"}},
    }


def test_another_persons_run_is_not_found(run, citizen_of, logged_in):
    other = logged_in(citizen_of("avec_nom_dusage"))

    assert other.get(f"/mes-donnees/recuperation/{run.pk}/").status_code == 404
    assert other.get(f"/mes-donnees/recuperation/{run.pk}/etat.json").status_code == 404
