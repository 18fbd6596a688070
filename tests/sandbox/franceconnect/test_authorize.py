from html.parser import HTMLParser

import pytest

from sandbox.franceconnect.config import load_settings
from sandbox.franceconnect.identities import load_identities

from .conftest import REDIRECT_URI, query_of


class FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html_lang = None
        self.form_action = None
        self.radios: list[str] = []
        self.labels_for: list[str] = []
        self.headings = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "form":
            self.form_action = attributes.get("action")
        elif tag == "input" and attributes.get("type") == "radio":
            self.radios.append(attributes["value"])
        elif tag == "label":
            self.labels_for.append(attributes.get("for"))
        elif tag == "h1":
            self.headings += 1


def demo_identities():
    return load_identities(load_settings({}).identities_file)


def chooser(fc, **overrides):
    response = fc.authorize(**overrides)
    assert response.status_code == 200
    parser = FormParser()
    parser.feed(response.text)
    return response, parser


def test_chooser_page_lists_every_demo_identity_in_an_accessible_french_form(fc):
    response, page = chooser(fc)

    identities = demo_identities()
    assert response.headers["Content-Type"].startswith("text/html")
    assert page.html_lang == "fr"
    assert page.headings == 1
    assert page.radios == list(identities)
    assert len(page.labels_for) == len(identities)
    assert page.form_action.startswith("/api/v2/interaction/")
    for identity in identities.values():
        assert identity.label.replace("'", "&#39;") in response.text
        assert identity.family_name in response.text


def test_choosing_an_identity_redirects_with_a_code_and_the_state(fc):
    params = fc.authorize_params()
    _, page = chooser(fc, state=params["state"], nonce=params["nonce"])

    response = fc.http.post(
        fc.base_url + page.form_action, data={"action": "login", "login": "sans_genre"}, allow_redirects=False
    )

    assert response.status_code == 302
    assert response.headers["Location"].startswith(REDIRECT_URI + "?")
    callback = query_of(response.headers["Location"])
    assert callback["state"] == params["state"]
    tokens = fc.token(callback["code"]).json()
    assert fc.verify(tokens["id_token"])["sub"] == demo_identities()["sans_genre"].sub


def test_cancelling_on_the_chooser_sends_access_denied_back(fc):
    params = fc.authorize_params()
    _, page = chooser(fc, state=params["state"])

    response = fc.http.post(fc.base_url + page.form_action, data={"action": "cancel"}, allow_redirects=False)

    assert response.status_code == 302
    callback = query_of(response.headers["Location"])
    assert callback["error"] == "access_denied"
    assert callback["error_description"]
    assert callback["state"] == params["state"]
    assert "code" not in callback


def test_an_interaction_serves_only_once(fc):
    _, page = chooser(fc)
    fc.http.post(
        fc.base_url + page.form_action, data={"action": "login", "login": "test"}, allow_redirects=False
    )

    again = fc.http.post(fc.base_url + page.form_action, data={"action": "login", "login": "test"})

    assert again.status_code == 400
    assert "expiré" in again.text


def test_login_hint_selects_the_identity_without_the_page(fc):
    callback = fc.code_for("naissance_Algérie")

    assert set(callback) == {"code", "state", "nonce"}


def test_unknown_login_hint_is_an_error_page(fc):
    response = fc.authorize(login_hint="personne")

    assert response.status_code == 400
    assert "personne" in response.text


def test_unknown_client_gets_an_error_page_and_no_redirect(fc):
    response = fc.authorize(client_id="intrus")

    assert response.status_code == 400
    assert "Location" not in response.headers
    assert 'lang="fr"' in response.text


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://127.0.0.1:8123/elsewhere/",
        "https://evil.example/oidc/callback/",
        "http://127.0.0.1/oidc/callback/",
    ],
)
def test_unregistered_redirect_uri_gets_an_error_page_and_no_redirect(fc, redirect_uri):
    response = fc.authorize(redirect_uri=redirect_uri)

    assert response.status_code == 400
    assert "Location" not in response.headers


def test_any_loopback_port_matches_a_wildcard_redirect_uri(fc):
    response = fc.authorize(redirect_uri="http://localhost:54321/oidc/callback/", login_hint="test")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("http://localhost:54321/oidc/callback/?code=")


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": "identite_pivot"}, "invalid_scope"),
        ({"nonce": None}, "invalid_request"),
        ({"nonce": "too-short"}, "invalid_request"),
        ({"acr_values": "eidas0"}, "invalid_request"),
    ],
)
def test_invalid_requests_are_sent_back_the_oidc_way(fc, overrides, error):
    params = fc.authorize_params()

    response = fc.authorize(state=params["state"], **overrides)

    assert response.status_code == 302
    callback = query_of(response.headers["Location"])
    assert callback["error"] == error
    assert callback["error_description"]
    assert callback["state"] == params["state"]


def test_missing_state_is_refused(fc):
    response = fc.authorize(state=None)

    assert response.status_code == 302
    callback = query_of(response.headers["Location"])
    assert callback["error"] == "invalid_request"
    assert "state" not in callback


def test_state_of_22_characters_is_accepted_as_real_franceconnect_does(fc):
    callback = fc.code_for(state="s" * 22, nonce="n" * 22)

    assert callback["state"] == "s" * 22
