"""Pierre is logged in with Firefox on his laptop and with Chrome on another computer; from Chrome he
sees both devices on "Mon compte" and disconnects the laptop, in Chromium: screenshots kept, axe
clean at 1280 and 375 px."""

import pytest

from accounts.models import DeviceSession
from tests.accounts.test_devices import FIREFOX_LINUX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def franceconnect_login(page, live_server, franceconnect) -> None:
    page.goto(live_server.url + "/connexion/")
    page.locator("button.fr-connect").click()
    page.wait_for_url(f"{franceconnect.sandbox_url}/**")
    page.get_by_label("Pierre").check()
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(live_server.url + "/mes-donnees/**")


def test_pierre_disconnects_his_laptop_from_another_browser(
    live_server, browser, browser_page, franceconnect
):
    laptop_context = browser.new_context(locale="fr-FR", user_agent=FIREFOX_LINUX)
    laptop = laptop_context.new_page()
    laptop.set_default_timeout(15_000)
    franceconnect_login(laptop, live_server, franceconnect)
    desk = browser_page.page  # Chromium's own User-Agent: "Chrome sur Linux"
    franceconnect_login(desk, live_server, franceconnect)

    desk.goto(live_server.url + "/mon-compte/")
    devices = desk.get_by_test_id("device")
    assert devices.count() == 2
    assert "Chrome sur Linux" in devices.nth(0).inner_text()
    assert "cet appareil" in devices.nth(0).inner_text().lower()
    assert "Firefox sur Linux" in devices.nth(1).inner_text()
    browser_page.screenshot("two-devices")
    assert browser_page.serious_accessibility_violations() == []
    desk.set_viewport_size({"width": 375, "height": 800})
    browser_page.screenshot("two-devices-375")
    assert browser_page.serious_accessibility_violations() == []

    desk.get_by_role("button", name="Déconnecter les autres appareils").click()

    desk.wait_for_url(live_server.url + "/mon-compte/")
    assert desk.get_by_text(
        "L'autre appareil a été déconnecté. Vous restez connecté sur celui-ci."
    ).is_visible()
    assert desk.get_by_test_id("device").count() == 1
    browser_page.screenshot("one-device")
    assert list(DeviceSession.objects.values_list("device", flat=True)) == ["Chrome sur Linux"]
    laptop.goto(live_server.url + "/mon-compte/")
    laptop.wait_for_url(live_server.url + "/connexion/**")
    assert browser_page.console_errors == []
    laptop_context.close()
