"""Joëlle downloads everything Mes Droits holds about her, then deletes her account, in Chromium:
screenshots kept, axe clean, no console error."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from accounts.models import User
from agencies.models import JournalEntry

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


def test_joelle_downloads_all_her_data_as_json_and_pdf(live_server, browser_page, logged_in, joelle):
    page = open_as(browser_page, live_server, logged_in, joelle)
    page.get_by_test_id("citizen-name").click()
    assert page.get_by_role("heading", name="Mon compte", level=1).is_visible()
    check(browser_page, "account")

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en JSON (format réutilisable)").click()
    assert download.value.suggested_filename == "mes-donnees-mes-droits.json"
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["sections"]["identite"]["rows"][0]["family_name"] == "DUBINÔRE"

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en PDF").click()
    assert download.value.suggested_filename == "mes-donnees-mes-droits.pdf"
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
    assert (
        JournalEntry.objects.filter(person_id=joelle.pk, endpoint__startswith="export de mes données").count()
        == 4
    )
    assert browser_page.console_errors == []


def test_joelle_deletes_her_account_after_reading_what_is_kept(live_server, browser_page, logged_in, joelle):
    page = open_as(browser_page, live_server, logged_in, joelle, path="/mon-compte/")
    page.get_by_role("link", name="Supprimer mon compte").click()
    assert page.get_by_role("heading", name="Ce qui est conservé, et pourquoi").is_visible()
    check(browser_page, "confirmation")

    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    assert page.get_by_text("Cochez la case pour confirmer la suppression de votre compte.").is_visible()
    assert User.objects.filter(pk=joelle.pk).exists()
    check(browser_page, "not-confirmed")

    page.get_by_text("Je comprends que la suppression de mon compte est définitive").click()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    assert page.get_by_role("heading", name="Votre compte a été supprimé").is_visible()
    assert page.get_by_role("link", name="Se connecter").is_visible()
    check(browser_page, "deleted")
    assert not User.objects.filter(pk=joelle.pk).exists()
    assert not JournalEntry.objects.filter(person_id=joelle.pk).exists()
    page.goto(live_server.url + "/mon-compte/")
    assert page.get_by_role("link", name="Se connecter").is_visible()
    # The refused confirmation answers 400 on purpose; Chromium logs any 4xx as a console error.
    assert [error for error in browser_page.console_errors if "status of 400" not in error] == []
