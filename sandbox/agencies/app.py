"""WSGI entry point: ``gunicorn --threads 16 'sandbox.agencies.app:create_app()'``."""

from __future__ import annotations

import logging
import os
import time

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, NotFound

from . import dss, education, errors, faults, france_travail, impot
from .errors import ApiError, DgfipError
from .franceconnect import CheckTokenClient
from .particulier import endpoints_register, provider_for, settings
from .records import records_load
from .settings import load_settings

logger = logging.getLogger(__name__)

ENDPOINTS = [*dss.ENDPOINTS, *education.ENDPOINTS, *france_travail.ENDPOINTS]
CONTROL_PREFIX = "/_sandbox/"
GENERIC_PROVIDER = errors.Provider("API Particulier", "00")
RATE_LIMIT = 20  # requests per second and token, as API Particulier's documented default
MALFORMED_BODY = '{"data": {"est_beneficiaire": tru'


def _is_dgfip(path: str) -> bool:
    return path.startswith(impot.PREFIX) or path == "/token"


def _fault_error(kind: str, path: str) -> Exception:
    if _is_dgfip(path):
        status = {"timeout": 504, "rate_limited": 429, "unavailable_503": 503, "bad_gateway_502": 502}.get(
            kind, 500
        )
        return DgfipError(status, None, "Erreur technique (simulée par le bac à sable)")
    provider = provider_for(path, ENDPOINTS) or GENERIC_PROVIDER
    if kind == "timeout":
        return provider.timeout()
    if kind == "rate_limited":
        return errors.too_many_requests(limit=RATE_LIMIT, reset_at=int(time.time()) + 60, retry_after=60)
    if kind == "unavailable_503":
        return provider.unavailable(503)
    if kind == "bad_gateway_502":
        return provider.unknown_error()
    return errors.internal_error()


def _before() -> Response | None:
    """Count the call, then apply the global latency and any fault armed for this path."""
    path = request.path
    if path.startswith(CONTROL_PREFIX):
        return None
    app_faults: faults.FaultBoard = faults.board()
    app_faults.call_record(path)
    latency_ms = settings().latency_ms
    if latency_ms:
        time.sleep(latency_ms / 1000)
    fault = app_faults.take(path)
    if fault is None:
        return None
    if fault.kind in ("slow", "timeout"):
        time.sleep(fault.delay_ms / 1000)
        if fault.kind == "slow":
            return None
    if fault.kind == "malformed":
        return Response(MALFORMED_BODY, status=200, mimetype="application/json")
    raise _fault_error(fault.kind, path)


def _api_error(error: ApiError) -> Response:
    response = jsonify(error.body)
    response.status_code = error.status
    response.headers.update(error.headers)
    return response


def _dgfip_error(error: DgfipError) -> Response:
    response = jsonify(error.body)
    response.status_code = error.status
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


def _http_error(error: HTTPException) -> Response:
    if isinstance(error, NotFound) and not request.path.startswith(CONTROL_PREFIX):
        return _api_error(errors.route_not_found())
    return error.get_response()


def _unexpected_error(error: Exception) -> Response:
    logger.error("agency sandbox failed on %s", request.path, exc_info=error)
    return _api_error(errors.internal_error())


def create_app(config: dict[str, str] | None = None) -> Flask:
    """Build the sandbox; ``config`` entries use the environment variable names and override them."""
    loaded = load_settings({**os.environ, **(config or {})})
    app = Flask(__name__)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["agencies_settings"] = loaded
    app.extensions["agencies_records"] = records_load(
        identities_file=loaded.identities_file, records_file=loaded.records_file
    )
    app.extensions["agencies_checktoken"] = CheckTokenClient(loaded)
    app.extensions["agencies_faults"] = faults.FaultBoard()
    app.extensions["agencies_dgfip_tokens"] = impot.TokenStore()
    endpoints_register(app, ENDPOINTS)
    app.register_blueprint(impot.bp)
    app.register_blueprint(faults.bp)
    app.before_request(_before)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(DgfipError, _dgfip_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    return app
