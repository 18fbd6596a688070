"""Identity and secrets never reach a log line or a stored error (issue 12, point 5)."""

import json
import logging

import pytest
import requests
from django.conf import settings as django_settings

from agencies.connectors.api_particulier import parse_data
from agencies.connectors.errors import MalformedAnswer, TransientError
from agencies.connectors.redaction import REDACTED, RedactingFilter, redact
from agencies.connectors.schemas import BenefitStatus
from agencies.models import AgencyData, FetchRun, JournalEntry
from agencies.services.fetch import fetch_run_execute, fetch_run_start
from tests.personas import identity_claims

pytestmark = pytest.mark.django_db

RSA = "/v3/dss/revenu_solidarite_active"


def persona_secrets(login: str) -> list[str]:
    """What must never be written down about this persona outside their own data."""
    claims = identity_claims(login)
    return [
        claims["family_name"],
        *claims["given_name"].split(),
        f"anneeDateNaissance={claims['birthdate'][:4]}",
        claims["birthdate"],
        f"={claims['birthplace']}",
    ]


def everything_logged(records: list[logging.LogRecord]) -> str:
    return "\n".join(
        f"{record.getMessage()}\n{record.exc_text or ''}\n{record.stack_info or ''}" for record in records
    )


def test_a_failed_identity_call_leaves_no_identity_in_logs_or_stored_errors(
    agencies, citizen_of, settings, caplog
):
    user = citizen_of("nom_composé", consents=("caf",))
    # A slow agency, retried once, then given up: urllib3 logs the retry and requests' error quotes
    # the whole identity-mode URL.
    settings.AGENCIES_HTTP_TIMEOUT = 0.3
    settings.AGENCIES_HTTP_RETRIES = 1
    agencies.fault(RSA, "slow", delay_ms=1500)

    with caplog.at_level(logging.DEBUG):
        run = fetch_run_execute(run_id=fetch_run_start(user=user).pk)

    assert run.progress["caf"]["state"] == "error"
    assert agencies.calls(RSA) == 2
    logged = everything_logged(caplog.records)
    failure = [r.getMessage() for r in caplog.records if "agency fetch failed" in r.getMessage()]
    assert len(failure) == 1
    assert "caf/revenu_solidarite_active: TransientError" in failure[0]
    assert f"{RSA}/identite?recipient=" in failure[0]  # still says which call failed
    assert f"nomNaissance={REDACTED}" in failure[0]
    assert any("Retrying" in r.getMessage() and r.name.startswith("urllib3") for r in caplog.records)
    for secret in persona_secrets("nom_composé"):
        assert secret not in logged
    stored = json.dumps(
        [
            list(AgencyData.objects.filter(user=user).values_list("last_error", flat=True)),
            list(FetchRun.objects.filter(user=user).values_list("progress", flat=True)),
            list(JournalEntry.objects.filter(person_id=user.pk).values_list("endpoint", "purpose")),
        ],
        ensure_ascii=False,
    )
    for secret in persona_secrets("nom_composé"):
        assert secret not in stored
    assert not AgencyData.objects.filter(user=user, dataset="revenu_solidarite_active").exists()


def test_the_error_of_a_failed_call_is_redacted_when_raised(agencies, settings):
    from agencies.connectors.api_particulier import ApiParticulierClient
    from tests.personas import identity_of

    settings.AGENCIES_HTTP_TIMEOUT = 0.3
    settings.AGENCIES_HTTP_RETRIES = 1
    agencies.fault(RSA, "slow", delay_ms=1500)

    with pytest.raises(TransientError) as caught:
        ApiParticulierClient().fetch("revenu_solidarite_active", identity=identity_of("nom_composé"))

    assert "Max retries exceeded" in str(caught.value)
    assert f"prenoms%5B%5D={REDACTED}" in str(caught.value)
    for secret in persona_secrets("nom_composé"):
        assert secret not in str(caught.value)


def test_a_malformed_answer_names_the_fields_but_not_their_values():
    response = requests.Response()
    response.status_code = 200
    response._content = json.dumps(
        {"data": {"est_beneficiaire": "TROIS-DUPRE Melissandre", "date_debut_droit": "27/07/1981"}}
    ).encode()

    with pytest.raises(MalformedAnswer) as caught:
        parse_data(response, BenefitStatus, what="API Particulier revenu_solidarite_active")

    assert "est_beneficiaire" in str(caught.value)
    assert "TROIS-DUPRE" not in str(caught.value)
    assert "1981" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        (
            "GET /oidc/callback/?code=Zx81-abc&state=st4t3 HTTP/1.1",
            ["/oidc/callback/?code=[redacted]&state=[redacted]"],
            ["Zx81-abc", "st4t3"],
        ),
        (
            "grant_type=client_credentials&client_id=mesdroits-dgfip&client_secret=s3cr3t&scope=RessourceIRDerniere2",
            ["grant_type=client_credentials", "scope=RessourceIRDerniere2"],
            ["s3cr3t"],
        ),
        (
            "{'Authorization': 'Bearer eyJhbGciOi.abc.def', 'X-FranceConnect-OAuth': 'fc-token-123'}",
            ["Authorization"],
            ["eyJhbGciOi", "fc-token-123"],
        ),
        (
            '{"access_token": "at-1", "id_token": "eyJ.x.y", "token_type": "Bearer", "expires_in": 60}',
            ['"expires_in": 60'],
            ["at-1", "eyJ.x.y"],
        ),
        (
            '{"errors": [{"code": "01001", "detail": "Aucun dossier", "meta": {"nomNaissance": "DUPONT", '
            '"prenoms": ["Jean", "Paul"], "dateNaissance": "1970-01-01"}}]}',
            ['"code": "01001"', "Aucun dossier"],
            ["DUPONT", "1970-01-01"],
        ),
        (
            "/v4/men/scolarites/identite?recipient=13002526500013&nomNaissance=MARTIN&prenoms%5B%5D=L%C3%A9a"
            "&sexeEtatCivil=F&codesBcnDepartements%5B%5D=013&anneeScolaire=2025-2026",
            ["recipient=13002526500013", "anneeScolaire=2025-2026", "sexeEtatCivil=[redacted]"],
            ["MARTIN", "L%C3%A9a", "=013"],
        ),
        (
            "given_name=Pierre&family_name=MERCIER&birthdate=1990-01-02&birthplace=75107&sub=abc123&email=a@b.fr",
            ["given_name=[redacted]"],
            ["Pierre", "MERCIER", "1990-01-02", "75107", "abc123", "a@b.fr"],
        ),
    ],
)
def test_redact_hides_identity_and_secret_values_and_keeps_the_rest(text, kept, gone):
    redacted = redact(text)

    for fragment in kept:
        assert fragment in redacted
    for fragment in gone:
        assert fragment not in redacted
    assert redact(redacted) == redacted


def test_every_configured_log_handler_redacts():
    for name, handler in django_settings.LOGGING["handlers"].items():
        assert "redact" in handler.get("filters", []), name
    root_handlers = [h for h in logging.getLogger().handlers if not type(h).__module__.startswith("_pytest")]
    assert root_handlers
    assert all(any(isinstance(f, RedactingFilter) for f in h.filters) for h in root_handlers)


def test_a_logged_traceback_is_redacted_too():
    record = logging.LogRecord("agencies", logging.ERROR, __file__, 1, "call to %s failed", ("RSA",), None)
    try:
        raise requests.ConnectionError("Max retries exceeded with url: /x/identite?nomNaissance=DUPONT")
    except requests.ConnectionError:
        import sys

        record.exc_info = sys.exc_info()

    assert RedactingFilter().filter(record) is True

    assert "DUPONT" not in logging.Formatter().format(record)
    assert record.getMessage() == "call to RSA failed"
