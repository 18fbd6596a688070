"""In Chromium: Claire (CAF agent, TOTP) publishes to the members who receive the RSA; Melissandre
logs in with FranceConnect and finds the message in her inbox; Pierre, a CAF member without RSA,
is not reached. Every page passes axe."""

import re
import time

import pytest

from alerts.models import Notification
from tests.accounts.agents.conftest import PASSWORD, totp_code
from tests.alerts.conftest import right_add
from tests.conftest import BrowserPage

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

TITLE = "Nouvelles permanences RSA le samedi"


def agent_logs_in(page, live_server, agent) -> None:
    page.goto(live_server.url + "/agents/compte/login/")
    page.get_by_label("Adresse e-mail professionnelle").fill(agent.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_label("Code à 6 chiffres").fill(totp_code(agent.totp_secret))
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(live_server.url + "/agents/")


def test_agent_publishes_to_rsa_members_and_melissandre_reads_it(
    live_server, browser, browser_page, franceconnect, agencies, celery_worker, claire, melissandre, pierre
):
    right_add(melissandre, "rsa")
    page = browser_page.page
    agent_logs_in(page, live_server, claire)

    page.goto(live_server.url + "/agents/publications/nouvelle/")
    page.wait_for_function("() => document.documentElement.hasAttribute('data-fr-js')")
    page.get_by_label("Titre", exact=True).fill(TITLE)
    page.get_by_label("Message", exact=True).fill(
        "Votre CAF vous accueille le samedi matin pour vos démarches RSA."
    )
    page.get_by_label("Lien vers la démarche (facultatif)").fill("https://www.caf.fr")
    page.locator("label[for=id_audience_1]").click()
    page.get_by_label("Prestation", exact=True).select_option("rsa")
    page.get_by_role("button", name="Compter les destinataires").click()
    assert page.get_by_test_id("recipient-count").inner_text().strip() == "Ce message sera envoyé à 1 membre."
    browser_page.screenshot("agent-preview")
    assert browser_page.serious_accessibility_violations() == []

    page.get_by_role("button", name="Envoyer ou programmer").click()
    assert page.get_by_test_id("confirm-recipients").inner_text().strip() == (
        "Cette publication sera envoyée à 1 membre de la CAF. Confirmer l'envoi ?"
    )
    browser_page.screenshot("agent-confirm")
    assert browser_page.serious_accessibility_violations() == []
    page.get_by_role("button", name="Confirmer l'envoi").click()
    page.wait_for_url("**/agents/publications/*/")
    deadline = time.monotonic() + 120  # generous: a busy machine
    while page.get_by_test_id("publication-status").text_content().strip() != "Envoyée":
        assert time.monotonic() < deadline, "the worker did not send the publication"
        time.sleep(0.5)
        page.reload()
    assert page.get_by_test_id("stat-recipients").inner_text() == "1"
    browser_page.screenshot("agent-stats")
    assert browser_page.serious_accessibility_violations() == []
    assert browser_page.console_errors == []

    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    citizen = BrowserPage(context.new_page(), "test_melissandre_reads_the_caf_message")
    try:
        citizen.page.goto(live_server.url + "/connexion/")
        citizen.page.locator("button.fr-connect").click()
        citizen.page.get_by_label("Melissandre Juliette TROIS-DUPRE").check()
        citizen.page.get_by_role("button", name="Se connecter").click()
        citizen.page.wait_for_url("**/mes-donnees/**")

        # Her login's own fetch may add alerts of its own meanwhile (C2S ending...): count from 1 up.
        badge = " ".join(citizen.page.get_by_test_id("alerts-badge").text_content().split())
        assert re.fullmatch(r"Alertes \d+ non lues?", badge), badge
        citizen.page.get_by_role("link", name="Mes alertes").click()
        citizen.page.wait_for_url(live_server.url + "/alertes/")
        card = citizen.page.get_by_test_id("notification").filter(has_text=TITLE)
        assert card.get_by_role("heading").inner_text() == TITLE
        assert "CAF" in card.text_content()
        assert "Nouveau" in card.text_content()
        citizen.screenshot("inbox")
        assert citizen.serious_accessibility_violations() == []

        card.get_by_role("button", name="Marquer comme lue").click()
        assert (
            "Nouveau" not in citizen.page.get_by_test_id("notification").filter(has_text=TITLE).text_content()
        )
        citizen.screenshot("inbox-read")
        assert citizen.console_errors == []
    finally:
        context.close()
    assert not Notification.objects.filter(user=pierre).exists()
