"""WSGI entry point: ``gunicorn 'sandbox.franceconnect.app:create_app()'``."""

from __future__ import annotations

import os
import time
from typing import Any

from flask import Flask, request
from werkzeug.wrappers import Response

from . import views_api, views_browser, views_control
from .config import load_settings
from .context import EXTENSION_KEY, Sandbox, current_sandbox
from .identities import load_identities
from .keys import KeyRing
from .store import Store

# Recorded as "***" in /_sandbox/calls: credentials and one-time secrets.
REDACTED_PARAMETERS = frozenset({"client_secret", "code", "token", "access_token"})


def _recorded_params() -> dict[str, Any]:
    params = {**request.args.to_dict(), **request.form.to_dict()}
    return {name: "***" if name in REDACTED_PARAMETERS else value for name, value in params.items()}


def _record_call(response: Response) -> Response:
    if request.path.startswith("/api/"):
        current_sandbox().store.call_record(
            {
                "at": time.time(),
                "method": request.method,
                "path": request.path,
                "params": _recorded_params(),
                "status": response.status_code,
            }
        )
    return response


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def create_app(config: dict[str, str] | None = None) -> Flask:
    """Build the sandbox; ``config`` entries use the environment variable names and override them."""
    settings = load_settings({**os.environ, **(config or {})})
    app = Flask(__name__)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions[EXTENSION_KEY] = Sandbox(
        settings=settings,
        keys=KeyRing(settings.state_dir, settings.alg),
        identities=load_identities(settings.identities_file),
        store=Store(),
    )
    app.register_blueprint(views_api.bp)
    app.register_blueprint(views_browser.bp)
    app.register_blueprint(views_control.bp)
    app.after_request(_record_call)
    app.after_request(_security_headers)
    return app
