"""In Chromium, at a desktop's and a phone's width: the home page's calls to action and the footer
pages, axe clean (no violation at all, not only serious ones), nothing wider than the screen, and
a 52-letter name that leaves the Marianne block whole. Screenshots in artifacts/screenshots/."""

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 375}
FOOTER = {
    "Plan du site": "Plan du site",
    "Accessibilité : partiellement conforme": "Déclaration d'accessibilité",
    "Mentions légales": "Mentions légales",
    "Données personnelles": "Données personnelles",
    "Gestion des cookies": "Gestion des cookies",
}


def all_accessibility_violations(browser_page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(browser_page.page)
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]]


def overflow(page) -> int:
    """How many pixels the page is wider than the window (a clipped or scrolling layout)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def clipped(page) -> list[str]:
    """Elements of the page's content and footer whose content is wider than their box and cut or
    scrolled (a table's hidden columns, say). The header is the DSFR's (its icon-only menu button
    hides its text on purpose); the long-name tests check it."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main *, footer *")]
            .filter(el => getComputedStyle(el).overflowX !== "visible" && el.clientWidth > 1
                          && el.scrollWidth > el.clientWidth + 1)
            .map(el => `${el.tagName.toLowerCase()}.${el.className}`)"""
    )


def check(browser_page, label: str) -> None:
    browser_page.page.wait_for_function("() => document.documentElement.hasAttribute('data-fr-js')")
    browser_page.screenshot(label)
    assert overflow(browser_page.page) <= 0
    assert clipped(browser_page.page) == []
    assert all_accessibility_violations(browser_page) == []


def log_in(browser_page, live_server, logged_in, user) -> None:
    session = logged_in(user).cookies[settings.SESSION_COOKIE_NAME].value
    browser_page.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


@pytest.mark.parametrize("device", WIDTHS)
def test_a_visitor_reads_every_footer_page(live_server, browser_page, device):
    page = browser_page.page
    page.set_viewport_size({"width": WIDTHS[device], "height": 900})
    page.goto(live_server.url + "/")
    check(browser_page, f"{device}-home")

    for link, title in FOOTER.items():
        page.locator("footer").get_by_role("link", name=link, exact=True).click()
        assert page.locator("h1").inner_text() == title
        check(browser_page, f"{device}-{page.url.rstrip('/').rsplit('/', 1)[-1]}")

    listed = set(page.locator("[data-testid=cookies-table] code").all_inner_texts())
    page.goto(live_server.url + "/gestion-des-cookies/")
    assert {cookie["name"] for cookie in page.context.cookies()} <= listed
    assert browser_page.console_errors == []


@pytest.mark.parametrize("device", WIDTHS)
def test_the_home_calls_to_action_lead_somewhere_that_works(live_server, browser_page, device):
    page = browser_page.page
    page.set_viewport_size({"width": WIDTHS[device], "height": 900})
    page.goto(live_server.url + "/")
    actions = page.get_by_test_id("home-actions")
    assert actions.get_by_role("button", name="Se connecter avec FranceConnect").is_visible()

    actions.get_by_role("link", name="Simuler mes droits sans me connecter").click()
    assert page.locator("h1").inner_text() == "À quelles aides avez-vous droit ?"

    page.go_back()
    page.get_by_test_id("home-actions").get_by_role("link", name="Se faire aider près de chez moi").click()
    page.get_by_label("Code postal").fill("33000")
    page.get_by_role("button", name="Chercher").click()
    assert (
        page.get_by_test_id("nearby-commune").inner_text()
        == "Les France services les plus proches de Bordeaux"
    )
    assert page.get_by_test_id("france-services-site").count() == settings.RIGHTS_FRANCE_SERVICES_NEAREST
    check(browser_page, f"{device}-help-nearby")
    assert browser_page.console_errors == []


@pytest.mark.parametrize("width", [1280, 1000])
def test_a_52_letter_name_leaves_the_marianne_block_whole(
    live_server, browser_page, logged_in, citizen_of, width
):
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    logo_alone = page.locator(".fr-header__logo").bounding_box()["width"]

    log_in(browser_page, live_server, logged_in, citizen_of("nom_50+_caractères"))
    page.goto(live_server.url + "/plan-du-site/")

    name = page.get_by_test_id("citizen-name")
    assert name.is_visible()
    assert name.get_attribute("title").startswith("Mon compte : Bertrand AZERTYUIOP")
    assert name.locator(".md-truncate").evaluate("el => el.scrollWidth > el.clientWidth")  # cut with "…"
    assert page.locator(".fr-header__logo").bounding_box()["width"] == logo_alone
    assert page.get_by_test_id("sitemap-citizen").is_visible()
    check(browser_page, f"long-name-{width}")


def test_a_52_letter_name_fits_the_phone_menu(live_server, browser_page, logged_in, citizen_of):
    page = browser_page.page
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(browser_page, live_server, logged_in, citizen_of("nom_50+_caractères"))
    page.goto(live_server.url + "/")
    page.wait_for_function("() => document.documentElement.hasAttribute('data-fr-js')")

    page.get_by_role("button", name="Menu").click()
    # The DSFR's script copies the header tools into the menu, suffixing their test ids.
    name = page.locator(".fr-header__menu-links [data-testid=citizen-name-mobile]")
    name.wait_for(state="visible")
    box = name.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 375
    assert name.get_attribute("title").startswith("Mon compte : Bertrand AZERTYUIOP")
    browser_page.screenshot("phone-menu-long-name")
    assert overflow(page) <= 0
    assert all_accessibility_violations(browser_page) == []
