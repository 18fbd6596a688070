"""The pages a French public service must publish: each reachable by anyone, linked from every
page's footer, and saying what is true of this product (settings, cookies, the GDPR screens)."""

import re

import pytest

from portal.context_processors import SITE_CONFIG

pytestmark = pytest.mark.django_db

PAGES = {
    "/accessibilite/": "Déclaration d'accessibilité",
    "/mentions-legales/": "Mentions légales",
    "/donnees-personnelles/": "Données personnelles",
    "/gestion-des-cookies/": "Gestion des cookies",
    "/plan-du-site/": "Plan du site",
}


def footer_links(html: str) -> dict[str, str]:
    """The footer's bottom links, text → href."""
    bottom = re.search(r'<ul class="fr-footer__bottom-list">(.*?)</ul>', html, re.S).group(1)
    return {
        re.sub(r"\s+", " ", text).strip(): href
        for href, text in re.findall(
            r'<a class="fr-footer__bottom-link" href="([^"]+)">(.*?)</a>', bottom, re.S
        )
    }


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("path", "title"), PAGES.items())
def test_each_page_is_public_titled_and_defined(client, path, title):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html.replace("&#x27;", "'")
    assert f"<title>{title} — Mes Droits</title>" in html.replace("&#x27;", "'")
    assert "«UNDEFINED" not in html


@pytest.mark.parametrize("start", ["/", "/simulateur/", *PAGES])
def test_every_footer_links_the_five_pages(client, start):
    links = footer_links(client.get(start).content.decode())

    assert links == {
        "Plan du site": "/plan-du-site/",
        "Accessibilité : partiellement conforme": "/accessibilite/",
        "Mentions légales": "/mentions-legales/",
        "Données personnelles": "/donnees-personnelles/",
        "Gestion des cookies": "/gestion-des-cookies/",
        "Statistiques": "/stats/",  # the public statistics, as public digital services publish them
    }


def test_a_page_refuses_a_post(client):
    assert client.post("/mentions-legales/").status_code == 405
    assert client.post("/donnees-personnelles/").status_code == 405


def test_accessibility_statement_gives_status_known_faults_contact_and_recourse(client):
    text = text_of(client.get("/accessibilite/").content.decode())

    assert (
        "Mes Droits est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA)"
        in text.replace("&#x27;", "'")
    )
    assert "14 anomalies modérées" in text
    assert "les titres passent du niveau 1 au niveau 3" in text
    assert "Dérogations pour charge disproportionnée Aucune." in text
    assert SITE_CONFIG["contact_email"] in text
    assert "Défenseur des droits" in text
    assert "Libre réponse 71120, 75342 Paris CEDEX 07" in text


def test_legal_notice_names_editor_publication_director_host_and_licence(client, monkeypatch):
    monkeypatch.setitem(SITE_CONFIG, "publication_director", "Camille Exemple, directrice")

    text = text_of(client.get("/mentions-legales/").content.decode())

    assert f"Mes Droits est édité par {SITE_CONFIG['editor']}" in text
    assert "Directeur ou directrice de la publication Camille Exemple, directrice" in text
    assert f"Hébergement {SITE_CONFIG['host']}" in text.replace("&#x27;", "'")
    assert "licence Etalab 2.0" in text


def test_personal_data_page_reads_retention_from_settings_and_links_the_gdpr_screens(client, settings):
    settings.AGENCIES_JOURNAL_RETENTION_DAYS = 400
    settings.SIMULATOR_RESUME_LINK_DAYS = 12
    settings.SESSION_COOKIE_AGE = 45 * 60

    html = client.get("/donnees-personnelles/").content.decode()

    text = text_of(html)
    assert "400 jours après chaque accès" in text
    assert "ou 12 jours si vous demandez un lien pour reprendre plus tard" in text
    assert "45 minutes sans activité" in text
    for processed in ("FranceConnect", "organisme par organisme", "Vos simulations", "Vos alertes",
                      "L'historique des accès à vos données"):  # fmt: skip
        assert processed in text.replace("&#x27;", "'")
    for legal_basis in ("6-1-a", "6-1-c", "6-1-e"):
        assert f"article {legal_basis} du RGPD" in text
    for href in ("/mon-compte/", "/mon-compte/mes-donnees.pdf", "/mon-compte/mes-donnees.json",
                 "/mon-compte/supprimer/", "/mes-donnees/", "/mes-donnees/historique/"):  # fmt: skip
        assert f'href="{href}"' in html
    assert "CNIL" in text


def test_gdpr_screens_the_personal_data_page_links_exist_for_a_citizen(logged_in, citizen_of):
    client = logged_in(citizen_of("nom_composé"))

    assert client.get("/mon-compte/").status_code == 200
    assert client.get("/mon-compte/supprimer/").status_code == 200
    assert client.get("/mon-compte/mes-donnees.json").status_code == 200


def test_cookie_page_names_the_session_and_csrf_cookies_of_the_settings(client, settings):
    settings.SESSION_COOKIE_NAME = "md_session"
    settings.CSRF_COOKIE_NAME = "md_csrf"

    html = client.get("/gestion-des-cookies/").content.decode()

    assert re.findall(r'<th scope="row"><code>([^<]+)</code></th>', html) == [
        "md_session",
        "md_csrf",
        "messages",
    ]
    assert "aucun traceur" in html


def test_cookies_a_visit_sets_are_all_on_the_cookie_page(client, logged_in, citizen_of):
    listed = set(re.findall(r"<code>([^<]+)</code>", client.get("/gestion-des-cookies/").content.decode()))
    citizen = logged_in(citizen_of("nom_composé"))
    set_cookies = set()
    for visitor in (client, citizen):
        for path in ("/", "/simulateur/", "/connexion/", "/mon-compte/", "/plan-du-site/"):
            visitor.get(path)
        set_cookies |= set(visitor.cookies)
    citizen.post("/deconnexion/")
    set_cookies |= set(citizen.cookies)

    assert {"sessionid", "csrftoken"} <= set_cookies
    assert set_cookies <= listed


def test_sitemap_for_anyone_lists_public_pages_only(client):
    html = client.get("/plan-du-site/").content.decode()

    for href in ("/", "/simulateur/", "/aide-pres-de-chez-moi/", "/connexion/", "/stats/", *PAGES):
        assert f'href="{href}"' in html
    assert 'data-testid="sitemap-citizen"' not in html
    assert 'href="/mes-droits/"' not in html


def test_sitemap_for_a_citizen_adds_their_pages(logged_in, citizen_of):
    html = logged_in(citizen_of("nom_composé")).get("/plan-du-site/").content.decode()

    mine = re.search(r'data-testid="sitemap-citizen">(.*?)\n</ul>', html, re.S).group(1)
    for href in ("/mes-droits/", "/mes-droits/domaine/sante/", "/mes-droits/domaine/emploi/", "/mes-droits/versements/",
                 "/mes-donnees/", "/mes-donnees/historique/", "/alertes/", "/mon-compte/", "/mon-compte/supprimer/"):  # fmt: skip
        assert f'href="{href}"' in mine


def test_sitemap_for_an_agent_adds_the_agents_pages(client, agent):
    client.force_login(agent)

    html = client.get("/plan-du-site/").content.decode()

    assert 'href="/agents/droits/"' in html
    assert 'href="/agents/publications/"' in html
    assert 'href="/mes-droits/"' not in html
