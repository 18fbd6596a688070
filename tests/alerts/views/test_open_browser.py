"""In Chromium: Melissandre opens a notification's procedure from her inbox. The button posts (CSRF),
marks the notification read, and the redirect to the agency's site is let through by the page's CSP."""

import pytest
from django.conf import settings

from alerts.models import Notification
from tests.alerts.views.test_inbox import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROCEDURE = "https://wwwd.caf.fr/mesdemarches"


def test_melissandre_opens_the_procedure_and_the_notification_is_read(
    live_server, browser_page, logged_in, melissandre
):
    notification = notify(melissandre)
    page = browser_page.page
    # The network is closed: the CAF's site is played by Playwright, and we see what reached it.
    reached = []

    def caf_site(route):
        reached.append((route.request.method, route.request.url))
        route.fulfill(status=200, content_type="text/html", body="<title>Mon compte CAF</title><p>CAF</p>")

    page.route("https://wwwd.caf.fr/**", caf_site)
    session = logged_in(melissandre).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )

    page.goto(live_server.url + "/alertes/")
    card = page.get_by_test_id("notification")
    assert "Nouveau" in card.text_content()
    browser_page.screenshot("inbox")
    assert browser_page.serious_accessibility_violations() == []
    notification.refresh_from_db()
    assert notification.read_at is None

    card.get_by_role("button", name="Faire la démarche").click()
    page.wait_for_url(PROCEDURE)

    assert reached == [("GET", PROCEDURE)]
    assert page.title() == "Mon compte CAF"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert Notification.objects.filter(user=melissandre, read_at__isnull=True).count() == 0
    assert browser_page.console_errors == []

    page.goto(live_server.url + "/alertes/")
    assert "Nouveau" not in page.get_by_test_id("notification").text_content()
    browser_page.screenshot("inbox-after-opening")
