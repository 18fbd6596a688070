"""Run a sandbox WSGI app under gunicorn in a subprocess, for tests and local runs."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import requests

STARTUP_TIMEOUT_SECONDS = 20.0
STOP_TIMEOUT_SECONDS = 10.0
READINESS_PATH = "/_sandbox/health"


class SandboxStartError(RuntimeError):
    """The sandbox process died or never answered its readiness probe."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn_executable() -> str:
    # The venv's gunicorn sits next to the running interpreter.
    candidate = Path(sys.executable).parent / "gunicorn"
    return str(candidate) if candidate.exists() else "gunicorn"


def _project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def _wait_until_ready(process: subprocess.Popen, base_url: str, stderr_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SandboxStartError(
                f"sandbox exited with code {process.returncode} before answering:\n"
                f"{stderr_path.read_text(errors='replace')}"
            )
        try:
            requests.get(base_url + READINESS_PATH, timeout=1)
        except requests.RequestException:
            time.sleep(0.05)
            continue
        return
    raise SandboxStartError(
        f"sandbox did not answer {base_url}{READINESS_PATH} within {STARTUP_TIMEOUT_SECONDS:.0f}s:\n"
        f"{stderr_path.read_text(errors='replace')}"
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_SECONDS)


@contextlib.contextmanager
def running_sandbox(target: str, *, port: int = 0, env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the WSGI ``target`` (e.g. ``"sandbox.franceconnect.app:create_app()"``) on loopback.

    Yields the base URL (``http://127.0.0.1:<port>``) once the server answers, and stops the
    server on exit. ``env`` is added to the current environment of the subprocess. The server's
    stderr goes to a temporary file, shown in the error when it fails to start.
    """
    port = port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        _gunicorn_executable(),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        "16",
        "--graceful-timeout",
        "2",
        target,
    ]
    process_env = {**os.environ, **(env or {})}
    with tempfile.TemporaryDirectory(prefix="sandbox-") as tmp:
        stderr_path = Path(tmp) / "stderr.log"
        with stderr_path.open("wb") as stderr:
            process = subprocess.Popen(
                command,
                cwd=_project_root(),
                env=process_env,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
            try:
                _wait_until_ready(process, base_url, stderr_path)
                yield base_url
            finally:
                _stop(process)
