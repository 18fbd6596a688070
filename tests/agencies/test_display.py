"""'Mes données' reads each stored answer through its typed schema, as the facts do: a readable
answer in French rows, an answer that no longer matches its schema said to be unreadable."""

import pytest
from django.utils import timezone

from agencies.display import UNREADABLE, dataset_rows
from agencies.models import AgencyData


def test_a_family_file_in_french_rows_with_a_presumed_birth_date_as_its_year():
    payload = {
        "quotient_familial": {"fournisseur": "CNAF", "valeur": 480, "annee": 2026, "mois": 11},
        "allocataires": [
            {"nom_naissance": "TROIS-DUPRE", "prenoms": "MELISSANDRE", "date_naissance": "1981-07-27"}
        ],
        "enfants": [{"nom_naissance": "TROIS-DUPRE", "prenoms": "LEA", "date_naissance": "2018-00-00"}],
        "adresse": {"numero_libelle_voie": "12 RUE DES LILAS", "code_postal_ville": "13013 MARSEILLE"},
        "a_field_the_caf_added": "ignored",
    }

    rows = dataset_rows("quotient_familial", payload)

    assert rows == [
        ("Quotient familial", "480 € (CNAF, 11/2026)"),
        ("Allocataire", "Melissandre TROIS-DUPRE"),
        ("Enfant", "Lea, né(e) le 2018"),
        ("Adresse", "12 RUE DES LILAS 13013 MARSEILLE"),
    ]


def test_a_benefit_status_with_its_start_date_in_words():
    rows = dataset_rows(
        "complementaire_sante_solidaire",
        {"est_beneficiaire": True, "avec_participation": False, "date_debut_droit": "2026-02-14"},
    )

    assert rows == [
        ("Complémentaire santé solidaire", "droit ouvert depuis le 14 février 2026"),
        ("Participation financière", "non (gratuite)"),
    ]


def test_an_answer_that_no_longer_matches_its_schema_is_said_unreadable():
    assert dataset_rows("quotient_familial", {"enfants": []}) == UNREADABLE
    assert dataset_rows("revenu_fiscal", {"annee_revenus": "deux mille vingt-cinq"}) == UNREADABLE


@pytest.mark.django_db
def test_mes_donnees_still_answers_when_a_stored_answer_is_unreadable(citizen_of, logged_in):
    user = citizen_of("nom_composé", consents=("caf",))
    AgencyData.objects.create(
        user=user, source="caf", dataset="quotient_familial", organism="caf", status=AgencyData.Status.FOUND,
        payload={"allocataires": "pas une liste"}, fetched_at=timezone.now(), last_attempt_at=timezone.now(),
    )  # fmt: skip

    response = logged_in(user).get("/mes-donnees/")

    assert response.status_code == 200
    assert "illisible : elle ne correspond plus au format attendu" in response.content.decode()
