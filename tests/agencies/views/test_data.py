import pytest
from django.utils import timezone

from agencies.french import french_date
from agencies.models import AgencyData, FetchRun, JournalEntry
from agencies.services.fetch import fetch_run_execute, fetch_run_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def fetched(citizen_of, agencies):
    user = citizen_of("nom_composé", consents=("caf", "cpam"))
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)
    return user


def test_it_shows_each_agencys_data_with_its_date(fetched, logged_in, django_assert_max_num_queries):
    # Session, user, identity, consents, data, journal writes, and the header's unread-alerts badge.
    client = logged_in(fetched)  # the login's own writes (devices, statistics) are not the page's
    with django_assert_max_num_queries(30):
        response = client.get("/mes-donnees/")

    html = response.content.decode()
    today = french_date(timezone.localdate())
    assert response.status_code == 200
    assert f"Données CAF du {today}" in html
    assert f"Données Assurance Maladie du {today}" in html
    assert "480 € (CNAF" in html
    assert "droit ouvert depuis le" in html
    assert "pas à jour" not in html
    assert 'href="/mes-droits/signaler/quotient_familial/"' in html


def test_stale_data_is_labelled(fetched, logged_in):
    AgencyData.objects.filter(user=fetched, source="cpam").update(
        last_attempt_at=timezone.now(), last_error="Cet organisme ne répond pas pour le moment."
    )

    html = logged_in(fetched).get("/mes-donnees/").content.decode()

    assert "pas à jour : l'organisme n'a pas répondu à la dernière demande" in html


def test_each_display_is_journaled(fetched, logged_in):
    logged_in(fetched).get("/mes-donnees/")

    displayed = JournalEntry.objects.filter(person_id=fetched.pk, outcome="displayed")
    assert set(displayed.values_list("source", flat=True)) == {"caf", "cpam"}


def test_refresh_starts_a_new_fetch(fetched, logged_in, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = logged_in(fetched).post("/mes-donnees/mettre-a-jour/")

    run = FetchRun.objects.filter(user=fetched).latest("created_at")
    assert response.status_code == 302
    assert response["Location"] == f"/mes-donnees/recuperation/{run.pk}/"
    assert run.purpose == "mise à jour demandée"
    assert len(callbacks) == 1


def test_revoking_deletes_that_agencys_data(fetched, logged_in):
    response = logged_in(fetched).post("/mes-donnees/retirer/cpam/")

    assert response.status_code == 302
    assert not AgencyData.objects.filter(user=fetched, source="cpam").exists()
    assert AgencyData.objects.filter(user=fetched, source="caf").exists()


def test_revoking_an_unknown_source_is_not_found(fetched, logged_in):
    assert logged_in(fetched).post("/mes-donnees/retirer/nasa/").status_code == 404


def test_a_person_never_sees_anothers_data(fetched, citizen_of, logged_in):
    html = logged_in(citizen_of("avec_nom_dusage")).get("/mes-donnees/").content.decode()

    assert "480 €" not in html
    assert "Aucune donnée reçue" not in html or "pas donné votre accord" in html
