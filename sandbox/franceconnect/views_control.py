"""Test-control endpoints under /_sandbox/: never part of the FranceConnect contract."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from .context import current_sandbox, issuer
from .tokens import FAULTS

bp = Blueprint("control", __name__, url_prefix="/_sandbox")


@bp.get("/health")
def health():
    sandbox = current_sandbox()
    return jsonify(status="ok", issuer=issuer(), alg=sandbox.keys.alg, kid=sandbox.keys.current.kid)


@bp.get("/next-fault")
def faults_pending():
    return jsonify(pending=current_sandbox().store.faults_pending(), available=list(FAULTS))


@bp.post("/next-fault")
def fault_add():
    payload = request.get_json(silent=True) or {}
    fault = payload.get("fault")
    if fault not in FAULTS:
        response = jsonify(error=f"unknown fault {fault!r}", available=list(FAULTS))
        response.status_code = 400
        return response
    store = current_sandbox().store
    store.fault_push(fault)
    return jsonify(pending=store.faults_pending())


@bp.post("/rotate-key")
def key_rotate():
    keys = current_sandbox().keys
    key = keys.rotate()
    return jsonify(kid=key.kid, published=[published.kid for published in keys.published()])


@bp.post("/reset")
def reset():
    sandbox = current_sandbox()
    sandbox.store.reset()
    sandbox.keys.reset()
    return jsonify(status="reset", kid=sandbox.keys.current.kid)


@bp.route("/last-logout", methods=["GET", "POST"])
def last_logout():
    return jsonify(last_logout=current_sandbox().store.last_logout())


@bp.get("/calls")
def calls():
    recorded = current_sandbox().store.calls()
    path = request.args.get("path")
    if path:
        recorded = [call for call in recorded if call["path"] == path]
    return jsonify(calls=recorded)


@bp.get("/identities")
def identities():
    return jsonify(
        identities=[
            {"login": identity.login, "sub": identity.sub, "name": identity.display_name}
            for identity in current_sandbox().identities.values()
        ]
    )
