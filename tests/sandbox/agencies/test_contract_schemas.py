"""Every answer, for every demo person on every endpoint, validates against the official OpenAPI schemas."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from .conftest import RECIPIENT, identities, identity_params
from .contract import documented_error_codes, impot_schema, particulier_schema, validate

pytestmark = pytest.mark.usefixtures("contracts")

LOGINS = sorted(identities())
DSS = [
    "quotient_familial",
    "revenu_solidarite_active",
    "prime_activite",
    "allocation_adulte_handicape",
    "allocation_soutien_familial",
    "allocation_enfant_handicape",
    "complementaire_sante_solidaire",
]
FC_PATHS = [
    *(f"/v3/dss/{name}/france_connect" for name in DSS),
    "/v3/mesri/statut_etudiant/france_connect",
    "/v4/cnous/etudiant_boursier/france_connect",
]
FC_SCOPES = {
    "revenu_solidarite_active",
    "revenu_solidarite_active_majoration",
    "prime_activite",
    "prime_activite_majoration",
    "allocation_soutien_familial",
    "allocation_adulte_handicape",
    "allocation_enfant_handicape",
    "complementaire_sante_solidaire",
    "cnaf_quotient_familial",
    "cnaf_allocataires",
    "cnaf_enfants",
    "cnaf_adresse",
    "cnous_statut_boursier",
    "cnous_echelon_bourse",
    "cnous_email",
    "cnous_periode_versement",
    "cnous_statut_bourse",
    "cnous_ville_etudes",
    "mesri_identifiant",
    "mesri_identite",
    "mesri_inscription_etudiant",
    "mesri_admission",
    "mesri_etablissements",
}


def _checked(response, path: str) -> int:
    assert response.headers["Content-Type"].startswith("application/json")
    schema, documented = particulier_schema(path, response.status_code)
    validate(response.json(), schema)
    if documented and response.status_code >= 400:
        codes = documented_error_codes(path, response.status_code)
        assert not codes or response.json()["errors"][0]["code"] in codes
    return response.status_code


def _with_gender(login: str, **overrides):
    params = identity_params(login, **overrides)
    params.setdefault("sexeEtatCivil", "F")  # sans_genre: a caller must still send M or F
    return params


@pytest.mark.parametrize("name", DSS)
@pytest.mark.parametrize("login", LOGINS)
def test_dss_identity_answers_validate_against_the_spec(agencies, login, name):
    path = f"/v3/dss/{name}/identite"
    status = _checked(agencies.get(path, **_with_gender(login)), path)
    assert status in (200, 404, 422)


@pytest.mark.parametrize("login", LOGINS)
def test_student_identity_answers_validate_against_the_spec(agencies, login):
    path = "/v3/mesri/statut_etudiant/identite"
    params = _with_gender(login)
    params["prenoms[]"] = params["prenoms[]"][:1]
    params.setdefault("moisDateNaissance", 1)
    params.setdefault("jourDateNaissance", 1)
    assert _checked(agencies.get(path, **params), path) in (200, 404)
    path = "/v4/cnous/etudiant_boursier/identite"
    assert _checked(agencies.get(path, **params), path) in (200, 404)


def _pupils() -> list[dict]:
    from sandbox.agencies.settings import DATA_DIR

    with (DATA_DIR / "agency_records.yaml").open(encoding="utf-8") as stream:
        people = yaml.safe_load(stream)["people"]
    return [
        child
        for person in people
        for child in (person.get("family_file") or {}).get("children", [])
        if child.get("school")
    ]


def _pupil_params(child: dict, today: dt.date) -> dict:
    from sandbox.agencies import dates

    born = dates.resolve(child["birthdate"], today)
    start = dates.academic_year_start(today).year
    return {
        "recipient": RECIPIENT,
        "nomNaissance": child["family_name"],
        "prenoms[]": [child["given_names"]],
        "sexeEtatCivil": child["sex"],
        "anneeDateNaissance": born.year,
        "moisDateNaissance": born.month,
        "jourDateNaissance": born.day,
        "anneeScolaire": str(start),
        "codesBcnDepartements[]": [child["school"]["uai"][:3]],
    }


@pytest.mark.parametrize("child", _pupils(), ids=lambda child: child["given_names"])
def test_pupil_answers_validate_against_the_spec(agencies, child):
    path = "/v4/men/scolarites/identite"
    response = agencies.get(path, **_pupil_params(child, dt.date.today()))
    assert _checked(response, path) == 200
    assert response.json()["data"]["est_boursier"] is (child["school"]["scholarship_level"] is not None)


@pytest.mark.parametrize("identifier", ["3456789A", "4567890B", "0000000Z"])
@pytest.mark.parametrize("name", ["statut", "indemnites"])
def test_france_travail_answers_validate_against_the_spec(agencies, identifier, name):
    path = f"/v3/france_travail/{name}/identifiant"
    status = _checked(agencies.get(path, recipient=RECIPIENT, identifiant=identifier), path)
    assert status == (404 if identifier == "0000000Z" else 200)


@pytest.mark.parametrize("login", LOGINS)
def test_franceconnect_answers_validate_against_the_spec(agencies, franceconnect, login):
    scopes = FC_SCOPES & franceconnect.supported_scopes()
    fc_token = franceconnect.access_token(login, " ".join(sorted(scopes)))
    for path in FC_PATHS:
        response = agencies.get(path, token=fc_token, recipient=RECIPIENT)
        assert _checked(response, path) in (200, 403, 404), response.text


@pytest.mark.parametrize("login", LOGINS)
def test_tax_answers_validate_against_the_spec(agencies, login):
    from sandbox.agencies.settings import DATA_DIR

    with (DATA_DIR / "agency_records.yaml").open(encoding="utf-8") as stream:
        people = {person["login"]: person for person in yaml.safe_load(stream)["people"]}
    spi = (people.get(login, {}).get("tax") or {}).get("spi", "9999999999999")
    last_year = dt.date.today().year - 1
    for template in (
        "/impotparticulier/1.0/spi/{spi}/situations/ir/assiettes/annrev/{annrev}",
        "/impotparticulier/1.0/spi/{spi}/dernieresituation/ir/assiettes/annrev/{annrev}",
        "/impotparticulier/1.0/spi/{spi}/dernieresituation/ir/assiettes/deuxans",
    ):
        response = agencies.dgfip(template.format(spi=spi, annrev=last_year))
        schema = impot_schema(template.replace("{annrev}", "{annrev}"), response.status_code)
        if response.status_code == 200:
            assert schema is not None
            assert response.headers["Content-Type"].startswith("application/prs.dgfip.part.")
            validate(response.json(), schema)
        else:
            assert response.status_code == 404
            assert set(response.json()) == {"codeapp", "message"}
