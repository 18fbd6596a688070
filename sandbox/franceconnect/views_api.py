"""The server-to-server endpoints: discovery, JWKS, token, userinfo and checktoken."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from .context import current_sandbox, issuer
from .scopes import IDENTITY_SCOPES, SUPPORTED_SCOPES
from .store import CodeRefused
from .tokens import id_token_build, introspection_build, userinfo_build

bp = Blueprint("api", __name__, url_prefix="/api/v2")

CLAIMS_SUPPORTED = sorted(
    {"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr"}
    | {claim for claims in IDENTITY_SCOPES.values() for claim in claims}
)
MISSING_PARAMETER = "Required parameter missing or invalid."
CLIENT_AUTHENTICATION_FAILED = "Client authentication failed."


def oauth_error(error: str, description: str, status: int = 400) -> Response:
    response = jsonify(error=error, error_description=description)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _client_authentication_error(expected_id: str, expected_secret: str) -> Response | None:
    """client_secret_post only, as FranceConnect v2: credentials in the form body."""
    client_id = request.form.get("client_id", "")
    client_secret = request.form.get("client_secret", "")
    if not client_id or not client_secret:
        return oauth_error("invalid_request", MISSING_PARAMETER)
    if client_id != expected_id or client_secret != expected_secret:
        return oauth_error("invalid_client", CLIENT_AUTHENTICATION_FAILED, 401)
    return None


@bp.get("/.well-known/openid-configuration")
def discovery():
    base = issuer()
    return jsonify(
        issuer=base,
        authorization_endpoint=f"{base}/authorize",
        token_endpoint=f"{base}/token",
        userinfo_endpoint=f"{base}/userinfo",
        end_session_endpoint=f"{base}/session/end",
        jwks_uri=f"{base}/jwks",
        scopes_supported=list(SUPPORTED_SCOPES),
        claims_supported=CLAIMS_SUPPORTED,
        response_types_supported=["code"],
        response_modes_supported=["query"],
        grant_types_supported=["authorization_code"],
        subject_types_supported=["public"],
        acr_values_supported=["eidas1", "eidas2", "eidas3"],
        claims_parameter_supported=True,
        request_parameter_supported=False,
        id_token_signing_alg_values_supported=["ES256", "RS256"],
        userinfo_signing_alg_values_supported=["ES256", "RS256"],
        token_endpoint_auth_methods_supported=["client_secret_post"],
    )


@bp.get("/jwks")
def jwks():
    response = jsonify(current_sandbox().keys.jwks())
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.post("/token")
def token():
    sandbox = current_sandbox()
    settings = sandbox.settings
    failure = _client_authentication_error(settings.client_id, settings.client_secret)
    if failure:
        return failure
    if request.form.get("grant_type") != "authorization_code":
        return oauth_error("unsupported_grant_type", "grant_type must be 'authorization_code'")
    code, redirect_uri = request.form.get("code", ""), request.form.get("redirect_uri", "")
    if not code or not redirect_uri:
        return oauth_error("invalid_request", MISSING_PARAMETER)
    if sandbox.store.fault_pop("token_"):
        return oauth_error("server_error", "Temporary failure (fault injected by the sandbox)", 503)
    try:
        grant = sandbox.store.grant_redeem(code)
    except CodeRefused as e:
        return oauth_error("invalid_grant", str(e))
    if grant.request.client_id != settings.client_id or grant.request.redirect_uri != redirect_uri:
        return oauth_error("invalid_grant", "redirect_uri does not match the authorization request")
    access_token = sandbox.store.access_token_create(grant, settings.access_token_ttl)
    id_token = id_token_build(
        keys=sandbox.keys,
        issuer=issuer(),
        grant=grant,
        identity=sandbox.identities[grant.login],
        access_token=access_token.value,
        ttl=settings.id_token_ttl,
        fault=sandbox.store.fault_pop("id_token_"),
    )
    response = jsonify(
        access_token=access_token.value,
        token_type="Bearer",  # noqa: S106 (the OAuth token type, not a secret)
        expires_in=settings.access_token_ttl,
        id_token=id_token,
        scope=" ".join(grant.request.scopes),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _bearer_error(error: str | None) -> Response:
    challenge = 'Bearer realm="franceconnect-sandbox"'
    if error:
        challenge += f', error="{error}"'
    response = jsonify(error=error or "invalid_request")
    response.status_code = 401
    response.headers["WWW-Authenticate"] = challenge
    return response


@bp.route("/userinfo", methods=["GET", "POST"])
def userinfo():
    sandbox = current_sandbox()
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value:
        return _bearer_error(None)
    access_token = sandbox.store.access_token_active(value.strip())
    if access_token is None:
        return _bearer_error("invalid_token")
    fault = sandbox.store.fault_pop("userinfo_")
    if fault == "userinfo_server_error":
        return oauth_error("server_error", "Temporary failure (fault injected by the sandbox)", 503)
    signed = userinfo_build(
        keys=sandbox.keys,
        issuer=issuer(),
        token=access_token,
        identity=sandbox.identities[access_token.login],
        ttl=sandbox.settings.id_token_ttl,
        fault=fault,
    )
    return Response(signed.body, content_type=signed.content_type, headers={"Cache-Control": "no-store"})


@bp.post("/checktoken")
def checktoken():
    """Token introspection for a data provider (API Particulier), authenticated by its own credentials."""
    sandbox = current_sandbox()
    settings = sandbox.settings
    failure = _client_authentication_error(settings.data_provider_id, settings.data_provider_secret)
    if failure:
        return failure
    value = request.form.get("token", "")
    if not value:
        return oauth_error("invalid_request", MISSING_PARAMETER)
    access_token = sandbox.store.access_token_active(value)
    body = introspection_build(
        keys=sandbox.keys,
        issuer=issuer(),
        data_provider_id=settings.data_provider_id,
        token=access_token,
        identity=sandbox.identities[access_token.login] if access_token else None,
    )
    return Response(
        body, content_type="application/token-introspection+jwt", headers={"Cache-Control": "no-store"}
    )
