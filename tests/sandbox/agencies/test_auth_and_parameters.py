"""Token, scopes, recipient and parameter errors come back in API Particulier's documented shape."""

from __future__ import annotations

import pytest

from .conftest import OTHER_RECIPIENT, RECIPIENT, RSA_ONLY_TOKEN, identity_params
from .contract import contracts_available, particulier_schema, validate

RSA = "/v3/dss/revenu_solidarite_active/identite"
QF = "/v3/dss/quotient_familial/identite"


def _error(response, status: int, code: str, path: str = RSA) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    if contracts_available():
        validate(body, particulier_schema(path, status)[0])
    (error,) = body["errors"]
    assert set(error) == {"code", "title", "detail", "source", "meta"}
    assert error["code"] == code
    return error


def test_missing_token_is_refused(agencies):
    error = _error(agencies.get(RSA, token=None, **identity_params("nom_composé")), 401, "00101")
    assert error["source"] == {"parameter": "token"}


def test_unknown_token_is_refused(agencies):
    _error(agencies.get(RSA, token="not-a-token", **identity_params("nom_composé")), 401, "00101")


def test_token_without_the_endpoint_scope_is_forbidden(agencies):
    _error(agencies.get(QF, token=RSA_ONLY_TOKEN, **identity_params("nom_composé")), 403, "00100", QF)


def test_token_without_the_increase_scope_does_not_see_the_increase(agencies):
    response = agencies.get(RSA, token=RSA_ONLY_TOKEN, **identity_params("nom_composé"))
    assert response.status_code == 200
    assert response.json()["data"] == {
        "est_beneficiaire": True,
        "date_debut_droit": response.json()["data"]["date_debut_droit"],
    }


def test_missing_recipient_is_unprocessable(agencies):
    error = _error(agencies.get(RSA, **identity_params("nom_composé", recipient=None)), 422, "00203")
    assert error["source"] == {"parameter": "recipient"}


@pytest.mark.parametrize("recipient", ["1300252650001", "1300252650001A", "SIRET"])
def test_recipient_that_is_not_a_siret_is_unprocessable(agencies, recipient):
    _error(agencies.get(RSA, **identity_params("nom_composé", recipient=recipient)), 422, "00210")


def test_recipient_not_authorised_is_forbidden(agencies):
    error = _error(
        agencies.get(RSA, **identity_params("nom_composé", recipient="11000000000001")), 403, "00100"
    )
    assert error["source"] == {"parameter": "recipient"}


def test_every_configured_recipient_is_accepted(agencies):
    for recipient in (RECIPIENT, OTHER_RECIPIENT):
        assert agencies.get(RSA, **identity_params("nom_composé", recipient=recipient)).status_code == 200


@pytest.mark.parametrize(
    "overrides",
    [
        {"sexeEtatCivil": "X"},
        {"sexeEtatCivil": None},
        {"prenoms[]": None},
        {"prenoms[]": ["A", "B", "C", "D"]},
        {"nomNaissance": ""},
        {"moisDateNaissance": 13},
        {"codeCogInseePaysNaissance": "FRANCE"},
        {"codeCogInseeCommuneNaissance": "123"},
    ],
)
def test_malformed_identity_is_unprocessable(agencies, overrides):
    response = agencies.get(RSA, **identity_params("nom_composé", **overrides))
    _error(response, 422, "00366")


def test_person_born_in_france_without_birth_commune_is_unprocessable(agencies):
    # As documented: the commune code (or name + department + year) is required for people born in France.
    _error(agencies.get(RSA, **identity_params("sans_birthplace")), 422, "00366")


def test_person_born_in_france_may_be_found_by_commune_name_and_department(agencies):
    params = identity_params(
        "nom_composé",
        codeCogInseeCommuneNaissance=None,
        nomCommuneNaissance="Marseille 12e Arrondissement",
        codeCogInseeDepartementNaissance="13",
    )
    assert agencies.get(RSA, **params).status_code == 200


def test_unknown_path_answers_a_json_not_found(agencies):
    response = agencies.get("/v3/dss/nothing_here/identite", recipient=RECIPIENT)
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "00404"
