"""`manage.py rights_check_links` against a local HTTP server, and offline."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path.startswith("/no-head"):
            self.send_response(405)
        else:
            self.send_response(404 if self.path.startswith("/gone") else 200)
        self.end_headers()

    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def run(links: dict[str, list[str]]) -> tuple[str, Exception | None]:
    out = StringIO()
    with mock.patch("rights.management.commands.rights_check_links.catalogue_links", return_value=links):
        try:
            call_command("rights_check_links", "--timeout", "2", stdout=out)
        except CommandError as e:
            return out.getvalue(), e
    return out.getvalue(), None


def test_it_reports_broken_links(server):
    output, error = run({f"{server}/ok": ["rsa.info_url"], f"{server}/gone": ["ppa.procedures.caf"],
                         f"{server}/no-head": ["organisms.caf.contact_url"]})  # fmt: skip
    assert f"broken\tppa.procedures.caf\t{server}/gone\tHTTP 404" in output
    assert "3 liens : 2 ok, 1 cassés (broken), 0 injoignables" in output
    assert "1 lien(s)" in str(error)


def test_all_good(server):
    output, error = run({f"{server}/ok": ["rsa.info_url"]})
    assert error is None
    assert "1 liens : 1 ok" in output


def test_offline_links_are_unreachable_not_broken():
    output, error = run(
        {"http://127.0.0.1:9/": ["rsa.info_url"], "https://nowhere.invalid/": ["ppa.info_url"]}
    )
    assert "unreachable\trsa.info_url" in output
    assert "unreachable\tppa.info_url" in output
    assert "0 cassés (broken), 2 injoignables" in output
    assert "réseau est sans doute fermé" in output
    assert error is not None


def test_the_catalogue_links_include_procedures_and_mediators():
    from rights.links import catalogue_links

    links = catalogue_links()
    assert "rsa.procedures.msa" in links["https://www.msa.fr/lfp/espace-prive"]
    assert any("organisms.caf.mediator_url" in places for places in links.values())
