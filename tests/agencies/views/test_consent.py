from html import escape

import pytest

from agencies.models import AgencyData, Consent, FetchRun, JournalEntry
from agencies.sources import sources

pytestmark = pytest.mark.django_db


def test_it_says_which_data_is_asked_of_which_agency_and_why(citizen_of, logged_in):
    response = logged_in(citizen_of("nom_composé")).get("/mes-donnees/accord/")

    html = response.content.decode()
    assert response.status_code == 200
    for source in sources().values():
        assert escape(source.label) in html
        assert escape(source.purpose) in html
        for dataset in source.datasets:
            assert escape(dataset.label) in html


def test_choosing_sources_grants_them_and_starts_a_fetch(
    citizen_of, logged_in, django_capture_on_commit_callbacks
):
    user = citizen_of("sans_telephone")

    with django_capture_on_commit_callbacks() as callbacks:
        response = logged_in(user).post(
            "/mes-donnees/accord/",
            {"source_cpam": "on", "source_france_travail": "on", "france_travail_identifier": "3456789a"},
        )

    run = FetchRun.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == f"/mes-donnees/recuperation/{run.pk}/"
    assert set(
        Consent.objects.filter(user=user, revoked_at__isnull=True).values_list("source", flat=True)
    ) == {
        "cpam",
        "france_travail",
    }
    assert Consent.objects.get(user=user, source="france_travail").identifier == "3456789A"
    assert len(callbacks) == 1
    assert JournalEntry.objects.filter(person_id=user.pk, endpoint="consentement").count() == 2


def test_france_travail_without_identifier_is_refused_in_french_and_keeps_the_choices(citizen_of, logged_in):
    user = citizen_of("sans_telephone")

    response = logged_in(user).post(
        "/mes-donnees/accord/", {"source_cpam": "on", "source_france_travail": "on"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez votre identifiant France Travail" in html
    assert (
        'name="source_cpam"\n                 aria-describedby="desc_cpam"\n                 checked' in html
    )
    assert not Consent.objects.filter(user=user).exists()
    assert not FetchRun.objects.exists()


def test_unchecking_a_source_revokes_it_and_deletes_its_data(citizen_of, logged_in, agencies):
    from agencies.services.fetch import fetch_run_execute, fetch_run_start

    user = citizen_of("nom_composé", consents=("caf", "cpam"))
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)

    logged_in(user).post("/mes-donnees/accord/", {"source_caf": "on"})

    assert Consent.objects.get(user=user, source="cpam").revoked_at is not None
    assert not AgencyData.objects.filter(user=user, source="cpam").exists()
    assert AgencyData.objects.filter(user=user, source="caf").exists()
