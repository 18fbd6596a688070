import pytest
import requests

from sandbox.process import SandboxStartError, running_sandbox


def test_running_sandbox_stops_the_server_on_exit(tmp_path):
    with running_sandbox(
        "sandbox.franceconnect.app:create_app()", env={"SANDBOX_STATE_DIR": str(tmp_path)}
    ) as url:
        assert requests.get(f"{url}/_sandbox/health", timeout=5).json()["status"] == "ok"

    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/_sandbox/health", timeout=5)


def test_running_sandbox_reports_the_server_error_when_it_cannot_start(tmp_path):
    env = {"SANDBOX_STATE_DIR": str(tmp_path), "SANDBOX_FC_ALG": "HS256"}

    with (
        pytest.raises(SandboxStartError, match="SANDBOX_FC_ALG"),
        running_sandbox("sandbox.franceconnect.app:create_app()", env=env),
    ):
        pass
