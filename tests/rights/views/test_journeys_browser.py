"""Three people go through their 360° view in Chromium: screenshots kept, axe clean, no console error."""

import pytest
from django.conf import settings

from rights.demo import rights_demo_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_as(browser_page, live_server, logged_in, user, path="/mes-droits/"):
    session = logged_in(user).cookies[settings.SESSION_COOKIE_NAME].value
    browser_page.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    browser_page.page.goto(live_server.url + path)
    return browser_page.page


def check(browser_page, label):
    browser_page.screenshot(label)
    assert browser_page.serious_accessibility_violations() == []


def _at_phone_width(browser_page, label):
    """At 375 px: axe clean and nothing wider than the screen; back to the desktop width after."""
    page = browser_page.page
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    check(browser_page, label)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_single_parent_renews_reports_and_asks_for_a_payment_plan(
    live_server, browser_page, logged_in, persona
):
    user = persona("nom_composé")
    overpayment = rights_demo_ensure()
    assert overpayment.user == user  # the demo indu lands on her FranceConnect account
    page = open_as(browser_page, live_server, logged_in, user)
    todo = page.get_by_test_id("todo")
    first_lines = [text.splitlines()[0] for text in todo.locator("li").all_inner_texts()]
    assert [line.split(" avant le ")[0].split(" au plus tard le ")[0] for line in first_lines] == [
        "Renouvelez votre C2S gratuite auprès de l'Assurance Maladie",
        "Déclarez à la CAF vos ressources d'octobre à décembre 2026 pour votre RSA",
        "Contestez le trop-perçu de 342,18\u00a0€ (RSA) réclamé par la CAF",
    ]  # by deadline
    assert todo.get_by_role("link", name="Renouveler en ligne").get_attribute("target") == "_blank"
    assert (
        page.get_by_test_id("tile-sante").get_by_text("Sans rien à payer, à renouveler avant le").is_visible()
    )
    check(browser_page, "overview")
    _at_phone_width(browser_page, "overview-375")

    page.get_by_role("link", name="Santé").click()
    card = page.get_by_test_id("right-css_sans_participation")
    assert card.get_by_text("À renouveler bientôt").is_visible()
    assert card.get_by_test_id("freshness-cpam").inner_text().startswith("Données Assurance Maladie du")
    check(browser_page, "sante")

    card.get_by_role("link", name="Signaler une erreur").click()
    page.get_by_label("Qu'est-ce qui est inexact ?").fill("Ma C2S a été renouvelée le mois dernier.")
    page.get_by_role("button", name="Envoyer mon signalement").click()
    assert page.get_by_test_id("report-status").text_content() == "Transmis à l'organisme"
    check(browser_page, "report")

    page.goto(f"{live_server.url}/mes-droits/indus/{overpayment.pk}/")
    assert page.get_by_test_id("overpayment-amount").inner_text().startswith("342,18")
    page.locator("label[for=id_kind_1]").click()
    page.get_by_label("Votre situation").fill("Je ne peux rembourser que 30 € par mois.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    assert page.get_by_text("Échéancier de remboursement demandée le").is_visible()
    check(browser_page, "overpayment")
    assert browser_page.console_errors == []


def test_jobseeker_sees_his_payments_and_help_nearby(live_server, browser_page, logged_in, persona):
    page = open_as(browser_page, live_server, logged_in, persona("sans_telephone"))
    assert page.get_by_test_id("expected-payment").get_by_text("Attendu vers le").is_visible()
    assert page.get_by_test_id("tile-emploi").get_by_text("versés le").is_visible()
    check(browser_page, "overview")
    _at_phone_width(browser_page, "overview-375")
    page.get_by_role("link", name="Emploi").click()
    assert page.get_by_test_id("right-are").is_visible()
    check(browser_page, "emploi")
    page.goto(live_server.url + "/mes-droits/versements/")
    assert page.get_by_role("img", name="Montants reçus par mois et par organisme").is_visible()
    assert page.get_by_test_id("payments-table").locator("tbody tr").count() >= 6
    check(browser_page, "payments")
    page.get_by_role("link", name="Se faire aider", exact=True).click()
    page.get_by_label("Code postal").fill("75019")
    page.get_by_role("button", name="Chercher").click()
    assert page.get_by_test_id("france-services-site").count() == 5
    check(browser_page, "help-nearby")
    assert browser_page.console_errors == []


def test_a_person_unknown_to_every_agency(live_server, browser_page, logged_in, persona):
    page = open_as(browser_page, live_server, logged_in, persona("sans_genre"))
    assert page.get_by_test_id("no-rights").get_by_role("link", name="Faire une simulation").is_visible()
    assert page.get_by_test_id("todo-empty").is_visible()
    assert page.get_by_test_id("expected-payments-empty").is_visible()
    assert page.get_by_test_id("tile-retraite-counts").inner_text() == "Aucun droit ouvert"
    check(browser_page, "no-rights")
    _at_phone_width(browser_page, "no-rights-375")
    page.get_by_role("link", name="Retraite").click()
    assert page.get_by_test_id("no-held-right").is_visible()
    check(browser_page, "retraite")
    assert browser_page.console_errors == []
