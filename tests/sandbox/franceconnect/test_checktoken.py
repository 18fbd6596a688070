import jwt

from sandbox.franceconnect.config import DEFAULT_CLIENT_ID, DEFAULT_DATA_PROVIDER_ID

# The shape of the answers API Particulier reads (siade_staging_data, payloads/france_connect/*.yml).
INTROSPECTION_KEYS = {
    "active",
    "aud",
    "sub",
    "iat",
    "exp",
    "acr",
    "jti",
    "scope",
    "gender",
    "family_name",
    "given_name",
    "given_name_array",
    "birthdate",
    "birthplace",
    "birthcountry",
}


def test_checktoken_answers_a_signed_introspection_for_an_active_token(fc):
    tokens = fc.login("caractères_spéciaux")

    response = fc.checktoken(tokens["access_token"])

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/token-introspection+jwt"
    assert jwt.get_unverified_header(response.text)["typ"] == "token-introspection+jwt"
    payload = fc.verify(response.text, audience=DEFAULT_DATA_PROVIDER_ID)
    assert set(payload) == {"aud", "iat", "iss", "token_introspection"}
    introspection = payload["token_introspection"]
    assert set(introspection) == INTROSPECTION_KEYS
    assert introspection["active"] is True
    assert introspection["aud"] == DEFAULT_CLIENT_ID
    assert introspection["sub"] == fc.verify(tokens["id_token"])["sub"]
    assert introspection["acr"] == "eidas1"
    assert introspection["scope"] == tokens["scope"]
    assert "complementaire_sante_solidaire" in introspection["scope"].split()
    assert introspection["exp"] - introspection["iat"] == 60
    assert introspection["family_name"] == "DUBINÔRE"
    assert introspection["given_name_array"] == ["Joëlle", "Françoise"]


def test_checktoken_answers_inactive_for_an_unknown_token(fc):
    response = fc.checktoken("unknown-token")

    assert response.status_code == 200
    payload = fc.verify(response.text, audience=DEFAULT_DATA_PROVIDER_ID)
    assert payload["token_introspection"] == {"active": False}


def test_checktoken_refuses_a_data_provider_with_a_wrong_secret(fc):
    response = fc.checktoken("whatever", client_secret="wrong")

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_checktoken_refuses_the_service_provider_credentials(fc):
    tokens = fc.login()

    response = fc.checktoken(tokens["access_token"], client_id=DEFAULT_CLIENT_ID)

    assert response.status_code == 401


def test_checktoken_requires_the_token(fc):
    response = fc.checktoken("")

    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_request",
        "error_description": "Required parameter missing or invalid.",
    }
