"""The publishing back-office: an agent composes, previews the count, sends or schedules, and follows
statistics — for their own agency's members only."""

import datetime as dt
import re
from html import unescape

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
    confirmation = claire_client.post(
        "/agents/publications/nouvelle/", FORM | {"audience": "benefit", "benefit": "rsa", "send": ""}
    )
    assert (
        "Membres bénéficiant d&#x27;une prestation : Revenu de solidarité active"
        in confirmation.content.decode()
    )


def confirmation_fields(response) -> dict[str, str]:
    """The hidden fields of the confirmation page, as the browser posts them back."""
    html = response.content.decode()
    inputs = re.findall(r'<input type="hidden" name="(\w+)"(?: value="([^"]*)")?', html)
    return {name: unescape(value) for name, value in inputs if name != "csrfmiddlewaretoken"}


@pytest.mark.django_db
def test_send_shows_the_count_and_asks_to_confirm_before_anything_is_queued(
    claire_client, melissandre, pierre, hugo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = claire_client.post("/agents/publications/nouvelle/", FORM | {"send": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Cette publication sera envoyée à <strong>2</strong> membres de la CAF. Confirmer l'envoi ?"
    ) in html
    assert '<button class="fr-btn" type="submit" name="confirm" value="1">Confirmer l\'envoi</button>' in html
    assert confirmation_fields(response) == FORM
    assert queued == []
    assert not Publication.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_confirmed_send_publishes_to_members_in_a_departement(
    claire_client, claire, melissandre, pierre, django_capture_on_commit_callbacks
):
    form = FORM | {"audience": "departement", "departement": "35"}
    confirmation = claire_client.post("/agents/publications/nouvelle/", form | {"send": ""})
    assert "<strong>1</strong> membre de la CAF" in confirmation.content.decode()
    assert "Membres d&#x27;un département : 35" in confirmation.content.decode()

    with django_capture_on_commit_callbacks() as queued:
        response = claire_client.post(
            "/agents/publications/nouvelle/", confirmation_fields(confirmation) | {"confirm": "1"}
        )
    publication = Publication.objects.get()
    assert len(queued) == 1  # the send task, once the publication is committed
    assert response.status_code == 302
    assert response["Location"] == f"/agents/publications/{publication.pk}/"
    assert (publication.agency, publication.audience_value, publication.via) == ("caf", "35", "backoffice")
    assert publication.author == claire

    publication_send(publication_id=publication.pk)  # what the queued task does (tested on the worker too)
    assert list(Notification.objects.values_list("user", flat=True)) == [pierre.pk]
    page = claire_client.get(f"/agents/publications/{publication.pk}/").content.decode()
    assert 'data-testid="stat-recipients">1<' in page


@pytest.mark.django_db
def test_edit_from_the_confirmation_returns_to_the_form_without_recording(claire_client, melissandre):
    confirmation = claire_client.post("/agents/publications/nouvelle/", FORM | {"send": ""})

    response = claire_client.post(
        "/agents/publications/nouvelle/", confirmation_fields(confirmation) | {"edit": ""}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Accueil le samedi"' in html
    assert "Confirmer l'envoi" not in html
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_schedule_later_after_confirming(claire_client, melissandre, django_capture_on_commit_callbacks):
    later = timezone.localtime() + dt.timedelta(days=1)
    confirmation = claire_client.post(
        "/agents/publications/nouvelle/",
        FORM | {"scheduled_at": later.strftime("%Y-%m-%dT%H:%M"), "send": ""},
    )
    assert f", le {later.day} " in confirmation.content.decode()
    assert not Publication.objects.exists()

    with django_capture_on_commit_callbacks() as queued:
        claire_client.post(
            "/agents/publications/nouvelle/", confirmation_fields(confirmation) | {"confirm": "1"}
        )

    publication = Publication.objects.get()
    assert publication.status == "scheduled"
    assert publication.scheduled_at > timezone.now()
    assert queued == []  # the beat sends it when its time comes


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

    listing = claire_client.get("/agents/publications/").content.decode()
    assert "T</a>" in listing
    assert "<td>Tous les membres</td>" in listing
    assert "Messages de la CAF, du plus récent au plus ancien" in listing
    response = claire_client.post(f"/agents/publications/{publication.pk}/relancer/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("pending", 0)
