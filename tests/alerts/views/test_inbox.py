"""The inbox (/alertes/): a person sees their own notifications, reads, archives; never anyone else's."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts.models import Notification
from alerts.rules import Alert
from alerts.services.notify import notification_create


def notify(user, key: str = "rsa-declaration-ouverture:2026-Q4", **fields) -> Notification:
    values = {
        "user_id": user.pk, "kind": key.split(":")[0], "dedup_key": key, "category": "declaration",
        "title": "Votre déclaration trimestrielle RSA est ouverte", "body": "Déclarez vos ressources.",
        "organism": "caf", "action_url": "https://wwwd.caf.fr/mesdemarches",
    }  # fmt: skip
    return notification_create(alert=Alert(**(values | fields)))


@pytest.mark.django_db
def test_it_lists_my_notifications_with_the_unread_count_in_the_header(melissandre, pierre, logged_in):
    notify(melissandre)
    notify(
        melissandre, "c2s-ending-2-mois:2026-12-31", title="Renouvelez votre C2S", category="renouvellement"
    )
    notify(pierre, title="Pour Pierre seulement")

    response = logged_in(melissandre).get("/alertes/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Votre déclaration trimestrielle RSA est ouverte" in html
    assert "Renouvelez votre C2S" in html
    assert "Pour Pierre seulement" not in html
    assert "Mes alertes" in html
    assert 'data-testid="alerts-badge">Alertes&nbsp;<span class="fr-badge' in html
    assert '>2<span class="fr-sr-only"> non lues' in html


@pytest.mark.django_db
def test_the_header_count_costs_one_query_whatever_the_inbox_size(melissandre, logged_in):
    client = logged_in(melissandre)

    def queries() -> list[str]:
        client.get("/alertes/")
        with CaptureQueriesContext(connection) as context:
            response = client.get("/alertes/")
        assert response.status_code == 200
        return [q["sql"] for q in context.captured_queries]

    notify(melissandre, "k-0:1")
    few = queries()
    for n in range(1, 15):
        notify(melissandre, f"k-{n}:1")
    many = queries()

    assert len(many) == len(few)
    unread_counts = [sql for sql in many if "COUNT(*)" in sql and '"read_at" IS NULL' in sql]
    assert len(unread_counts) == 1


@pytest.mark.django_db
def test_open_marks_read_and_goes_to_the_procedure(melissandre, logged_in):
    notification = notify(melissandre)
    response = logged_in(melissandre).post(f"/alertes/{notification.pk}/ouvrir/")
    assert response.status_code == 302
    assert response["Location"] == "https://wwwd.caf.fr/mesdemarches"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_open_by_get_is_refused_and_marks_nothing(melissandre, logged_in):
    notification = notify(melissandre)

    response = logged_in(melissandre).get(f"/alertes/{notification.pk}/ouvrir/")

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
def test_open_needs_the_csrf_token(melissandre):
    notification = notify(melissandre)
    client = Client(enforce_csrf_checks=True)
    client.force_login(melissandre, backend="accounts.franceconnect.backend.FranceConnectBackend")

    response = client.post(f"/alertes/{notification.pk}/ouvrir/")

    assert response.status_code == 403
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
def test_the_inbox_opens_a_procedure_with_a_form_allowed_to_reach_its_site(melissandre, logged_in):
    notification = notify(melissandre)

    response = logged_in(melissandre).get("/alertes/")

    html = response.content.decode()
    assert f'<form method="post" action="/alertes/{notification.pk}/ouvrir/">' in html
    assert f'href="/alertes/{notification.pk}/ouvrir/"' not in html
    form_action = next(
        d for d in response["Content-Security-Policy"].split(";") if d.strip().startswith("form-action")
    )
    assert "https://wwwd.caf.fr" in form_action.split()
    notification.refresh_from_db()
    assert notification.read_at is None  # displaying is not opening


@pytest.mark.django_db
def test_mark_read_mark_all_and_archive(melissandre, logged_in):
    first, second = notify(melissandre), notify(melissandre, "k:2")
    client = logged_in(melissandre)

    assert client.post(f"/alertes/{first.pk}/lue/").status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None

    assert client.post("/alertes/tout-lire/").status_code == 302
    assert not Notification.objects.filter(user=melissandre, read_at__isnull=True).exists()

    assert client.post(f"/alertes/{second.pk}/archiver/").status_code == 302
    second.refresh_from_db()
    assert second.archived_at is not None
    assert "k:2" not in client.get("/alertes/").content.decode()
    archives = client.get("/alertes/?vue=archives").content.decode()
    assert "Alertes archivées" in archives
    assert 'data-testid="notification"' in archives

    assert client.post(f"/alertes/{second.pk}/desarchiver/").status_code == 302
    second.refresh_from_db()
    assert second.archived_at is None


@pytest.mark.django_db
def test_someone_elses_notification_is_not_found(melissandre, pierre, logged_in):
    notification = notify(pierre)
    client = logged_in(melissandre)
    for url in ("ouvrir", "lue", "archiver", "desarchiver"):
        assert client.post(f"/alertes/{notification.pk}/{url}/").status_code == 404
    notification.refresh_from_db()
    assert (notification.read_at, notification.archived_at) == (None, None)


@pytest.mark.django_db
def test_agents_and_anonymous_people_have_no_inbox(claire_client):
    assert Client().get("/alertes/").status_code == 302
    assert claire_client.get("/alertes/").status_code == 403


@pytest.mark.django_db
def test_empty_inbox(melissandre, logged_in):
    response = logged_in(melissandre).get("/alertes/")
    assert 'data-testid="empty-inbox"' in response.content.decode()
    assert timezone.now()
