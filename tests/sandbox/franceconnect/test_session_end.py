import secrets

from .conftest import POST_LOGOUT_REDIRECT_URI, query_of


def end_session(fc, **params):
    return fc.http.get(f"{fc.issuer}/session/end", params=params, allow_redirects=False, timeout=10)


def test_session_end_redirects_to_the_service_with_the_state(fc):
    tokens = fc.login("test")
    state = secrets.token_urlsafe(32)

    response = end_session(
        fc, id_token_hint=tokens["id_token"], state=state, post_logout_redirect_uri=POST_LOGOUT_REDIRECT_URI
    )

    assert response.status_code == 302
    assert response.headers["Location"].startswith(POST_LOGOUT_REDIRECT_URI + "?")
    assert query_of(response.headers["Location"]) == {"state": state}


def test_last_logout_records_the_round_trip(fc):
    tokens = fc.login("test")
    state = secrets.token_urlsafe(32)
    end_session(
        fc, id_token_hint=tokens["id_token"], state=state, post_logout_redirect_uri=POST_LOGOUT_REDIRECT_URI
    )

    last = fc.http.get(f"{fc.base_url}/_sandbox/last-logout", timeout=10).json()["last_logout"]

    assert last == {
        "sub": fc.verify(tokens["id_token"])["sub"],
        "login": "test",
        "client_id": "mesdroits-demo",
        "state": state,
        "post_logout_redirect_uri": POST_LOGOUT_REDIRECT_URI,
    }


def test_session_end_deactivates_the_access_token(fc):
    tokens = fc.login("test")

    end_session(
        fc,
        id_token_hint=tokens["id_token"],
        state="s" * 32,
        post_logout_redirect_uri=POST_LOGOUT_REDIRECT_URI,
    )

    assert fc.userinfo(tokens["access_token"]).status_code == 401


def test_session_end_refuses_a_forged_hint(fc):
    fc.fault("id_token_unknown_kid")
    tokens = fc.login("test")

    response = end_session(
        fc,
        id_token_hint=tokens["id_token"],
        state="s" * 32,
        post_logout_redirect_uri=POST_LOGOUT_REDIRECT_URI,
    )

    assert response.status_code == 400
    assert "Location" not in response.headers
    assert fc.http.get(f"{fc.base_url}/_sandbox/last-logout", timeout=10).json()["last_logout"] is None


def test_session_end_refuses_an_unregistered_post_logout_redirect_uri(fc):
    tokens = fc.login("test")

    response = end_session(
        fc, id_token_hint=tokens["id_token"], state="s" * 32, post_logout_redirect_uri="https://evil.example/"
    )

    assert response.status_code == 400
    assert "Location" not in response.headers


def test_session_end_without_redirect_shows_a_french_page(fc):
    tokens = fc.login("test")

    response = end_session(fc, id_token_hint=tokens["id_token"])

    assert response.status_code == 200
    assert "Vous êtes déconnecté" in response.text
