"""Schemathesis against the OpenAPI schema served at /api/schema/: no answer of the notifications
API is a server error, whatever it is sent."""

import subprocess
import sys
from pathlib import Path

import pytest

from alerts.services.tokens import api_token_create

ST = Path(sys.executable).parent / "st"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_5xx(live_server, melissandre, settings, tmp_path):
    settings.ALERTS_API_RATE = "100000/min"
    _, raw = api_token_create(agency="caf", name="schemathesis")
    result = subprocess.run(
        [
            str(ST), "run", f"{live_server.url}/api/schema/",
            "--include-path-regex", "^/api/notifications/",
            "--checks", "not_a_server_error",
            "--max-examples", "60",
            "--header", f"Authorization: Bearer {raw}",
            "--seed", "7",
            "--report-dir", str(tmp_path),
        ],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "Tested: 3" in result.stdout  # list, publish, read: every operation of the notifications API
