"""`make audit` (scripts/audit-dependencies.sh): red on vulnerabilities, an explicit skip, never a
silent pass, when no vulnerability service answers; red then too when the audit is required."""

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit-dependencies.sh"
VULNERABLE = """Found 1 known vulnerability in 1 package
Name   Version ID                  Fix Versions
------ ------- ------------------- ------------
django 5.2.0   GHSA-xxxx-xxxx-xxxx 5.2.1"""
UNREACHABLE = """requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.osv.dev', port=443): Max retries
exceeded with url: /v1/query (Caused by NameResolutionError("Failed to resolve 'api.osv.dev'"))"""


def audit(tmp_path, *, prints: str, exit_code: int, required: bool = False) -> subprocess.CompletedProcess:
    """Run the script with a stand-in pip-audit that prints `prints` and exits with `exit_code`."""
    (tmp_path / "out.txt").write_text(prints, encoding="utf-8")
    stub = tmp_path / "pip-audit"
    stub.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/args.txt\ncat {tmp_path}/out.txt\nexit {exit_code}\n')
    stub.chmod(0o755)
    env = {**os.environ, "BIN": str(tmp_path), "PIP_AUDIT_REQUIRED": "true" if required else "false"}
    return subprocess.run([str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False)


def test_the_lock_is_audited_strictly_without_resolving_again(tmp_path):
    result = audit(tmp_path, prints="No known vulnerabilities found", exit_code=0)

    assert result.returncode == 0
    assert "no known vulnerability" in result.stdout
    args = (tmp_path / "args.txt").read_text()
    assert "--requirement requirements.lock --no-deps --disable-pip --strict" in args
    assert "--vulnerability-service osv" in args


@pytest.mark.parametrize("required", [False, True])
def test_a_known_vulnerability_always_fails(tmp_path, required):
    result = audit(tmp_path, prints=VULNERABLE, exit_code=1, required=required)

    assert result.returncode == 1
    assert "GHSA-xxxx-xxxx-xxxx" in result.stdout


def test_an_unreachable_service_is_an_explicit_skip_not_a_pass(tmp_path):
    result = audit(tmp_path, prints=UNREACHABLE, exit_code=1)

    assert result.returncode == 0
    assert "AUDIT SKIPPED" in result.stdout
    assert "NOT checked" in result.stdout


def test_an_unreachable_service_fails_when_the_audit_is_required(tmp_path):
    result = audit(tmp_path, prints=UNREACHABLE, exit_code=1, required=True)

    assert result.returncode == 1
    assert "AUDIT SKIPPED" in result.stdout


def test_dependencies_left_unaudited_are_not_a_pass(tmp_path):
    result = audit(
        tmp_path,
        prints="django  Dependency not found on PyPI and could not be audited: django (5.2.19)",
        exit_code=1,
    )

    assert result.returncode == 0
    assert "AUDIT SKIPPED" in result.stdout


def test_an_unexpected_error_fails(tmp_path):
    result = audit(tmp_path, prints="pip-audit: error: invalid requirements file", exit_code=2)

    assert result.returncode == 1
    assert "invalid requirements file" in result.stdout
