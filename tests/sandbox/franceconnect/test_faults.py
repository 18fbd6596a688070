import json

import jwt
import pytest

from .conftest import query_of


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("id_token_bad_signature", jwt.InvalidSignatureError),
        ("id_token_wrong_iss", jwt.InvalidIssuerError),
        ("id_token_wrong_aud", jwt.InvalidAudienceError),
        ("id_token_expired", jwt.ExpiredSignatureError),
    ],
)
def test_id_token_fault_is_caught_by_a_careful_client(fc, fault, error):
    fc.fault(fault)

    tokens = fc.login()

    with pytest.raises(error):
        fc.verify(tokens["id_token"])


def test_id_token_unknown_kid_is_signed_by_a_key_missing_from_the_jwks(fc):
    fc.fault("id_token_unknown_kid")

    tokens = fc.login()

    kid = jwt.get_unverified_header(tokens["id_token"])["kid"]
    assert kid not in {key.key_id for key in fc.jwks().keys}


def test_id_token_wrong_nonce_carries_another_nonce(fc):
    fc.fault("id_token_wrong_nonce")

    tokens = fc.login()

    assert fc.verify(tokens["id_token"])["nonce"] != tokens["nonce"]


def test_id_token_acr_eidas0_is_below_eidas1(fc):
    fc.fault("id_token_acr_eidas0")

    tokens = fc.login()

    assert fc.verify(tokens["id_token"])["acr"] == "eidas0"


def test_a_fault_applies_once(fc):
    fc.fault("id_token_wrong_aud")
    fc.login()

    tokens = fc.login()

    assert fc.verify(tokens["id_token"])["aud"] == "mesdroits-demo"


def test_userinfo_unsigned_is_plain_json(fc):
    tokens = fc.login()
    fc.fault("userinfo_unsigned")

    response = fc.userinfo(tokens["access_token"])

    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(response.text)["family_name"] == "TROIS-DUPRE"


def test_userinfo_other_key_is_not_verifiable_with_the_jwks(fc):
    tokens = fc.login()
    fc.fault("userinfo_other_key")

    body = fc.userinfo(tokens["access_token"]).text

    with pytest.raises(KeyError):
        fc.verify(body)


@pytest.mark.parametrize(
    ("fault", "error"),
    [("userinfo_wrong_aud", jwt.InvalidAudienceError), ("userinfo_bad_signature", jwt.InvalidSignatureError)],
)
def test_userinfo_fault_is_caught_by_a_careful_client(fc, fault, error):
    tokens = fc.login()
    fc.fault(fault)

    body = fc.userinfo(tokens["access_token"]).text

    with pytest.raises(error):
        fc.verify(body)


def test_userinfo_wrong_sub_differs_from_the_id_token(fc):
    tokens = fc.login()
    fc.fault("userinfo_wrong_sub")

    claims = fc.verify(fc.userinfo(tokens["access_token"]).text)

    assert claims["sub"] != fc.verify(tokens["id_token"])["sub"]


@pytest.mark.parametrize(
    ("fault", "step"), [("token_server_error", "token"), ("userinfo_server_error", "userinfo")]
)
def test_server_error_faults_answer_503(fc, fault, step):
    code = fc.code_for()["code"]
    if step == "userinfo":
        access_token = fc.token(code).json()["access_token"]
    fc.fault(fault)

    response = fc.token(code) if step == "token" else fc.userinfo(access_token)

    assert response.status_code == 503
    assert response.json()["error"] == "server_error"


def test_authorize_error_redirects_with_access_denied(fc):
    params = fc.authorize_params()
    fc.fault("authorize_error")

    response = fc.authorize(state=params["state"], login_hint="test")

    callback = query_of(response.headers["Location"])
    assert callback["error"] == "access_denied"
    assert callback["error_description"]
    assert callback["state"] == params["state"]


def test_unknown_fault_is_refused_with_the_list_of_faults(fc):
    response = fc.control("next-fault", {"fault": "everything_breaks"})

    assert response.status_code == 400
    assert "id_token_expired" in response.json()["available"]


def test_reset_drops_pending_faults(fc):
    fc.fault("id_token_expired")

    fc.control("reset")

    assert fc.verify(fc.login()["id_token"])
