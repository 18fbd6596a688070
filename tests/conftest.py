"""Fixtures shared by the whole suite: a real Celery worker on Redis, Chromium driven by Playwright,
and named personas (added by the apps' own conftest files as they come)."""

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker

from portal.celery_app import app as celery_app

ARTIFACTS_DIR = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: without them Chromium keeps calling Google's services and logs errors.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker) -> Iterator[object]:
    """One real Celery worker for the session, consuming this run's own queue on Redis.

    It runs in a thread of the test process (celery.contrib.testing), so tests that let it touch the
    database must use `transactional_db`: it has its own connection and sees only committed rows.
    """
    celery_app.loader.import_module("celery.contrib.testing.tasks")
    with (
        django_db_blocker.unblock(),
        start_worker(
            celery_app,
            pool="solo",
            perform_ping_check=True,
            ping_task_timeout=20,
            shutdown_timeout=10,
            queues=[celery_app.conf.task_default_queue],
        ) as worker,
    ):
        yield worker


def _worker_is_idle(worker) -> bool:
    from celery.worker import state

    with worker.app.connection_for_write() as connection, connection.channel() as channel:
        waiting = channel.client.llen(worker.app.conf.task_default_queue)
    return not waiting and not state.active_requests and not state.reserved_requests


@pytest.fixture(autouse=True)
def _worker_idle_before_flush(request) -> Iterator[None]:
    """A test that let the worker in waits, at its end, until the worker has nothing left to do.

    Tasks queued on commit can still run after the test's own assertions (a screening queued by a
    fetch, an alert by a screening). Flushing the database under them deadlocks the TRUNCATE, and
    the rows they write leak into the next test. Requesting the database fixture here makes this
    teardown run before the flush.
    """
    if "celery_worker" not in request.fixturenames:
        yield
        return
    if "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    worker = request.getfixturevalue("celery_worker")
    yield
    deadline = time.monotonic() + 120
    idle_checks = 0
    while idle_checks < 3:
        if time.monotonic() > deadline:
            pytest.fail("the Celery worker was still busy 120 s after the test ended")
        idle_checks = idle_checks + 1 if _worker_is_idle(worker) else 0
        time.sleep(0.1)


# --- Browser --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class BrowserPage:
    """A Playwright page that records console errors and saves screenshots under artifacts/."""

    def __init__(self, page, test_name: str):
        self.page = page
        self.test_name = re.sub(r"[^\w.-]+", "_", test_name)
        self.console_errors: list[str] = []
        self._shots = 0
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} at {message.location.get('url', '?')}")

    def screenshot(self, label: str) -> Path:
        self._shots += 1
        directory = ARTIFACTS_DIR / "screenshots"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.test_name}-{self._shots:02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def serious_accessibility_violations(self) -> list[str]:
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page)
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            for violation in results.response["violations"]
            if violation.get("impact") in {"serious", "critical"}
        ]


@pytest.fixture
def browser_page(browser, request) -> Iterator[BrowserPage]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield BrowserPage(page, request.node.name)
    context.close()


# --- Sandboxes ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fc_sandbox(tmp_path_factory) -> Iterator[str]:
    """The local FranceConnect provider, in its own process for the whole session; its base URL."""
    from sandbox.process import running_sandbox

    env = {"SANDBOX_STATE_DIR": str(tmp_path_factory.mktemp("fc-sandbox"))}
    with running_sandbox("sandbox.franceconnect.app:create_app()", env=env) as base_url:
        yield base_url


@pytest.fixture(autouse=True, scope="session")
def _empty_database_at_start(django_db_setup, django_db_blocker) -> None:
    """The test database is kept between runs (--reuse-db): start every run without the rows an
    interrupted earlier run may have left committed, which would otherwise collide with this run's."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True, scope="session")
def _empty_cache_at_start(django_db_blocker):
    """Redis database 14 is the suite's cache; start every run without a previous run's keys."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def franceconnect(settings, fc_sandbox):
    """Point the portal at the sandbox provider and return a driver for its code flow."""
    from django.core.cache import cache

    from tests.accounts.franceconnect.flow import FranceConnectFlow

    cache.clear()  # the JWKS and discovery document are cached across requests, by design
    settings.FRANCECONNECT_ISSUER = f"{fc_sandbox}/api/v2"
    settings.FRANCECONNECT_DISCOVERY_URL = f"{fc_sandbox}/api/v2/.well-known/openid-configuration"
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**directives, "form-action": [*directives["form-action"], fc_sandbox]}
    }
    flow = FranceConnectFlow(sandbox_url=fc_sandbox)
    flow.reset()
    return flow


@pytest.fixture(scope="session")
def agencies_sandbox(fc_sandbox) -> Iterator[str]:
    """The local agency APIs, resolving FranceConnect tokens through the FC sandbox's checktoken."""
    from sandbox.process import running_sandbox

    env = {"SANDBOX_AGENCIES_FC_CHECKTOKEN_URL": f"{fc_sandbox}/api/v2/checktoken"}
    with running_sandbox("sandbox.agencies.app:create_app()", env=env) as base_url:
        yield base_url


@pytest.fixture
def agencies(settings, agencies_sandbox):
    """Point the connectors at the agency sandbox, with no fault armed and no breaker open."""
    from django.core.cache import cache

    from tests.agencies.sandbox_driver import AgencySandbox

    cache.clear()  # circuit breakers and back-offs live in the cache
    settings.AGENCIES_API_PARTICULIER_URL = agencies_sandbox
    settings.AGENCIES_IMPOT_PARTICULIER_URL = f"{agencies_sandbox}/impotparticulier/1.0"
    settings.AGENCIES_IMPOT_PARTICULIER_TOKEN_URL = f"{agencies_sandbox}/token"
    settings.AGENCIES_HTTP_BACKOFF_SECONDS = 0.01
    driver = AgencySandbox(base_url=agencies_sandbox)
    driver.reset()
    yield driver
    driver.reset()


# --- Personas -------------------------------------------------------------------------------------


@pytest.fixture
def citizen_of():
    """`citizen_of("nom_composé", consents=("caf",))`: a demo citizen as a FranceConnect login would
    have created them, with the given consents."""
    from accounts.services import citizen_login_from_franceconnect
    from agencies.services.consent import consent_grant
    from tests.personas import identity_claims

    def make(login: str, *, consents: tuple[str, ...] = (), france_travail_id: str = ""):
        user = citizen_login_from_franceconnect(claims=identity_claims(login))
        for source in consents:
            identifier = france_travail_id if source == "france_travail" else ""
            consent_grant(user=user, source=source, identifier=identifier)
        return user

    return make


@pytest.fixture
def logged_in():
    """`logged_in(user)`: a test client with that user's session (FranceConnect itself is tested
    in tests/accounts)."""
    from django.test import Client

    def make(user):
        client = Client()
        client.force_login(user, backend="accounts.franceconnect.backend.FranceConnectBackend")
        return client

    return make


@pytest.fixture
def agent():
    from accounts.models import User

    return User.objects.create_user(username="claire", email="claire@caf.example", kind=User.Kind.AGENT)
