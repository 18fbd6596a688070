"""The endpoints a browser visits: authorize, the identity chooser, and logout (session/end)."""

from __future__ import annotations

import jwt
from flask import Blueprint, redirect, render_template, request
from werkzeug.wrappers import Response

from .context import current_sandbox, issuer, url_with_params
from .scopes import granted_scopes
from .store import AuthorizationRequest
from .tokens import ACR

bp = Blueprint("browser", __name__, url_prefix="/api/v2")

SUPPORTED_ACR_VALUES = ("eidas1", "eidas2", "eidas3")
MIN_STATE_OR_NONCE_LENGTH = 22


def error_page(message: str, *, status: int = 400) -> tuple[str, int]:
    return render_template("franceconnect/error.html", message=message), status


def redirect_with_error(redirect_uri: str, error: str, description: str, state: str) -> Response:
    return redirect(url_with_params(redirect_uri, error=error, error_description=description, state=state))


def _authorize_problem(args) -> tuple[str, str] | None:
    """The first OIDC error of an authorization request whose client and redirect_uri are valid."""
    if args.get("response_type") != "code":
        return "unsupported_response_type", "response_type must be 'code'"
    if "openid" not in args.get("scope", "").split():
        return "invalid_scope", "scope must contain 'openid'"
    for name in ("state", "nonce"):
        if len(args.get(name, "")) < MIN_STATE_OR_NONCE_LENGTH:
            return "invalid_request", f"{name} is required (at least {MIN_STATE_OR_NONCE_LENGTH} characters)"
    acr_values = args.get("acr_values", ACR).split()
    if not acr_values or any(value not in SUPPORTED_ACR_VALUES for value in acr_values):
        return "invalid_request", f"acr_values must be among {' '.join(SUPPORTED_ACR_VALUES)}"
    return None


def _chooser(uid: str, *, error: str = "", status: int = 200) -> tuple[str, int]:
    sandbox = current_sandbox()
    page = render_template(
        "franceconnect/chooser.html",
        uid=uid,
        identities=list(sandbox.identities.values()),
        client_name=sandbox.settings.client_name,
        error=error,
    )
    return page, status


def _redirect_with_code(auth_request: AuthorizationRequest, login: str) -> Response:
    sandbox = current_sandbox()
    code = sandbox.store.grant_create(auth_request, login, sandbox.settings.code_ttl)
    return redirect(url_with_params(auth_request.redirect_uri, code=code, state=auth_request.state))


@bp.get("/authorize")
def authorize():
    sandbox = current_sandbox()
    args = request.args
    if args.get("client_id") != sandbox.settings.client_id:
        return error_page("Ce fournisseur de service n'est pas connu de FranceConnect (client_id invalide).")
    redirect_uri = args.get("redirect_uri", "")
    if not sandbox.settings.redirect_uri_allowed(redirect_uri):
        return error_page("L'adresse de retour (redirect_uri) n'est pas enregistrée pour ce service.")
    state = args.get("state", "")
    problem = _authorize_problem(args)
    if problem:
        return redirect_with_error(redirect_uri, *problem, state)
    if sandbox.store.fault_pop("authorize_"):
        return redirect_with_error(
            redirect_uri, "access_denied", "Authentication refused (fault injected by the sandbox)", state
        )
    auth_request = AuthorizationRequest(
        client_id=sandbox.settings.client_id,
        redirect_uri=redirect_uri,
        state=state,
        nonce=args["nonce"],
        scopes=granted_scopes(args["scope"]),
        acr=ACR,
    )
    login_hint = args.get("login_hint")
    if login_hint:
        # Sandbox-only convenience for automated tests: the real FranceConnect ignores login_hint.
        if login_hint not in sandbox.identities:
            return error_page(f"Identité de démonstration inconnue : « {login_hint} ».")
        return _redirect_with_code(auth_request, login_hint)
    return _chooser(sandbox.store.interaction_create(auth_request))


@bp.post("/interaction/<uid>")
def interaction(uid: str):
    sandbox = current_sandbox()
    auth_request = sandbox.store.interaction_pop(uid)
    if auth_request is None:
        return error_page(
            "Cette demande de connexion a expiré ou a déjà servi. Recommencez depuis le service."
        )
    if request.form.get("action") == "cancel":
        return redirect_with_error(
            auth_request.redirect_uri, "access_denied", "User canceled the authentication", auth_request.state
        )
    login = request.form.get("login", "")
    if login not in sandbox.identities:
        retry = sandbox.store.interaction_create(auth_request)
        return _chooser(retry, error="Choisissez une identité dans la liste.", status=400)
    return _redirect_with_code(auth_request, login)


def _verified_hint(hint: str) -> dict | None:
    """The id_token_hint's claims if one of our published keys signed it for our client; expiry is fine."""
    sandbox = current_sandbox()
    try:
        key = sandbox.keys.find(jwt.get_unverified_header(hint).get("kid", ""))
        if key is None:
            return None
        return jwt.decode(
            hint,
            key.private_key.public_key(),
            algorithms=[key.alg],
            audience=sandbox.settings.client_id,
            issuer=issuer(),
            options={"verify_exp": False, "require": ["sub", "aud", "iss"]},
        )
    except jwt.PyJWTError:
        return None


@bp.get("/session/end")
def session_end():
    sandbox = current_sandbox()
    args = request.args
    claims = _verified_hint(args.get("id_token_hint", ""))
    if claims is None:
        return error_page(
            "Le jeton d'identité fourni pour la déconnexion (id_token_hint) est absent ou invalide."
        )
    post_logout_redirect_uri = args.get("post_logout_redirect_uri", "")
    state = args.get("state", "")
    if post_logout_redirect_uri and not sandbox.settings.post_logout_redirect_uri_allowed(
        post_logout_redirect_uri
    ):
        return error_page("L'adresse de retour après déconnexion n'est pas enregistrée pour ce service.")
    if post_logout_redirect_uri and not state:
        return error_page("Le paramètre state est obligatoire pour revenir au service après la déconnexion.")
    identity = sandbox.identity_by_sub(claims["sub"])
    if identity is not None:
        sandbox.store.access_tokens_revoke(client_id=sandbox.settings.client_id, login=identity.login)
    sandbox.store.logout_record(
        {
            "sub": claims["sub"],
            "login": identity.login if identity else None,
            "client_id": sandbox.settings.client_id,
            "state": state,
            "post_logout_redirect_uri": post_logout_redirect_uri,
        }
    )
    if not post_logout_redirect_uri:
        return render_template("franceconnect/logged_out.html")
    return redirect(url_with_params(post_logout_redirect_uri, state=state))
