"""API tokens (hash only, command prints the secret once), the demo token, the rules file check."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from alerts.demo import DEMO_CAF_TOKEN, alerts_demo_ensure
from alerts.models import AgencyApiToken
from alerts.rules import load_rules
from alerts.services.tokens import token_hash


@pytest.mark.django_db
def test_the_command_prints_a_token_stored_only_as_a_hash(capsys):
    call_command("alerts_create_api_token", "cpam", "--name", "SI CPAM")
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    token = AgencyApiToken.objects.get()
    assert raw.startswith("mdn_cpam_")
    assert (token.agency, token.name, token.token_hash) == ("cpam", "SI CPAM", token_hash(raw))
    assert raw not in str(AgencyApiToken.objects.values())


@pytest.mark.django_db
def test_the_demo_token_is_idempotent():
    assert DEMO_CAF_TOKEN in alerts_demo_ensure()
    alerts_demo_ensure()
    assert AgencyApiToken.objects.get().agency == "caf"


def test_a_malformed_rule_stops_start_up(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("- {kind: x, type: date_stages, category: nope, benefits: [], date_field: end_date}\n")
    with pytest.raises(ImproperlyConfigured, match="invalid alert rule"):
        load_rules(path)
