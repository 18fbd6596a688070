"""`manage.py load_demo_data`: the demo's published credentials are created only for the demo (DEBUG)."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from accounts.models import User
from agencies.models import AgentMembership
from alerts.models import AgencyApiToken
from rights.models import Overpayment

pytestmark = pytest.mark.django_db


def _demo_rows() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "agents": User.objects.filter(kind=User.Kind.AGENT).count(),
        "memberships": AgentMembership.objects.count(),
        "totp": Authenticator.objects.count(),
        "api_tokens": AgencyApiToken.objects.count(),
        "overpayments": Overpayment.objects.count(),
    }


def test_it_refuses_outside_the_demo_and_creates_nothing(settings, caplog, capsys):
    settings.DEBUG = False
    caplog.set_level(logging.WARNING, logger="portal")
    before = _demo_rows()

    with pytest.raises(CommandError) as refusal:
        call_command("load_demo_data")

    assert "DEBUG=true" in str(refusal.value)
    assert "Rien n'a été créé" in str(refusal.value)
    assert _demo_rows() == before == dict.fromkeys(before, 0)
    assert "MesDroits-demo" not in capsys.readouterr().out  # no password printed
    assert any("load_demo_data refused" in record.getMessage() for record in caplog.records)


def test_it_exits_non_zero_from_the_command_line():
    # As an operator would run it on a production machine: its own process, DEBUG off.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings_test", "DEBUG": "false"}
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo_data"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 1
    assert "ne se chargent que pour la démonstration" in result.stderr
    assert "MesDroits-demo" not in result.stdout + result.stderr
    assert User.objects.count() == 0


def test_it_still_loads_the_demo_with_debug_on(settings, capsys):
    settings.DEBUG = True

    call_command("load_demo_data")

    rows = _demo_rows()
    assert rows["agents"] == rows["memberships"] == rows["totp"] == 6
    assert rows["api_tokens"] == 1
    assert rows["overpayments"] == 1
    assert "Données de démonstration chargées." in capsys.readouterr().out


def test_the_printed_api_urls_point_at_the_port_the_demo_serves_on(settings, capsys):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8123"

    call_command("load_demo_data")

    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123/api/notifications/publications/" in out
    assert "http://127.0.0.1:8123/api/docs/" in out
    assert ":8000" not in out
