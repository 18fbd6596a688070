"""POST /api/notifications/publications/ and GET …/<id>/: token per agency, idempotency key,
precise 400s, rate limit."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from alerts.models import AgencyApiToken, Notification, Publication
from alerts.services.publish import publication_send
from tests.alerts.api.conftest import publish
from tests.alerts.conftest import right_add

PAYLOAD = {
    "title": "Votre attestation est disponible",
    "body": "Téléchargez-la dans votre espace CAF.",
    "link": "https://www.caf.fr/allocataires/mon-compte",
    "category": "organisme",
    "audience": {"kind": "benefit", "benefit": "rsa"},
}


@pytest.mark.django_db
def test_it_publishes_to_members_with_a_benefit(
    caf_api, melissandre, pierre, django_capture_on_commit_callbacks
):
    right_add(melissandre, "rsa")
    with django_capture_on_commit_callbacks() as queued:
        response = publish(caf_api, PAYLOAD)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "scheduled"
    assert body["audience"] == {"kind": "benefit", "benefit": "rsa"}
    assert body["idempotency_key"] == "k-1"
    assert len(queued) == 1
    publication = Publication.objects.get()
    assert (publication.agency, publication.via) == ("caf", "api")

    publication_send(publication_id=publication.pk)
    detail = caf_api.get(f"/api/notifications/publications/{publication.pk}/").json()
    assert detail["status"] == "sent"
    assert detail["recipient_count"] == 1
    assert detail["stats"]["inbox_delivered"] == 1
    assert list(Notification.objects.values_list("user", flat=True)) == [melissandre.pk]


@pytest.mark.django_db
def test_replaying_an_idempotency_key_returns_the_same_publication(caf_api, melissandre):
    right_add(melissandre, "rsa")
    first = publish(caf_api, PAYLOAD, key="campagne-42")
    again = publish(caf_api, PAYLOAD, key="campagne-42")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert Publication.objects.count() == 1

    other = publish(caf_api, PAYLOAD | {"title": "Autre chose"}, key="campagne-42")
    assert other.status_code == 409
    assert "idempotence" in other.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        (
            {**PAYLOAD, "audience": {"kind": "benefit"}},
            {"audience": {"benefit": ["Obligatoire quand kind vaut « benefit »."]}},
        ),
        (
            {**PAYLOAD, "audience": {"kind": "benefit", "benefit": "aspa"}},
            {"audience": {"benefit": ["Prestation inconnue pour votre organisme."]}},
        ),
        (
            {**PAYLOAD, "audience": {"kind": "all", "departement": "13"}},
            {"audience": {"departement": ["Attendu seulement quand kind vaut « departement »."]}},
        ),
        (
            {**PAYLOAD, "audience": {"kind": "departement", "departement": "20"}},
            {"audience": {"departement": ["«\u00a020\u00a0» n'est pas un choix valide."]}},
        ),
        ({**PAYLOAD, "link": "javascript:alert(1)"}, {"link": ["Saisissez une URL valide."]}),
        ({**PAYLOAD, "title": ""}, {"title": ["Ce champ ne peut être vide."]}),
        ({"body": "x", "audience": {"kind": "all"}}, {"title": ["Ce champ est obligatoire."]}),
    ],
)
@pytest.mark.django_db
def test_validation_errors_are_precise_400s(caf_api, payload, errors):
    response = publish(caf_api, payload)
    assert response.status_code == 400
    assert response.json() == errors
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_members_by_identity_and_too_many_of_them(caf_api, melissandre, settings):
    members = [
        {
            "given_name": "Melissandre Juliette",
            "family_name": "TROIS-DUPRE",
            "birthdate": "1981-07-27",
            "gender": "female",
            "birthplace": "13012",
            "birthcountry": "99100",
        }
    ]
    response = publish(caf_api, {**PAYLOAD, "audience": {"kind": "members", "members": members}})
    assert response.status_code == 201
    assert response.json()["audience"] == {"kind": "members", "members_found": 1}

    settings.ALERTS_API_MAX_MEMBERS = 1
    response = publish(
        caf_api, {**PAYLOAD, "audience": {"kind": "members", "members": members * 2}}, key="k-2"
    )
    assert response.status_code == 400
    assert response.json() == {"audience": {"members": ["Au plus 1 membres par envoi."]}}


@pytest.mark.django_db
def test_the_idempotency_key_is_required(caf_api):
    response = caf_api.post("/api/notifications/publications/", PAYLOAD, format="json")
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()


@pytest.mark.django_db
def test_no_bad_or_revoked_token_is_a_401(caf_api):
    assert APIClient().get("/api/notifications/publications/").status_code == 401
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert bad.get("/api/notifications/publications/").status_code == 401
    AgencyApiToken.objects.update(revoked_at=timezone.now())
    assert caf_api.get("/api/notifications/publications/").status_code == 401


@pytest.mark.django_db
def test_it_is_rate_limited_per_token(caf_api, settings):
    settings.ALERTS_API_RATE = "3/min"
    codes = [caf_api.get("/api/notifications/publications/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.django_db
def test_a_huge_or_unknown_id_is_a_404(caf_api):
    assert caf_api.get("/api/notifications/publications/99999999999999999999999/").status_code == 404
    assert caf_api.get("/api/notifications/publications/5/").status_code == 404
