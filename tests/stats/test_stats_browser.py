"""In Chromium, at a desktop's and a phone's width: a visitor follows the footer's "Statistiques" and
reads the public statistics, axe clean (no violation at all), nothing wider than the screen.
Screenshots in artifacts/screenshots/."""

import pytest

from stats.models import DailyCount
from stats.services import snapshot_compute
from tests.stats.conftest import count_times

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 375}


def all_accessibility_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]


def overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("device", WIDTHS)
def test_a_visitor_reads_the_public_statistics(live_server, browser_page, known_rows, device):
    count_times(DailyCount.Event.SIMULATION_ANONYMOUS, 40)  # 43 this week, with the known rows' 3
    count_times(DailyCount.Event.PROCEDURE_CLICK, 15, key="caf:ppa")
    snapshot_compute()
    page = browser_page.page
    page.set_viewport_size({"width": WIDTHS[device], "height": 900})
    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Statistiques", exact=True).click()
    page.wait_for_url(live_server.url + "/stats/")
    page.wait_for_function("() => document.documentElement.hasAttribute('data-fr-js')")
    assert page.get_by_role("heading", level=1).inner_text() == "Statistiques d'utilisation"
    assert page.get_by_test_id("computed-at").inner_text().startswith("Chiffres calculés le ")
    chart = page.get_by_role("img", name="Simulations faites, par semaine")
    assert chart.is_visible()
    this_week = page.get_by_test_id("table-simulations").locator("tbody tr").nth(11)
    assert this_week.locator("td").all_inner_texts() == ["43", "11"]
    assert page.get_by_test_id("table-people").get_by_text("moins de 10").count() >= 1
    clicks = page.get_by_test_id("table-clicks-by-organism").locator("tbody tr")
    assert clicks.nth(0).inner_text().split("\t") == ["CAF", "17"]
    assert clicks.nth(1).inner_text().split("\t") == ["MSA", "moins de 10"]
    browser_page.screenshot(f"stats-{device}")
    assert overflow(page) <= 0
    assert all_accessibility_violations(page) == []
    assert browser_page.console_errors == []


def test_before_the_first_computation_the_page_says_so(live_server, browser_page):
    page = browser_page.page
    page.goto(live_server.url + "/stats/")
    assert page.get_by_test_id("no-snapshot").is_visible()
    browser_page.screenshot("stats-no-snapshot")
    assert all_accessibility_violations(page) == []
