"""A person logs in with FranceConnect and out again, in Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_logs_in_with_franceconnect_and_sees_their_name(live_server, browser_page, franceconnect):
    page = browser_page.page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Se connecter").click()
    page.wait_for_url("**/connexion/")
    browser_page.screenshot("login-page")
    assert browser_page.serious_accessibility_violations() == []

    page.locator("button.fr-connect").click()
    page.wait_for_url(f"{franceconnect.sandbox_url}/**")
    browser_page.screenshot("franceconnect-chooser")
    page.get_by_label("Pierre").check()
    page.get_by_role("button", name="Se connecter").click()

    page.wait_for_url(live_server.url + "/mes-donnees/accord/")
    assert page.get_by_test_id("citizen-name").inner_text().strip() == "Pierre DUBOIS"
    browser_page.screenshot("logged-in")
    assert browser_page.console_errors == []

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_text("Vous êtes déconnecté de Mes Droits et de FranceConnect.").is_visible()
    assert page.get_by_role("link", name="Se connecter").is_visible()
    browser_page.screenshot("logged-out")
