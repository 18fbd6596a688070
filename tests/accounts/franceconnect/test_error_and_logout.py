"""The provider's error callback, logout at the provider, and the idle timeout."""

import time

import pytest
import time_machine
from django.contrib.messages import get_messages

from tests.accounts.franceconnect.flow import query_of

pytestmark = pytest.mark.django_db


def test_provider_error_callback_explains_in_french_with_a_way_back(franceconnect, caplog):
    client = franceconnect.client()
    state = query_of(franceconnect.start(client))["state"]

    response = client.get(
        "/oidc/callback/",
        {"error": "access_denied", "error_description": "User auth aborted", "state": state},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "La connexion avec FranceConnect n'a pas abouti" in html
    assert 'href="/connexion/"' in html
    assert state not in client.session["oidc_states"]
    assert "_auth_user_id" not in client.session
    assert any("access_denied" in record.getMessage() for record in caplog.records)


def test_logout_ends_the_local_session_then_the_provider_one(franceconnect):
    client = franceconnect.client()
    franceconnect.login(client, login="test")
    id_token = client.session["oidc_id_token"]

    response = client.post("/deconnexion/")

    assert response.status_code == 302
    end_session = query_of(response["Location"])
    assert response["Location"].startswith(f"{franceconnect.sandbox_url}/api/v2/session/end?")
    assert end_session["id_token_hint"] == id_token
    assert end_session["post_logout_redirect_uri"] == "http://127.0.0.1:8000/deconnexion/retour/"
    assert "_auth_user_id" not in client.session
    back = franceconnect.http.get(response["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302
    assert query_of(back.headers["Location"])["state"] == end_session["state"]

    final = client.get("/deconnexion/retour/", query_of(back.headers["Location"]))

    assert final.status_code == 302
    assert [str(m) for m in get_messages(final.wsgi_request)] == [
        "Vous êtes déconnecté de Mes Droits et de FranceConnect."
    ]
    assert "franceconnect_logout_state" not in client.session


def test_logout_return_with_a_wrong_state_is_logged(franceconnect, caplog):
    client = franceconnect.client()
    franceconnect.login(client, login="test")
    client.post("/deconnexion/")

    response = client.get("/deconnexion/retour/", {"state": "forged"})

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Vous êtes déconnecté de Mes Droits."]
    assert any("unexpected state" in record.getMessage() for record in caplog.records)


def test_logout_needs_post(franceconnect):
    assert franceconnect.client().get("/deconnexion/").status_code == 405


def test_a_session_idle_for_30_minutes_is_over(franceconnect):
    client = franceconnect.client()
    franceconnect.login(client, login="test")

    logged_in_at = time.time()
    with time_machine.travel(logged_in_at + 60 * 29, tick=False):
        assert client.get("/").wsgi_request.user.is_authenticated
    with time_machine.travel(logged_in_at + 60 * 29 + 60 * 31, tick=False):
        assert not client.get("/").wsgi_request.user.is_authenticated
