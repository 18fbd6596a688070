"""An agent of another agency can never see or reach CAF's members or messages: every route of the
back-office and of the API answers 403 or 404 for them, and nothing is written."""

import pytest

from alerts.models import Notification, Publication
from alerts.services.publish import Draft, publication_create, publication_send
from alerts.services.tokens import api_token_create
from tests.alerts.conftest import right_add


@pytest.fixture
def caf_publication(melissandre):
    right_add(melissandre, "rsa")
    publication = publication_create(
        draft=Draft(agency="caf", title="Message CAF", body="B", link="", category="organisme", audience="all"),
        author=None, via="backoffice",
    )  # fmt: skip
    publication_send(publication_id=publication.pk)
    return publication


@pytest.mark.django_db
def test_sofia_of_france_travail_cannot_see_or_reach_caf_messages(sofia_client, caf_publication):
    assert sofia_client.get(f"/agents/publications/{caf_publication.pk}/").status_code == 404
    assert sofia_client.post(f"/agents/publications/{caf_publication.pk}/relancer/").status_code == 404
    listing = sofia_client.get("/agents/publications/").content.decode()
    assert "Message CAF" not in listing


@pytest.mark.django_db
def test_sofia_cannot_count_or_reach_caf_members(sofia_client, caf_publication, melissandre):
    form = {"title": "T", "body": "B", "category": "organisme", "audience": "benefit", "benefit": "rsa"}
    preview = sofia_client.post("/agents/publications/nouvelle/", form | {"preview": ""})
    assert preview.status_code == 200
    assert "Sélectionnez un choix valide" in preview.content.decode()  # rsa is not France Travail's

    sofia_client.post(
        "/agents/publications/nouvelle/", form | {"audience": "all", "benefit": "", "confirm": "1"}
    )
    publication = Publication.objects.get(agency="france_travail")
    publication_send(publication_id=publication.pk)
    assert publication.notifications.count() == 0
    assert Notification.objects.filter(user=melissandre).count() == 1  # CAF's only


@pytest.mark.django_db
def test_citizens_and_anonymous_people_are_kept_out(client, logged_in, melissandre, caf_publication):
    citizen = logged_in(melissandre)  # a client of its own
    for url in (
        "/agents/publications/",
        "/agents/publications/nouvelle/",
        f"/agents/publications/{caf_publication.pk}/",
    ):
        assert citizen.get(url).status_code == 403
        assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_france_travail_token_cannot_read_caf_publications(caf_publication, melissandre):
    from rest_framework.test import APIClient

    _, raw = api_token_create(agency="france_travail", name="SI")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get(f"/api/notifications/publications/{caf_publication.pk}/").status_code == 404
    assert api.get("/api/notifications/publications/").json() == []
    members = [
        {"given_name": "Melissandre Juliette", "family_name": "TROIS-DUPRE", "birthdate": "1981-07-27"}
    ]
    response = api.post(
        "/api/notifications/publications/",
        {"title": "T", "body": "B", "audience": {"kind": "members", "members": members}},
        format="json", HTTP_IDEMPOTENCY_KEY="ft-1",
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["unmatched_members"] == [0]
    publication_send(publication_id=response.json()["id"])
    assert Notification.objects.filter(user=melissandre).count() == 1
