"""An agent logs in with e-mail, password and TOTP in Chromium; each page passes axe."""

import pytest

from tests.accounts.agents.conftest import PASSWORD, agent_create, totp_code


@pytest.mark.browser
def test_agent_logs_in_with_password_and_totp_in_chromium(live_server, browser_page):
    claire = agent_create(
        first_name="Claire",
        email="claire@caf.example",
        agency="caf",
        totp_secret="JBSWY3DPEHPK3PXPCLAIRECAFAGENT22",
    )
    page = browser_page.page

    page.goto(live_server.url + "/agents/")
    assert page.locator("h1").inner_text() == "Connexion à l'espace agent"
    page.wait_for_function("() => document.documentElement.hasAttribute('data-fr-js')")
    browser_page.screenshot("login")
    assert browser_page.serious_accessibility_violations() == []

    page.get_by_label("Adresse e-mail professionnelle").fill(claire.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    assert page.locator("h1").inner_text() == "Code de vérification"
    browser_page.screenshot("totp")
    assert browser_page.serious_accessibility_violations() == []

    page.get_by_label("Code à 6 chiffres").fill(totp_code(claire.totp_secret))
    page.get_by_role("button", name="Valider").click()
    assert page.locator("h1").inner_text() == "Espace agent"
    assert page.url == live_server.url + "/agents/"
    browser_page.screenshot("home")
    assert browser_page.serious_accessibility_violations() == []
    assert browser_page.console_errors == []


@pytest.mark.browser
def test_new_agent_sets_up_totp_in_chromium(live_server, browser_page):
    dave = agent_create(first_name="Dave", email="dave@caf.example", agency="caf")
    page = browser_page.page

    page.goto(live_server.url + "/agents/compte/login/")
    page.get_by_label("Adresse e-mail professionnelle").fill(dave.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    assert page.locator("h1").inner_text() == "Configurer votre application d'authentification"
    assert page.locator("img[src^='data:image/svg+xml']").is_visible()
    browser_page.screenshot("totp-activation")
    assert browser_page.serious_accessibility_violations() == []

    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code à 6 chiffres affiché par l'application").fill(totp_code(secret))
    page.get_by_role("button", name="Activer").click()
    assert page.locator("h1").inner_text() == "Codes de récupération"
    browser_page.screenshot("recovery-codes")
    assert browser_page.serious_accessibility_violations() == []
    page.get_by_role("link", name="Continuer vers l'espace agent").click()
    assert page.locator("h1").inner_text() == "Espace agent"
    assert browser_page.console_errors == []
