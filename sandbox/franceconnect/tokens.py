"""What the sandbox signs: ID tokens, userinfo answers and checktoken introspections, with test faults."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from .identities import Identity
from .keys import KeyRing, SigningKey
from .scopes import OMITTED_WHEN_EMPTY, released_claims
from .store import AccessToken, Grant

ACR = "eidas1"
AMR = ["pwd"]

ID_TOKEN_FAULTS = (
    "id_token_bad_signature",
    "id_token_unknown_kid",
    "id_token_wrong_iss",
    "id_token_wrong_aud",
    "id_token_expired",
    "id_token_wrong_nonce",
    "id_token_acr_eidas0",
)
USERINFO_FAULTS = (
    "userinfo_unsigned",
    "userinfo_bad_signature",
    "userinfo_other_key",
    "userinfo_wrong_aud",
    "userinfo_wrong_sub",
    "userinfo_server_error",
)
OTHER_FAULTS = ("authorize_error", "token_server_error")
FAULTS = (*ID_TOKEN_FAULTS, *USERINFO_FAULTS, *OTHER_FAULTS)
FOREIGN_ISSUER = "https://fcp-low.invalid/api/v2"
FOREIGN_AUDIENCE = "another-service-provider"


@dataclass(frozen=True)
class Signed:
    body: str
    content_type: str


def at_hash(access_token: str) -> str:
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest[: len(digest) // 2]).rstrip(b"=").decode()


def corrupt_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    tampered = "A" if signature[0] != "A" else "B"
    return f"{header}.{payload}.{tampered}{signature[1:]}"


def identity_claims(identity: Identity, scopes: list[str]) -> dict[str, Any]:
    claims: dict[str, Any] = {}
    for name in released_claims(scopes):
        value = identity.claim(name)
        if value == "" and name in OMITTED_WHEN_EMPTY:
            continue
        claims[name] = value
    return claims


def _sign(keys: KeyRing, payload: dict[str, Any], *, foreign: bool = False, typ: str | None = None) -> str:
    key: SigningKey = keys.foreign if foreign else keys.current
    return key.sign(payload, typ=typ)


def id_token_build(
    *,
    keys: KeyRing,
    issuer: str,
    grant: Grant,
    identity: Identity,
    access_token: str,
    ttl: int,
    fault: str | None,
) -> str:
    now = int(time.time())
    payload: dict[str, Any] = {
        "iss": issuer,
        "sub": identity.sub,
        "aud": grant.request.client_id,
        "exp": now + ttl,
        "iat": now,
        "auth_time": grant.auth_time,
        "nonce": grant.request.nonce,
        "acr": ACR,
        "amr": AMR,
        "idp_acr": ACR,
        "at_hash": at_hash(access_token),
    }
    if fault == "id_token_wrong_iss":
        payload["iss"] = FOREIGN_ISSUER
    elif fault == "id_token_wrong_aud":
        payload["aud"] = FOREIGN_AUDIENCE
    elif fault == "id_token_expired":
        payload.update(iat=now - 2 * ttl - 600, exp=now - 600, auth_time=now - 2 * ttl - 600)
    elif fault == "id_token_wrong_nonce":
        payload["nonce"] = secrets.token_urlsafe(32)
    elif fault == "id_token_acr_eidas0":
        payload.update(acr="eidas0", idp_acr="eidas0")
    token = _sign(keys, payload, foreign=fault == "id_token_unknown_kid")
    return corrupt_signature(token) if fault == "id_token_bad_signature" else token


def userinfo_build(
    *, keys: KeyRing, issuer: str, token: AccessToken, identity: Identity, ttl: int, fault: str | None
) -> Signed:
    now = int(time.time())
    payload: dict[str, Any] = {
        **identity_claims(identity, token.scopes),
        "sub": identity.sub,
        "iss": issuer,
        "aud": token.client_id,
        "iat": now,
        "exp": now + ttl,
    }
    if fault == "userinfo_unsigned":
        return Signed(body=json.dumps(payload, ensure_ascii=False), content_type="application/json")
    if fault == "userinfo_wrong_aud":
        payload["aud"] = FOREIGN_AUDIENCE
    elif fault == "userinfo_wrong_sub":
        payload["sub"] = hashlib.sha256(b"someone-else").hexdigest() + "v1"
    body = _sign(keys, payload, foreign=fault == "userinfo_other_key")
    if fault == "userinfo_bad_signature":
        body = corrupt_signature(body)
    return Signed(body=body, content_type="application/jwt")


def introspection_build(
    *, keys: KeyRing, issuer: str, data_provider_id: str, token: AccessToken | None, identity: Identity | None
) -> str:
    """The checktoken answer as API Particulier reads it (see siade_staging_data france_connect fixtures)."""
    introspection: dict[str, Any] = {"active": False}
    if token is not None and identity is not None:
        introspection = {
            "active": True,
            "aud": token.client_id,
            "sub": identity.sub,
            "iat": token.iat,
            "exp": token.exp,
            "acr": token.acr,
            "jti": token.jti,
            "scope": " ".join(token.scopes),
            **_pivot(identity),
        }
    payload = {
        "aud": data_provider_id,
        "iat": int(time.time()),
        "iss": issuer,
        "token_introspection": introspection,
    }
    return _sign(keys, payload, typ="token-introspection+jwt")


def _pivot(identity: Identity) -> dict[str, Any]:
    pivot: dict[str, Any] = {
        "gender": identity.gender,
        "family_name": identity.family_name,
        "given_name": identity.given_name,
        "given_name_array": identity.given_name_array,
        "birthdate": identity.birthdate,
        "birthplace": identity.birthplace,
        "birthcountry": identity.birthcountry,
    }
    if identity.preferred_username:
        pivot["preferred_username"] = identity.preferred_username
    if not identity.gender:
        del pivot["gender"]
    return pivot
