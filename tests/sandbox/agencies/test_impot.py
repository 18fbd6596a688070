"""API Impôt particulier: OAuth client credentials, FranceConnect header mode, SPI mode and errors."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox.agencies.settings import DEFAULT_DGFIP_CLIENTS

BASE = "/impotparticulier/1.0"
TWO_YEARS = f"{BASE}/dernieresituation/ir/assiettes/deuxans"
LAST_YEAR = dt.date.today().year - 1
DUBIGNOT_SPI = "3012345678905"


def _client_token(agencies, **form) -> object:
    client_id, secret = DEFAULT_DGFIP_CLIENTS.split(":")
    data = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret, **form}
    return agencies.http.post(f"{agencies.base_url}/token", data=data, timeout=10)


def test_client_credentials_give_a_token_the_api_accepts(agencies):
    response = _client_token(agencies)
    assert response.status_code == 200
    token = response.json()["access_token"]
    answer = agencies.dgfip(f"{BASE}/spi/{DUBIGNOT_SPI}/dernieresituation/ir/assiettes/deuxans", token=token)
    assert answer.status_code == 200


def test_wrong_client_secret_is_refused(agencies):
    response = _client_token(agencies, client_secret="wrong")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_token_without_the_resource_scope_is_forbidden(agencies):
    token = _client_token(agencies, scope="RessourceIR").json()["access_token"]
    response = agencies.dgfip(
        f"{BASE}/spi/{DUBIGNOT_SPI}/dernieresituation/ir/assiettes/deuxans", token=token
    )
    assert response.status_code == 403
    assert response.json()["codeapp"] == "4031"


def test_missing_token_is_unauthorised(agencies):
    response = agencies.dgfip(
        f"{BASE}/spi/{DUBIGNOT_SPI}/dernieresituation/ir/assiettes/deuxans", token="nope"
    )
    assert response.status_code == 401


def test_persona_five_reference_income_is_5300(agencies):
    path = f"{BASE}/spi/{DUBIGNOT_SPI}/dernieresituation/ir/assiettes/annrev/{LAST_YEAR}"
    body = agencies.dgfip(path).json()
    assert (body["annRevenu"], body["rfr"], body["nbPart"], body["sitFam"]) == (LAST_YEAR, 5300, 1.0, "C")


def test_couple_situation_names_the_second_declarant(agencies):
    body = agencies.dgfip(f"{BASE}/spi/3012345678902/situations/ir/assiettes/annrev/{LAST_YEAR}").json()
    assert body["nmNaiDec2"] == "LEROY"
    assert body["pac"] == {"nbPac": 3}


@pytest.mark.parametrize(
    ("path", "status", "codeapp"),
    [
        (f"{BASE}/spi/123/dernieresituation/ir/assiettes/deuxans", 400, "4001"),
        (f"{BASE}/spi/{DUBIGNOT_SPI}/situations/ir/assiettes/annrev/20xx", 400, "4002"),
        (f"{BASE}/spi/9999999999999/dernieresituation/ir/assiettes/deuxans", 404, "4102"),
        (f"{BASE}/spi/{DUBIGNOT_SPI}/situations/ir/assiettes/annrev/1990", 404, "4101"),
    ],
)
def test_tax_errors_carry_the_documented_codeapp(agencies, path, status, codeapp):
    response = agencies.dgfip(path)
    assert response.status_code == status
    assert response.json()["codeapp"] == codeapp


def test_missing_correlation_id_is_a_bad_request(agencies):
    response = agencies.dgfip(
        f"{BASE}/spi/{DUBIGNOT_SPI}/dernieresituation/ir/assiettes/deuxans",
        **{"X-Correlation-ID": "not-a-uuid"},
    )
    assert response.status_code == 400


def test_franceconnect_mode_needs_the_franceconnect_header(agencies):
    assert agencies.dgfip(TWO_YEARS).status_code == 400


def test_franceconnect_token_without_tax_scopes_is_forbidden(agencies, franceconnect):
    fc_token = franceconnect.access_token("plusieurs_prénoms_3", "revenu_solidarite_active")
    response = agencies.dgfip(TWO_YEARS, fc_token=fc_token)
    assert response.status_code == 403
    assert response.json()["codeapp"] == "4031"


def test_franceconnect_mode_resolves_the_taxpayer(agencies, franceconnect):
    if "dgfip_rfr" not in franceconnect.supported_scopes():
        pytest.skip("the FranceConnect sandbox does not grant the dgfip_* data scopes yet")
    fc_token = franceconnect.access_token("plusieurs_prénoms_3", "dgfip_rfr dgfip_nbpart")
    body = agencies.dgfip(TWO_YEARS, fc_token=fc_token).json()
    assert body["rfr"] == 5300
    assert "sitFam" not in body  # dgfip_sitfam was not granted
