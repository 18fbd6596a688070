"""FranceConnect mode: the FC access token is the Bearer, resolved through FranceConnect's checktoken."""

from __future__ import annotations

from sandbox.agencies.app import create_app

from .conftest import RECIPIENT, TOKEN

QF = "/v3/dss/quotient_familial/france_connect"
QF_SCOPES = "cnaf_quotient_familial cnaf_allocataires cnaf_enfants cnaf_adresse"


def _checktoken_calls(franceconnect) -> int:
    calls = franceconnect.http.get(
        f"{franceconnect.base_url}/_sandbox/calls", params={"path": "/api/v2/checktoken"}, timeout=10
    ).json()["calls"]
    return len(calls)


def test_person_is_resolved_through_checktoken(agencies, franceconnect):
    fc_token = franceconnect.access_token("nom_composé", QF_SCOPES)
    before = _checktoken_calls(franceconnect)
    response = agencies.get(QF, token=fc_token, recipient=RECIPIENT)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["allocataires"][0]["nom_naissance"] == "TROIS-DUPRE"
    assert data["quotient_familial"]["valeur"] == 480
    assert _checktoken_calls(franceconnect) == before + 1


def test_person_without_birthplace_is_found_in_franceconnect_mode(agencies, franceconnect):
    fc_token = franceconnect.access_token("sans_birthplace", "prime_activite")
    response = agencies.get("/v3/dss/prime_activite/france_connect", token=fc_token, recipient=RECIPIENT)
    assert response.status_code == 200
    assert response.json()["data"]["est_beneficiaire"] is True


def test_scopes_granted_at_franceconnect_mask_the_answer(agencies, franceconnect):
    fc_token = franceconnect.access_token("nom_composé", "cnaf_quotient_familial")
    data = agencies.get(QF, token=fc_token, recipient=RECIPIENT).json()["data"]
    assert set(data) == {"quotient_familial"}


def test_franceconnect_token_without_the_endpoint_scope_is_forbidden(agencies, franceconnect):
    fc_token = franceconnect.access_token("nom_composé", "cnaf_quotient_familial")
    response = agencies.get(
        "/v3/dss/revenu_solidarite_active/france_connect", token=fc_token, recipient=RECIPIENT
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "00100"


def test_token_unknown_to_franceconnect_is_refused(agencies):
    response = agencies.get(QF, token="not-a-franceconnect-token", recipient=RECIPIENT)
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "00101"


def test_api_particulier_token_is_not_a_franceconnect_token(agencies):
    assert agencies.get(QF, token=TOKEN, recipient=RECIPIENT).status_code == 401


def test_recipient_is_checked_before_franceconnect_is_asked(agencies, franceconnect):
    fc_token = franceconnect.access_token("nom_composé", QF_SCOPES)
    before = _checktoken_calls(franceconnect)
    response = agencies.get(QF, token=fc_token)
    assert response.status_code == 422
    assert _checktoken_calls(franceconnect) == before


def test_unreachable_franceconnect_is_a_bad_gateway():
    app = create_app(
        {
            "SANDBOX_AGENCIES_FC_CHECKTOKEN_URL": "http://127.0.0.1:9/api/v2/checktoken",
            "SANDBOX_AGENCIES_FC_TIMEOUT_SECONDS": "0.5",
        }
    )
    response = app.test_client().get(
        f"{QF}?recipient={RECIPIENT}", headers={"Authorization": "Bearer some-franceconnect-token"}
    )
    assert response.status_code == 502
    assert response.json["errors"][0]["meta"] == {"provider": "FranceConnect"}


def test_checktoken_answer_is_refused_when_franceconnect_keys_cannot_be_read(agencies_base_url, fc_base_url):
    # The signature is only trusted against the JWKS; an unreadable JWKS means nothing is trusted.
    app = create_app(
        {
            "SANDBOX_AGENCIES_FC_CHECKTOKEN_URL": f"{fc_base_url}/api/v2/checktoken",
            "SANDBOX_AGENCIES_FC_JWKS_URL": f"{agencies_base_url}/_sandbox/health",
        }
    )
    response = app.test_client().get(
        f"{QF}?recipient={RECIPIENT}", headers={"Authorization": "Bearer whatever"}
    )
    assert response.status_code == 502
