"""Identity mode finds people as the real providers do: tolerant to case, accents and punctuation."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox.agencies import dates

from .conftest import RECIPIENT, identity_params

AAH = "/v3/dss/allocation_adulte_handicape/identite"
RSA = "/v3/dss/revenu_solidarite_active/identite"
C2S = "/v3/dss/complementaire_sante_solidaire/identite"
QF = "/v3/dss/quotient_familial/identite"


def test_names_match_whatever_their_case_and_accents(agencies):
    params = identity_params(
        "caractères_spéciaux", nomNaissance="dubinore", **{"prenoms[]": ["JOELLE", "francoise"]}
    )
    response = agencies.get(AAH, **params)
    assert response.status_code == 200
    assert response.json()["data"] == {"est_beneficiaire": True, "date_debut_droit": "2019-05-01"}


def test_compound_names_match_with_a_space_instead_of_a_hyphen(agencies):
    response = agencies.get(RSA, **identity_params("nom_composé", nomNaissance="Trois Dupre"))
    assert response.status_code == 200


def test_a_subset_of_given_names_matches_when_the_first_one_is_given(agencies):
    params = identity_params("plusieurs_prénoms_3", **{"prenoms[]": ["Jean", "Arnaud"]})
    assert agencies.get(C2S, **params).status_code == 200


def test_given_names_without_the_first_one_do_not_match(agencies):
    params = identity_params("nom_composé", **{"prenoms[]": ["Juliette"]})
    assert agencies.get(RSA, **params).status_code == 404


def test_another_birth_date_does_not_match(agencies):
    response = agencies.get(RSA, **identity_params("nom_composé", jourDateNaissance=28))
    assert response.status_code == 404


def test_person_born_abroad_is_found_without_birth_commune(agencies):
    response = agencies.get(C2S, **identity_params("naissance_Algérie"))
    assert response.status_code == 200
    assert response.json()["data"]["est_beneficiaire"] is True


def test_person_born_abroad_with_a_birth_commune_is_unprocessable(agencies):
    response = agencies.get(C2S, **identity_params("naissance_Algérie", codeCogInseeCommuneNaissance="75119"))
    assert response.status_code == 422


def test_corsican_birth_commune_is_accepted(agencies):
    response = agencies.get(QF, **identity_params("test_CORSE_2A"))
    assert response.status_code == 200
    assert response.json()["data"]["quotient_familial"]["valeur"] == 900


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/v3/dss/quotient_familial/identite", "35003"),
        ("/v3/dss/revenu_solidarite_active/identite", "35003"),
        ("/v3/dss/complementaire_sante_solidaire/identite", "40003"),
        ("/v3/mesri/statut_etudiant/identite", "25003"),
        ("/v4/cnous/etudiant_boursier/identite", "26003"),
    ],
)
def test_person_without_any_record_is_not_found_everywhere(agencies, path, code):
    params = identity_params("sans_genre", sexeEtatCivil="M")
    response = agencies.get(path, **params)
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == code


def test_msa_member_quotient_familial_comes_from_the_msa(agencies):
    params = identity_params(
        "sans_birthplace", codeCogInseeCommuneNaissance=None, codeCogInseePaysNaissance="99100"
    )
    params.update(nomCommuneNaissance="Aurillac", codeCogInseeDepartementNaissance="15")
    data = agencies.get(QF, **params).json()["data"]
    assert data["quotient_familial"]["fournisseur"] == "MSA"
    assert len(data["allocataires"]) == 2
    assert len(data["enfants"]) == 2


def test_usage_name_is_given_back_as_nom_usage(agencies):
    data = agencies.get(QF, **identity_params("avec_nom_dusage")).json()["data"]
    assert data["allocataires"][0]["nom_naissance"] == "MERCIER"
    assert data["allocataires"][0]["nom_usage"] == "DUBOIS"
    assert data["quotient_familial"] == {**data["quotient_familial"], "valeur": 720, "fournisseur": "CNAF"}


def test_dates_are_relative_to_the_day_of_the_answer(agencies):
    today = dt.date.today()
    rsa = agencies.get(RSA, **identity_params("nom_composé")).json()["data"]
    assert rsa["date_debut_droit"] == dates.resolve("-14m@1", today).isoformat()
    c2s = agencies.get(C2S, **identity_params("nom_composé")).json()["data"]
    ends = dates.months_add(dt.date.fromisoformat(c2s["date_debut_droit"]), 12)
    assert 35 <= (ends - today).days <= 45


def test_quotient_familial_of_an_asked_month_is_given_for_that_month(agencies):
    data = agencies.get(QF, annee=2025, mois=3, **identity_params("nom_composé")).json()["data"]
    assert (data["quotient_familial"]["annee"], data["quotient_familial"]["mois"]) == (2025, 3)


def test_quotient_familial_of_a_bad_month_is_unprocessable(agencies):
    assert agencies.get(QF, mois=13, **identity_params("nom_composé")).status_code == 422


def test_jobseeker_payments_cover_the_last_six_months(agencies):
    response = agencies.get(
        "/v3/france_travail/indemnites/identifiant", recipient=RECIPIENT, identifiant="3456789a"
    )
    payments = response.json()["data"]["paiements"]
    assert len(payments) == 6
    assert all(1150 <= payment["montant_total"] <= 1300 for payment in payments)
    newest = dt.date.fromisoformat(payments[-1]["date_versement"])
    assert (dt.date.today() - newest).days <= 31


def test_pupil_outside_the_asked_perimeter_is_not_found(agencies):
    start = dates.academic_year_start(dt.date.today()).year
    born = dates.resolve("-15y-2m-6d", dt.date.today())
    params = {
        "recipient": RECIPIENT,
        "nomNaissance": "Mercier",
        "prenoms[]": ["Lea"],
        "sexeEtatCivil": "F",
        "anneeDateNaissance": born.year,
        "moisDateNaissance": born.month,
        "jourDateNaissance": born.day,
        "anneeScolaire": f"{start}-{start + 1}",
    }
    path = "/v4/men/scolarites/identite"
    assert agencies.get(path, **params, **{"codesBcnDepartements[]": ["035"]}).status_code == 200
    assert agencies.get(path, **params, **{"codesBcnDepartements[]": ["075"]}).status_code == 404
    both = agencies.get(path, **params, codeEtablissement="0350042T", **{"codesBcnDepartements[]": ["035"]})
    assert both.status_code == 422
    assert both.json()["errors"][0]["code"] == "00419"
