"""Personas of the rights tests: the demo citizens with their real sandbox answers (`persona`), or
with hand-made agency rows (`agency_row`), and agents of two organisms."""

import datetime as dt

import pytest
from django.utils import timezone

from agencies.models import AgencyData
from agencies.services.fetch import fetch_run_execute, fetch_run_start
from rights.services import rights_rebuild_for_user

CONSENTS = {
    "nom_composé": ("caf", "cpam"),
    "avec_nom_dusage": ("caf", "cpam"),
    "moins_25_ans": ("cpam", "cnous"),
    "sans_telephone": ("cpam", "france_travail"),
    "naissance_Algérie": ("cpam", "france_travail"),
    "sans_genre": ("caf", "cpam"),
    "caractères_spéciaux": ("caf", "cpam"),
}
FT_IDS = {"sans_telephone": "3456789A", "naissance_Algérie": "4567890B"}


@pytest.fixture
def persona(citizen_of, agencies):
    """`persona("nom_composé")`: the citizen, their sandbox answers fetched, their rights built."""

    def make(login: str):
        user = citizen_of(login, consents=CONSENTS[login], france_travail_id=FT_IDS.get(login, ""))
        fetch_run_execute(run_id=fetch_run_start(user=user).pk)
        rights_rebuild_for_user(user=user)
        return user

    return make


@pytest.fixture
def agency_row():
    """`agency_row(user, "prime_activite", {...})`: one stored answer, fetched now unless told."""

    def make(
        user, dataset, payload, *, source="caf", organism="caf", status="found", fetched_at=None, error=""
    ):
        fetched_at = fetched_at or timezone.now()
        attempt = fetched_at + dt.timedelta(hours=1) if error else fetched_at
        row, _ = AgencyData.objects.update_or_create(
            user=user, source=source, dataset=dataset,
            defaults={"organism": organism, "status": status, "payload": payload, "fetched_at": fetched_at,
                      "last_attempt_at": attempt, "last_error": error},
        )  # fmt: skip
        return row

    return make


@pytest.fixture
def bob(citizen_of):
    """Another citizen, for isolation tests."""
    return citizen_of("test")
