"""The home page says what the service does, for whom, in the State design system."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_presents_the_service_in_french(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Mes Droits" in html
    assert "Vos droits sociaux, réunis en un seul endroit" in html
    assert 'class="fr-header"' in html
    assert 'class="fr-skiplinks"' in html
    assert 'id="footer"' in html
    assert "«UNDEFINED" not in html
    assert "[url - à modifier]" not in html


@pytest.mark.browser
def test_home_page_in_chromium_is_accessible(live_server, browser_page):
    page = browser_page.page

    response = page.goto(live_server.url + "/")

    assert response.status == 200
    assert page.locator("header.fr-header .fr-header__service-title").inner_text().strip() == "Mes Droits"
    assert page.locator("h1").inner_text() == "Vos droits sociaux, réunis en un seul endroit"
    # The DSFR script ran: it marks the document once its components are initialised.
    page.wait_for_function("() => document.documentElement.hasAttribute('data-fr-js')")
    browser_page.screenshot("home")
    assert browser_page.console_errors == []
    assert browser_page.serious_accessibility_violations() == []
