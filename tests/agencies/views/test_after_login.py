import pytest

from agencies.models import FetchRun

pytestmark = pytest.mark.django_db


def test_a_citizen_without_consent_is_asked_first(citizen_of, logged_in):
    response = logged_in(citizen_of("nom_composé")).get("/mes-donnees/connexion/")

    assert response.status_code == 302
    assert response["Location"] == "/mes-donnees/accord/"
    assert not FetchRun.objects.exists()


def test_a_citizen_with_consent_gets_a_fetch_queued_after_commit(
    citizen_of, logged_in, django_capture_on_commit_callbacks
):
    user = citizen_of("nom_composé", consents=("caf",))

    with django_capture_on_commit_callbacks() as callbacks:
        response = logged_in(user).get("/mes-donnees/connexion/")

    run = FetchRun.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == f"/mes-donnees/recuperation/{run.pk}/"
    assert run.progress == {"caf": {"state": "pending", "label": "CAF ou MSA"}}
    assert run.purpose == "connexion"
    assert len(callbacks) == 1


def test_anonymous_people_go_to_the_login_page(client):
    response = client.get("/mes-donnees/connexion/")

    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/?next=")


def test_agents_are_refused(agent, logged_in):
    client = logged_in(agent)

    assert client.get("/mes-donnees/connexion/").status_code == 403
    assert client.get("/mes-donnees/").status_code == 403
