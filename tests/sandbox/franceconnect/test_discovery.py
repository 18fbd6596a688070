import requests

from sandbox.franceconnect.app import create_app


def test_discovery_publishes_the_franceconnect_v2_endpoints(fc):
    response = requests.get(f"{fc.issuer}/.well-known/openid-configuration", timeout=10)

    assert response.status_code == 200
    config = response.json()
    assert config["issuer"] == fc.issuer
    assert config["authorization_endpoint"] == f"{fc.issuer}/authorize"
    assert config["token_endpoint"] == f"{fc.issuer}/token"
    assert config["userinfo_endpoint"] == f"{fc.issuer}/userinfo"
    assert config["end_session_endpoint"] == f"{fc.issuer}/session/end"
    assert config["jwks_uri"] == f"{fc.issuer}/jwks"
    assert config["id_token_signing_alg_values_supported"] == ["ES256", "RS256"]
    assert config["userinfo_signing_alg_values_supported"] == ["ES256", "RS256"]
    assert config["acr_values_supported"] == ["eidas1", "eidas2", "eidas3"]
    assert config["token_endpoint_auth_methods_supported"] == ["client_secret_post"]
    assert config["response_types_supported"] == ["code"]
    assert {"openid", "identite_pivot", "email", "revenu_solidarite_active"} <= set(
        config["scopes_supported"]
    )
    assert {"given_name_array", "birthplace", "birthcountry", "acr"} <= set(config["claims_supported"])


def test_issuer_follows_the_host_the_caller_used(fc):
    localhost_base = fc.base_url.replace("127.0.0.1", "localhost")

    config = requests.get(f"{localhost_base}/api/v2/.well-known/openid-configuration", timeout=10).json()

    assert config["issuer"] == f"{localhost_base}/api/v2"


def test_configured_issuer_url_wins_over_the_host(tmp_path):
    app = create_app(
        {"SANDBOX_STATE_DIR": str(tmp_path), "SANDBOX_FC_ISSUER_URL": "https://fc.example.test/api/v2/"}
    )

    config = app.test_client().get("/api/v2/.well-known/openid-configuration").json

    assert config["issuer"] == "https://fc.example.test/api/v2"
    assert config["token_endpoint"] == "https://fc.example.test/api/v2/token"
