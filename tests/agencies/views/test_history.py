import datetime as dt

import pytest
from django.utils import timezone

from agencies.models import JournalEntry
from agencies.services.journal import journal_record

pytestmark = pytest.mark.django_db


def test_it_lists_the_persons_own_accesses_only(citizen_of, logged_in):
    melissandre = citizen_of("nom_composé")
    pierre = citizen_of("avec_nom_dusage")
    journal_record(person_id=melissandre.pk, actor="system", source="caf", endpoint="/v3/dss/quotient_familial",
                   purpose="récupération", outcome="ok")  # fmt: skip
    journal_record(person_id=pierre.pk, actor="system", source="dgfip", endpoint="dgfip:secret-of-pierre",
                   purpose="récupération", outcome="ok")  # fmt: skip

    response = logged_in(melissandre).get("/mes-donnees/historique/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Quotient familial, allocataires et enfants du foyer, adresse" in html
    assert "secret-of-pierre" not in html


def test_it_names_organisms_and_data_in_french_not_by_their_codes(citizen_of, logged_in):
    melissandre = citizen_of("nom_composé")
    for source, endpoint in (
        ("dgfip", "dgfip:dernieresituation/deuxans"),
        ("education_nationale", "/v4/men/scolarites"),
        ("caf", "/v3/dss/quotient_familial"),
        ("cpam", "consentement"),
    ):
        JournalEntry.objects.create(  # the journal is append-only: written with its date
            person_id=melissandre.pk, actor="system", source=source, endpoint=endpoint,
            purpose="mise à jour demandée", outcome="ok", at=timezone.make_aware(dt.datetime(2026, 12, 3, 9, 30)),
        )  # fmt: skip

    response = logged_in(melissandre).get("/mes-donnees/historique/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Impôts (DGFiP)" in html
    assert "Revenu fiscal de référence, nombre de parts, situation de famille" in html
    assert "Éducation nationale" in html
    assert "Scolarité de vos enfants : établissement, statut, bourse" in html
    assert "CAF ou MSA" in html
    assert "Assurance Maladie" in html
    assert "Consentement" in html
    assert "3 décembre 2026 à 09:30" in html
    for raw in ("dgfip", "education_nationale", "/v3/dss/", "/v4/men/", "cpam", "2026-12-03"):
        assert raw not in html


def test_an_agents_reading_is_not_shown_as_the_persons_own(citizen_of, logged_in):
    melissandre = citizen_of("nom_composé")
    journal_record(person_id=melissandre.pk, actor="agent:7", source="caf", endpoint="signalement d'erreur n° 3",
                   purpose="examen par l'organisme", outcome="displayed")  # fmt: skip

    html = logged_in(melissandre).get("/mes-donnees/historique/").content.decode()

    assert "Un agent de l&#x27;organisme" in html
    assert "<td>Vous</td>" not in html
