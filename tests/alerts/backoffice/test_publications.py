"""The publishing back-office: an agent composes, previews the count, sends or schedules, and follows
statistics — for their own agency's members only."""

import datetime as dt

import pytest
from django.utils import timezone

from alerts.models import Delivery, Notification, Publication
from alerts.services.publish import Draft, publication_create, publication_send
from tests.alerts.conftest import right_add

FORM = {
    "title": "Accueil le samedi", "body": "Votre CAF ouvre le samedi matin.", "link": "https://www.caf.fr",
    "category": "organisme", "audience": "all", "benefit": "", "departement": "", "scheduled_at": "",
}  # fmt: skip


@pytest.mark.django_db
def test_preview_counts_members_with_a_benefit_without_sending(claire_client, melissandre, pierre):
    right_add(melissandre, "rsa")
    response = claire_client.post(
        "/agents/publications/nouvelle/", FORM | {"audience": "benefit", "benefit": "rsa", "preview": ""}
    )
    assert response.status_code == 200
    assert "<strong>1</strong> membre." in response.content.decode()
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_send_publishes_to_members_in_a_departement(
    claire_client, melissandre, pierre, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = claire_client.post(
            "/agents/publications/nouvelle/",
            FORM | {"audience": "departement", "departement": "35", "send": ""},
        )
    publication = Publication.objects.get()
    assert len(queued) == 1  # the send task, once the publication is committed
    assert response.status_code == 302
    assert response["Location"] == f"/agents/publications/{publication.pk}/"
    assert (publication.agency, publication.audience_value, publication.via) == ("caf", "35", "backoffice")

    publication_send(publication_id=publication.pk)  # what the queued task does (tested on the worker too)
    assert list(Notification.objects.values_list("user", flat=True)) == [pierre.pk]
    page = claire_client.get(f"/agents/publications/{publication.pk}/").content.decode()
    assert 'data-testid="stat-recipients">1<' in page


@pytest.mark.django_db
def test_schedule_later(claire_client, melissandre):
    later = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    claire_client.post("/agents/publications/nouvelle/", FORM | {"scheduled_at": later, "send": ""})
    publication = Publication.objects.get()
    assert publication.status == "scheduled"
    assert publication.scheduled_at > timezone.now()


@pytest.mark.django_db
def test_precise_form_errors(claire_client):
    response = claire_client.post(
        "/agents/publications/nouvelle/", FORM | {"audience": "benefit", "title": "", "send": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choisissez la prestation des destinataires." in html
    assert "Ce champ est obligatoire." in html
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_list_and_replay_failed_emails(claire_client, melissandre):
    publication = publication_create(
        draft=Draft(agency="caf", title="T", body="B", link="", category="organisme", audience="all"),
        author=None, via="api",
    )  # fmt: skip
    publication_send(publication_id=publication.pk)
    notification = Notification.objects.get()
    failed = Delivery.objects.create(notification=notification, channel="email", status="failed", attempts=6)

    assert "T</a>" in claire_client.get("/agents/publications/").content.decode()
    response = claire_client.post(f"/agents/publications/{publication.pk}/relancer/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("pending", 0)
