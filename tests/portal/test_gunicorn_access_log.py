"""gunicorn's access log keeps paths and parameter names, never FranceConnect's code and state."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from gunicorn.config import Config


@pytest.fixture
def gunicorn_logger(tmp_path):
    """`gunicorn_logger(access_log_format=None)`: the configured logger class writing to a file."""
    conf = importlib.import_module("portal.gunicorn_conf")
    made = []

    def make(*, access_log_format: str | None = None):
        cfg = Config()
        cfg.set("accesslog", str(tmp_path / "access.log"))
        if access_log_format:
            cfg.set("access_log_format", access_log_format)
        made.append(conf.logger_class(cfg))
        return made[-1]

    yield make
    for logger in made:
        for log in (logger.error_log, logger.access_log):
            for handler in log.handlers:
                handler.close()
            log.handlers = []


def written(logger, tmp_path) -> str:
    for handler in logger.access_log.handlers:
        handler.flush()
    return (tmp_path / "access.log").read_text(encoding="utf-8")


def access_line(gunicorn_logger, tmp_path, *, query: str, referer: str = "-") -> str:
    logger = gunicorn_logger()
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/oidc/callback/?{query}",
        "PATH_INFO": "/oidc/callback/",
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    response = SimpleNamespace(status="302 Found", sent=0, headers=[("Location", "/apres-connexion/")])
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=s3ss10n"), ("AUTHORIZATION", "Bearer t0k3n")])

    logger.access(response, request, environ, dt.timedelta(milliseconds=12))

    return written(logger, tmp_path)


def test_the_franceconnect_callback_is_logged_without_code_and_state(gunicorn_logger, tmp_path):
    line = access_line(gunicorn_logger, tmp_path, query="code=Zx81-secret-code&state=st4t3-value")

    assert '"GET /oidc/callback/?code=[redacted]&state=[redacted] HTTP/1.1" 302' in line
    assert "Zx81-secret-code" not in line
    assert "st4t3-value" not in line
    assert "203.0.113.7" in line


def test_a_referer_carrying_a_code_is_redacted_too(gunicorn_logger, tmp_path):
    line = access_line(
        gunicorn_logger,
        tmp_path,
        query="error=access_denied&state=abc",
        referer="https://fcp-low.sbx.dev-franceconnect.fr/api/v2/authorize?client_id=x&nonce=n0nc3&state=abc",
    )

    assert "error=access_denied" in line
    assert "n0nc3" not in line
    assert "state=abc" not in line


def test_gunicorn_uses_the_redacting_logger():
    conf = importlib.import_module("portal.gunicorn_conf")
    cfg = Config()
    cfg.set("logger_class", conf.logger_class)

    assert cfg.logger_class is conf.RedactingLogger


def test_custom_formats_cannot_print_cookies_or_credentials(gunicorn_logger, tmp_path):
    logger = gunicorn_logger(access_log_format='"%(r)s" %({cookie}i)s %({authorization}i)s %(q)s')
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/?code=c0d3",
        "QUERY_STRING": "code=c0d3",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=s3ss10n"), ("AUTHORIZATION", "Bearer t0k3n")])

    logger.access(SimpleNamespace(status="200 OK", sent=5, headers=[]), request, environ, dt.timedelta(0))

    line = written(logger, tmp_path)
    assert "s3ss10n" not in line
    assert "t0k3n" not in line
    assert "c0d3" not in line
