"""The home page's calls to action: log in with FranceConnect, simulate without logging in, find
help nearby; each leads to a page that works."""

import re

import pytest

pytestmark = pytest.mark.django_db


def actions(html: str) -> str:
    return re.search(r'data-testid="home-actions">(.*?)</section>', html, re.S).group(1)


def test_anyone_gets_the_three_calls_to_action(client):
    section = actions(client.get("/").content.decode())

    assert '<form method="get" action="/oidc/authenticate/">' in section
    assert re.search(r'<button class="fr-connect" type="submit"[^>]*>\s*<span class="fr-connect__login">Se connecter avec</span>\s*'
                     r'<span class="fr-connect__brand">FranceConnect</span>', section)  # fmt: skip
    assert (
        '<a class="fr-btn fr-btn--secondary fr-icon-calculator-line" href="/simulateur/">Simuler mes droits sans me connecter</a>'
        in section
    )
    assert 'href="/aide-pres-de-chez-moi/">Se faire aider près de chez moi</a>' in section


def test_the_franceconnect_button_starts_the_login_at_the_provider(franceconnect):
    client = franceconnect.client()
    action = re.search(
        r'<form method="get" action="([^"]+)">', actions(client.get("/").content.decode())
    ).group(1)

    response = client.get(action)

    assert response.status_code == 302
    assert response["Location"].startswith(franceconnect.sandbox_url)
    assert "acr_values=eidas1" in response["Location"]


def test_simulate_and_help_lead_to_pages_open_to_anyone(client):
    section = actions(client.get("/").content.decode())
    hrefs = re.findall(r'<a class="fr-btn[^"]*" href="([^"]+)">', section)

    assert hrefs == ["/simulateur/", "/aide-pres-de-chez-moi/"]
    simulator, helper = (client.get(href) for href in hrefs)
    assert simulator.status_code == 200
    assert "<h1>À quelles aides avez-vous droit ?</h1>" in simulator.content.decode()
    assert helper.status_code == 200
    assert 'name="code_postal"' in helper.content.decode()


def test_a_logged_in_citizen_is_offered_their_rights_instead_of_the_login(logged_in, citizen_of):
    section = actions(logged_in(citizen_of("nom_composé")).get("/").content.decode())

    assert "fr-connect" not in section
    assert 'href="/mes-droits/">Voir mes droits</a>' in section
    assert 'href="/aide-pres-de-chez-moi/"' in section
