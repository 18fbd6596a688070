"""Every demo persona in Chromium after the real flow (FranceConnect sandbox login, every consent,
fetch with their token, rights, screening, alert rules): their rights, their domain pages and the
simulator's results, each screenshotted, axe clean, no console error. What each page shows is the
same truth as the database: every potential right offered on its domain page and on the results,
every "à vérifier" right with its deciding question, and no certain offer the data rules out."""

import pytest

from rights.catalogue import benefit
from rights.models import Right
from tests.rights.views.test_journeys_browser import open_as
from tests.simulator.screening.test_personas_through_franceconnect import (
    EXPECTED,
    _walk_through_franceconnect,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(browser_page, label):
    browser_page.screenshot(label)
    assert browser_page.serious_accessibility_violations() == []


@pytest.mark.parametrize("login", EXPECTED)
def test_each_persona_s_pages_say_what_the_screening_found(
    franceconnect, agencies, live_server, browser_page, logged_in, login
):
    user, _ = _walk_through_franceconnect(franceconnect, login)
    rights = list(Right.objects.filter(user=user))

    page = open_as(browser_page, live_server, logged_in, user)
    _check(browser_page, "mes-droits")
    for domain in sorted({benefit(right.key).domain for right in rights}):
        page.goto(f"{live_server.url}/mes-droits/domaine/{domain}/")
        for right in (right for right in rights if benefit(right.key).domain == domain):
            card = page.get_by_test_id(f"right-{right.key}")
            assert card.is_visible(), right.key
            if right.status == "to_check":
                assert card.get_by_test_id(f"questions-{right.key}").is_visible()
        _check(browser_page, f"domaine-{domain}")

    page.goto(f"{live_server.url}/simulateur/resultats/")
    held = {right.key for right in rights if right.status in ("open", "renewal_due")}
    for right in rights:
        if right.status == "potential":
            assert page.get_by_test_id(f"benefit-{right.key}").is_visible(), right.key
        elif right.status == "to_check":
            assert page.get_by_test_id(f"to-check-{right.key}").is_visible(), right.key
    for key in EXPECTED[login].never_potential - held:
        assert page.get_by_test_id(f"benefit-{key}").count() == 0, key
    _check(browser_page, "resultats")
    assert browser_page.console_errors == []
