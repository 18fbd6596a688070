"""A person logs in, consents, watches the agencies answer, and sees their data: in Chromium, with
the real Celery worker running the fetch."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_login_consent_progress_and_data(live_server, browser_page, franceconnect, agencies, celery_worker):
    page = browser_page.page
    page.goto(live_server.url + "/connexion/")
    page.locator("button.fr-connect").click()
    page.get_by_label("Melissandre Juliette TROIS-DUPRE").check()
    page.get_by_role("button", name="Se connecter").click()

    page.wait_for_url("**/mes-donnees/accord/")
    page.locator("label[for=id_source_caf]").click()  # the DSFR draws the box through its label
    page.locator("label[for=id_source_cpam]").click()
    assert page.get_by_label("CAF ou MSA").is_checked()
    browser_page.screenshot("consent")
    assert browser_page.serious_accessibility_violations() == []
    page.get_by_role("button", name="Enregistrer mes choix et récupérer mes données").click()

    page.wait_for_url("**/mes-donnees/recuperation/*/")
    page.get_by_role("link", name="Voir mes données").wait_for(state="visible", timeout=20_000)
    assert page.locator('[data-source="caf"] [data-state]').get_attribute("data-state") == "ok"
    assert page.locator('[data-source="cpam"] [data-state]').get_attribute("data-state") == "ok"
    browser_page.screenshot("progress-done")

    page.get_by_role("link", name="Voir mes données").click()
    page.wait_for_url(live_server.url + "/mes-donnees/")
    assert page.get_by_test_id("freshness-caf").inner_text().startswith("Données CAF du")
    assert page.get_by_text("480 € (CNAF").is_visible()
    browser_page.screenshot("data")
    assert browser_page.serious_accessibility_violations() == []

    page.get_by_role("link", name="Historique de mes données").first.click()
    assert page.get_by_role(
        "cell", name="Quotient familial, allocataires et enfants du foyer, adresse"
    ).first.is_visible()
    assert page.get_by_role("cell", name="CAF ou MSA").first.is_visible()
    browser_page.screenshot("history")
    assert browser_page.console_errors == []
