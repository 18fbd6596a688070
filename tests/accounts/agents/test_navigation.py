"""The header's navigation: an agent gets the back-office's pages, a citizen the citizens' ones."""

import re

import pytest

from tests.accounts.agents.conftest import HOME_URL


def navigation_of(response) -> str:
    html = response.content.decode()
    return re.search(r'<nav class="fr-nav" id="header-navigation".*?</nav>', html, re.DOTALL).group(0)


def current_link(navigation: str) -> str:
    return re.search(r'<a class="fr-nav__link" href="([^"]+)" aria-current="page">', navigation).group(1)


AGENTS_LINKS = [
    'href="/agents/">Espace agent<',
    'href="/agents/publications/">Messages aux membres<',
    'href="/agents/droits/">Signalements et indus<',
    'href="/agents/compte/2fa/">Double authentification<',
    'href="/agents/compte/password/change/">Mot de passe<',
]


@pytest.mark.parametrize(
    ("url", "current"),
    [
        (HOME_URL, "/agents/"),
        ("/agents/publications/", "/agents/publications/"),
        ("/agents/publications/nouvelle/", "/agents/publications/"),
        ("/agents/droits/", "/agents/droits/"),
        ("/agents/compte/2fa/", "/agents/compte/2fa/"),
        ("/agents/compte/password/change/", "/agents/compte/password/change/"),
    ],
)
def test_agent_pages_show_the_agents_navigation(claire_client, url, current):
    response = claire_client.get(url)

    assert response.status_code == 200
    navigation = navigation_of(response)
    assert all(link in navigation.replace(' aria-current="page"', "") for link in AGENTS_LINKS)
    assert current_link(navigation) == current
    assert ">Accueil<" not in navigation
    assert "/simulateur/" not in navigation
    assert "/mes-droits/" not in navigation


def test_citizen_keeps_the_citizens_navigation(client, camille):
    client.force_login(camille)

    response = client.get("/")

    assert response.status_code == 200
    navigation = navigation_of(response)
    assert ">Accueil<" in navigation
    assert 'href="/simulateur/"' in navigation
    assert "/agents/" not in navigation


def test_anonymous_visitor_gets_the_citizens_navigation(client, db):
    response = client.get("/")

    assert response.status_code == 200
    navigation = navigation_of(response)
    assert 'href="/simulateur/"' in navigation
    assert "/agents/" not in navigation
