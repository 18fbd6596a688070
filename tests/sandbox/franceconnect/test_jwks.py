import jwt
import requests

from sandbox.process import running_sandbox

from .conftest import TARGET, FranceConnectClient


def test_jwks_publishes_one_es256_public_key_by_default(fc):
    keys = requests.get(f"{fc.issuer}/jwks", timeout=10).json()["keys"]

    assert len(keys) == 1
    assert keys[0]["kty"] == "EC"
    assert keys[0]["crv"] == "P-256"
    assert keys[0]["alg"] == "ES256"
    assert keys[0]["use"] == "sig"
    assert "d" not in keys[0]


def test_key_and_kid_survive_a_restart(tmp_path):
    env = {"SANDBOX_STATE_DIR": str(tmp_path / "state")}
    with running_sandbox(TARGET, env=env) as base_url:
        first = requests.get(f"{base_url}/api/v2/jwks", timeout=10).json()
    with running_sandbox(TARGET, env=env) as base_url:
        second = requests.get(f"{base_url}/api/v2/jwks", timeout=10).json()

    assert first == second
    assert (tmp_path / "state" / "franceconnect-es256.pem").exists()


def test_rs256_signs_everything_when_configured(tmp_path):
    env = {"SANDBOX_STATE_DIR": str(tmp_path), "SANDBOX_FC_ALG": "RS256"}
    with running_sandbox(TARGET, env=env) as base_url, requests.Session() as http:
        fc = FranceConnectClient(base_url=base_url, http=http)
        tokens = fc.login("test")
        userinfo = fc.userinfo(tokens["access_token"]).text

        [key] = http.get(f"{fc.issuer}/jwks", timeout=10).json()["keys"]
        assert key["kty"] == "RSA"
        assert key["alg"] == "RS256"
        assert jwt.get_unverified_header(tokens["id_token"])["alg"] == "RS256"
        assert fc.verify(tokens["id_token"])["nonce"] == tokens["nonce"]
        assert fc.verify(userinfo)["family_name"] == "DUBOIS"
