"""What the back-office says of a publication follows reality: "En cours d'envoi" from the moment an
immediate send is recorded until its last e-mail is gone, "Envoyée" after, and "Programmée le …"
(in French words) only for a send due later."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from alerts.models import Delivery, Notification, Preference, Publication
from alerts.services.publish import Draft, publication_create, publication_send

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def publish(*, scheduled_at=None) -> Publication:
    draft = Draft(
        agency="caf", title="Accueil le samedi", body="B", link="", category="organisme", audience="all",
        scheduled_at=scheduled_at,
    )  # fmt: skip
    return publication_create(draft=draft, author=None, via="backoffice")


def status_on_detail(client, publication: Publication) -> str:
    response = client.get(f"/agents/publications/{publication.pk}/")
    assert response.status_code == 200
    return re.search(r'data-testid="publication-status">([^<]*)<', response.content.decode()).group(1).strip()


def status_on_list(client) -> str:
    response = client.get("/agents/publications/")
    assert response.status_code == 200
    return (
        re.search(r'data-testid="publication-progress">([^<]*)<', response.content.decode()).group(1).strip()
    )


@pytest.mark.django_db
def test_immediate_send_not_yet_written_reads_sending_not_scheduled(claire_client, melissandre):
    publication = publish()

    assert status_on_detail(claire_client, publication) == "En cours d'envoi"
    assert status_on_list(claire_client) == "En cours d'envoi"
    page = claire_client.get(f"/agents/publications/{publication.pk}/").content.decode()
    assert "prévu le" not in page
    assert "Programmée" not in page
    publication.refresh_from_db()
    assert publication.status == Publication.Status.SCHEDULED  # the API's status is left as it was
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_send_reads_sending_while_emails_are_pending_then_sent(claire_client, melissandre, pierre):
    Preference.objects.create(user=melissandre, category="organisme", email=True)
    publication = publish()
    publication_send(publication_id=publication.pk)
    email = Delivery.objects.get(channel=Delivery.Channel.EMAIL)
    assert email.status == Delivery.Status.PENDING

    assert status_on_detail(claire_client, publication) == "En cours d'envoi"
    assert status_on_list(claire_client) == "En cours d'envoi"

    Delivery.objects.filter(pk=email.pk).update(status=Delivery.Status.SENT, sent_at=timezone.now())
    assert status_on_detail(claire_client, publication) == "Envoyée"
    assert status_on_list(claire_client) == "Envoyée"


@pytest.mark.django_db
def test_failed_emails_do_not_keep_a_send_in_progress(claire_client, melissandre):
    Preference.objects.create(user=melissandre, category="organisme", email=True)
    publication = publish()
    publication_send(publication_id=publication.pk)
    Delivery.objects.filter(channel=Delivery.Channel.EMAIL).update(status=Delivery.Status.FAILED)

    assert status_on_detail(claire_client, publication) == "Envoyée"


@pytest.mark.django_db
def test_send_due_later_reads_scheduled_with_its_date_in_french(
    claire_client, melissandre, django_capture_on_commit_callbacks
):
    due = (timezone.localtime() + dt.timedelta(days=20)).replace(hour=9, minute=5, second=0, microsecond=0)
    with django_capture_on_commit_callbacks() as queued:
        publication = publish(scheduled_at=due)

    expected = f"Programmée le {due.day} {MONTHS[due.month - 1]} {due.year} à 09:05"
    assert status_on_detail(claire_client, publication) == expected
    assert status_on_list(claire_client) == expected
    assert queued == []
    assert not Notification.objects.exists()
