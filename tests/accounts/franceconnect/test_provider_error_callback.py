"""FranceConnect's error callback: the person's own cancel is told apart from the service's
misconfiguration (e.g. `invalid_scope` when FRANCECONNECT_SCOPES asks for data the partner space
does not authorise), which is logged at ERROR as a configuration problem."""

import logging
from pathlib import Path

import pytest

from tests.accounts.franceconnect.flow import query_of

pytestmark = pytest.mark.django_db

CANCELLED = "Vous avez annulé la connexion"


def _errors_of(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "accounts.franceconnect" and r.levelno >= logging.ERROR]


def test_invalid_scope_from_the_provider_says_the_service_is_misconfigured(franceconnect, settings, caplog):
    # The sandbox, like FranceConnect, refuses an authorization request for scopes it does not allow.
    settings.OIDC_RP_SCOPES = "given_name family_name"
    client = franceconnect.client()
    callback = franceconnect.http.get(franceconnect.start(client), allow_redirects=False, timeout=10)
    assert callback.status_code == 302
    query = query_of(callback.headers["Location"])
    assert query["error"] == "invalid_scope"

    response = client.get("/oidc/callback/", query)

    html = response.content.decode()
    assert response.status_code == 503
    assert "ne peut pas utiliser FranceConnect pour le moment" in html
    assert "n'est pas autorisé pour les données demandées" in html
    assert "<code>invalid_scope</code>" in html
    assert CANCELLED not in html
    assert "_auth_user_id" not in client.session
    assert query["state"] not in client.session["oidc_states"]
    errors = _errors_of(caplog)
    assert len(errors) == 1
    assert "configuration problem" in errors[0].getMessage()
    assert "invalid_scope" in errors[0].getMessage()


@pytest.mark.parametrize(
    "error", ["invalid_scope", "invalid_client", "unauthorized_client", "invalid_request"]
)
def test_configuration_errors_are_not_presented_as_a_cancel(franceconnect, caplog, error):
    client = franceconnect.client()
    state = query_of(franceconnect.start(client))["state"]

    response = client.get("/oidc/callback/", {"error": error, "error_description": "refused", "state": state})

    assert response.status_code == 503
    assert CANCELLED not in response.content.decode()
    assert "n'est pas autorisé pour les données demandées" in response.content.decode()
    assert [f"{error} — refused" in r.getMessage() for r in _errors_of(caplog)] == [True]


def test_a_cancel_by_the_person_keeps_its_message_and_is_no_error(franceconnect, caplog):
    client = franceconnect.client()
    state = query_of(franceconnect.start(client))["state"]

    response = client.get(
        "/oidc/callback/",
        {"error": "access_denied", "error_description": "User auth aborted", "state": state},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert CANCELLED in html
    assert "n'est pas autorisé" not in html
    assert "_auth_user_id" not in client.session
    assert _errors_of(caplog) == []
    assert any("access_denied" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


def test_a_provider_outage_says_franceconnect_is_unavailable(franceconnect, caplog):
    client = franceconnect.client()
    state = query_of(franceconnect.start(client))["state"]

    response = client.get("/oidc/callback/", {"error": "temporarily_unavailable", "state": state})

    assert response.status_code == 503
    assert "FranceConnect est momentanément indisponible" in response.content.decode()
    assert CANCELLED not in response.content.decode()


def test_the_readme_go_live_steps_name_every_scope_asked_by_default(settings):
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    steps = readme[readme.index("**Pointing the portal at the real FranceConnect") :]
    steps = steps[: steps.index("\n\n", steps.index("invalid_scope"))]

    assert "invalid_scope" in steps
    words = set(steps.replace("`", " ").split())
    missing = [scope for scope in settings.OIDC_RP_SCOPES.split() if scope not in words]
    assert missing == []
