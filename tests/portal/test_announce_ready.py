"""`make run` says when Mes Droits is ready: scripts/announce_ready.py waits for /healthz to say "ok"."""

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def healthz_server():
    """A stand-in web answering /healthz with the statuses given, then "ok" for ever."""
    statuses: list[str] = []
    polls: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            polls.append(self.path)
            status = statuses.pop(0) if statuses else "ok"
            body = json.dumps({"status": status}).encode()
            self.send_response(200 if status == "ok" else 503)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], statuses, polls
    server.shutdown()
    server.server_close()


def announce(port: int, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/announce_ready.py", "--port", str(port), "--interval", "0.05", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_says_ready_with_the_sites_address_once_healthz_is_ok(healthz_server):
    port, statuses, polls = healthz_server
    statuses.extend(["starting", "starting", "error"])

    result = announce(port)

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Mes Droits est prêt : http://127.0.0.1:{port}/\n"
    assert polls == ["/healthz"] * 4


def test_it_says_once_when_readiness_takes_unusually_long(healthz_server):
    port, statuses, _ = healthz_server
    statuses.extend(["starting"] * 10)

    result = announce(port, "--patience", "0")

    lines = result.stdout.splitlines()
    assert lines[0].startswith("Mes Droits n'est pas encore prêt après 0 s (état : starting)")
    assert lines[1:] == [f"Mes Droits est prêt : http://127.0.0.1:{port}/"]
