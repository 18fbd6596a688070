import base64
import hashlib
import time

import requests

from sandbox.process import running_sandbox

from .conftest import TARGET, FranceConnectClient
from .test_authorize import demo_identities


def test_code_flow_returns_an_id_token_signed_by_a_published_key(fc):
    callback = fc.code_for("nom_composé")

    response = fc.token(callback["code"])

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 60
    assert body["scope"].split()[:2] == ["openid", "identite_pivot"]
    claims = fc.verify(body["id_token"])
    assert claims["sub"] == demo_identities()["nom_composé"].sub
    assert claims["nonce"] == callback["nonce"]
    assert claims["acr"] == "eidas1"
    assert claims["amr"] == ["pwd"]
    assert claims["exp"] > claims["iat"] >= claims["auth_time"]
    digest = hashlib.sha256(body["access_token"].encode()).digest()[:16]
    assert claims["at_hash"] == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def test_token_code_is_usable_once(fc):
    code = fc.code_for()["code"]
    assert fc.token(code).status_code == 200

    second = fc.token(code)

    assert second.status_code == 400
    assert second.json()["error"] == "invalid_grant"


def test_reusing_a_code_revokes_the_access_token_it_gave(fc):
    code = fc.code_for()["code"]
    access_token = fc.token(code).json()["access_token"]

    fc.token(code)

    assert fc.userinfo(access_token).status_code == 401


def test_wrong_client_secret_is_refused(fc):
    code = fc.code_for()["code"]

    response = fc.token(code, client_secret="not-the-secret")

    assert response.status_code == 401
    assert response.json() == {
        "error": "invalid_client",
        "error_description": "Client authentication failed.",
    }


def test_client_secret_basic_is_not_accepted(fc):
    code = fc.code_for()["code"]

    response = fc.token(code, client_id=None, client_secret=None)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_wrong_redirect_uri_is_refused(fc):
    code = fc.code_for()["code"]

    response = fc.token(code, redirect_uri="http://127.0.0.1:9999/oidc/callback/")

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_unknown_grant_type_is_refused(fc):
    response = fc.token("whatever", grant_type="refresh_token")

    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_code_expires_after_its_short_lifetime(tmp_path):
    env = {"SANDBOX_STATE_DIR": str(tmp_path), "SANDBOX_FC_CODE_TTL_SECONDS": "1"}
    with running_sandbox(TARGET, env=env) as base_url, requests.Session() as http:
        fc = FranceConnectClient(base_url=base_url, http=http)
        code = fc.code_for()["code"]
        time.sleep(1.2)
        response = fc.token(code)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"
