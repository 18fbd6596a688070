"""/api/schema/ and /api/docs/: a valid Content-Disposition, ReDoc served by the project under the CSP."""

import re
import time

import pytest
from django.utils.http import parse_header_parameters
from rest_framework.test import APIClient

ASCII_PRINTABLE = re.compile(r"[\x20-\x7e]*")


@pytest.mark.parametrize(("query", "suffix"), [({}, "yaml"), ({"format": "json"}, "json")])
def test_the_schema_is_sent_with_a_pure_ascii_rfc_6266_content_disposition(query, suffix):
    response = APIClient().get("/api/schema/", query)

    assert response.status_code == 200
    header = response.headers["Content-Disposition"]
    assert ASCII_PRINTABLE.fullmatch(header), header
    assert "=?" not in header  # no RFC 2047 encoded word, which RFC 6266 does not allow here
    disposition, params = parse_header_parameters(header)
    assert disposition == "inline"
    assert params == {"filename": f"mes-droits-api.{suffix}"}


def test_the_docs_page_loads_redoc_from_the_project_with_a_nonce_for_its_styles():
    response = APIClient().get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<script src="/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js">' in html
    assert "cdn" not in html.lower()
    assert "fonts.googleapis.com" not in html
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["Content-Security-Policy"].split(";")
    )
    nonce = re.search(r'data-nonce="([^"]+)"', html)[1]
    assert f"'nonce-{nonce}'" in policy["style-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "blob:" in policy["worker-src"]


def test_other_pages_keep_the_strict_style_policy():
    response = APIClient().get("/")

    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "worker-src" not in policy
    assert re.search(r"style-src 'self'(;|$)", policy)


@pytest.mark.browser
@pytest.mark.django_db
def test_the_docs_page_shows_every_operation_in_chromium_without_csp_errors(live_server, browser_page):
    page = browser_page.page
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    summaries = [
        operation.get("summary") or operation["operationId"]
        for item in schema["paths"].values()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    violations: list[str] = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector("#redoc-container .api-content h1", timeout=30_000)
    deadline = time.monotonic() + 15
    while page.locator("#redoc-container style, head style[data-styled]").count() == 0:
        assert time.monotonic() < deadline, "ReDoc did not style the page"
        time.sleep(0.2)

    assert schema["info"]["title"] in page.locator(".api-content h1").first.inner_text()
    assert summaries
    menu = page.locator("[role=menuitem], .menu-content label").all_inner_texts()
    menu_text = "\n".join(menu)
    for summary in summaries:
        assert summary in menu_text, summary
    browser_page.screenshot("api-docs")
    assert violations == []
    assert browser_page.console_errors == []
    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in "\n".join(requested)
    assert [url for url in requested if not url.startswith((live_server.url, "blob:", "data:"))] == []
