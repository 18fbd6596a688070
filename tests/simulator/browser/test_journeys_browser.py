"""The simulator in Chromium: an anonymous person, and two logged-in personas (one with a what-if)."""

import pytest
from django.conf import settings
from django.test import Client

from agencies.services.fetch import fetch_run_execute, fetch_run_start
from simulator.services import simulation_prefill_and_compute

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _check(browser_page, label):
    browser_page.screenshot(label)
    assert browser_page.serious_accessibility_violations() == [], label


def _log_in(browser_page, live_server, user):
    client = Client()
    client.force_login(user, backend="accounts.franceconnect.backend.FranceConnectBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser_page.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def _radio(page, name, value):
    page.locator(f"label[for=id_{name}_{value}]").click()


def test_an_anonymous_person_gets_explained_results(live_server, browser_page):
    page = browser_page.page
    page.goto(live_server.url + "/simulateur/")
    _check(browser_page, "start")
    page.get_by_role("link", name="Commencer").click()

    page.get_by_label("Votre date de naissance").fill("2000-03-01")
    page.locator("label", has_text="En emploi (salarié·e)").click()
    _check(browser_page, "profil")
    page.get_by_role("button", name="Suivant").click()

    page.locator("label", has_text="Seul·e").click()
    page.get_by_label("Nombre d'enfants à charge").fill("0")
    page.get_by_role("button", name="Suivant").click()

    page.get_by_label("Code postal ou nom de votre commune").fill("33000")
    page.locator("select[name=depcom] option[value='33063']").wait_for(
        state="attached"
    )  # filled by communes.js
    page.locator("label", has_text="Locataire d'un logement vide").click()
    page.get_by_label("Loyer mensuel, hors charges").fill("560")
    _check(browser_page, "logement")
    page.get_by_role("button", name="Suivant").click()

    page.locator("#id_demandeur_salaire_net_amount").fill("1100")
    page.locator("#id_demandeur_salaire_net_hours").fill("110")
    _check(browser_page, "revenus")
    page.get_by_role("button", name="Suivant").click()

    page.wait_for_url("**/simulateur/recapitulatif/")
    assert page.get_by_role("cell", name="Bordeaux (33063)").is_visible()
    _check(browser_page, "recapitulatif")
    page.get_by_role("button", name="Calculer mes droits").click()

    page.wait_for_url("**/simulateur/resultats/")
    assert page.get_by_role("heading", name="Prime d'activité").is_visible()
    assert page.get_by_text("(estimation)").first.is_visible()
    _check(browser_page, "resultats")
    assert browser_page.console_errors == []


def test_hugo_completes_his_prefilled_answers(live_server, browser_page, citizen_of, agencies):
    user = citizen_of("sans_telephone", consents=("france_travail",), france_travail_id="3456789A")
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)
    simulation_prefill_and_compute(user_id=user.pk)
    _log_in(browser_page, live_server, user)
    page = browser_page.page
    page.goto(live_server.url + "/simulateur/etape/profil/")
    assert page.get_by_text("Pré-rempli : France Travail").first.is_visible()
    _check(browser_page, "profil-prefilled")
    page.get_by_role("button", name="Suivant").click()
    page.locator("label", has_text="Seul·e").click()
    page.get_by_label("Nombre d'enfants à charge").fill("0")
    page.get_by_role("button", name="Suivant").click()
    page.get_by_label("Code postal ou nom de votre commune").fill("75019")
    page.get_by_role("button", name="Chercher la commune").click()  # the no-JavaScript way works too
    page.locator("label", has_text="Locataire d'un logement vide").click()
    page.get_by_label("Loyer mensuel, hors charges").fill("780")
    page.get_by_role("button", name="Suivant").click()
    assert page.locator("#id_demandeur_chomage_net_amount").input_value() != ""
    page.get_by_role("button", name="Suivant").click()
    page.get_by_role("button", name="Calculer mes droits").click()
    page.wait_for_url("**/simulateur/resultats/")
    assert page.get_by_role("heading", name="Aides personnelles au logement (APL, ALF ou ALS)").is_visible()
    _check(browser_page, "resultats")
    assert browser_page.console_errors == []


def test_melissandre_finds_her_results_ready_and_simulates_a_birth(
    live_server, browser_page, citizen_of, agencies, celery_worker
):
    user = citizen_of("nom_composé", consents=("caf", "cpam"))
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)
    simulation_prefill_and_compute(user_id=user.pk)
    _log_in(browser_page, live_server, user)
    page = browser_page.page
    page.goto(live_server.url + "/simulateur/")
    page.get_by_role("link", name="Voir mes résultats").click()
    assert page.get_by_role("heading", name="Vous le percevez déjà").is_visible()
    _check(browser_page, "resultats-prets")

    page.get_by_role("link", name="Simuler un changement de situation").click()
    page.locator("label", has_text="Naissance ou arrivée d'un enfant").click()
    page.get_by_role("button", name="Comparer").click()
    # The worker computes it: the page says so, then shows the result (generous bound, busy machine).
    heading = page.get_by_role("heading", name="Naissance ou arrivée d'un enfant : ce qui changerait")
    heading.or_(page.get_by_test_id("whatif-progress")).first.wait_for()
    heading.wait_for(timeout=120_000)
    assert page.locator("svg[role=img]").is_visible()
    _check(browser_page, "changement-naissance")
    assert browser_page.console_errors == []
