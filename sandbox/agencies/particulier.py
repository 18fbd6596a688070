"""API Particulier's request pipeline, shared by every endpoint family.

Identity and identifier modes: ``Authorization: Bearer <API Particulier token>``. FranceConnect
mode, as the OpenAPI security scheme says ("vous devez utiliser le jeton FranceConnect à la place
du jeton d'authentification"): ``Authorization: Bearer <FranceConnect access token>``, resolved
through FranceConnect's checktoken; the scopes granted at FranceConnect then act as the token's.
Checks run in the real API's order: token (401), scopes (403), recipient (422/403), parameters
(422), provider (404, 5xx).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, jsonify, request

from . import errors
from .franceconnect import CheckTokenClient, CheckTokenFailed
from .identity import IdentityQuery, IdentityRules, query_from_args, query_from_introspection
from .records import RecordBook
from .settings import SIRET, Settings

IDENTITY, FRANCE_CONNECT, IDENTIFIER = "identite", "france_connect", "identifiant"


@dataclass(frozen=True)
class Call:
    """What a payload builder needs: who was found, the query string and the day of the answer."""

    subject: Any
    args: Mapping[str, str]
    today: dt.date
    mode: str


@dataclass(frozen=True)
class Endpoint:
    path: str
    modes: tuple[str, ...]
    scopes: frozenset[str]
    provider: errors.Provider
    build: Callable[[Call], dict[str, Any]]
    rules: IdentityRules = field(default_factory=IdentityRules)
    masks: Mapping[str, str] = field(default_factory=dict)  # data key -> scope that unveils it
    finder: str = "person"  # person | pupil | jobseeker
    cache_headers: bool = False
    # Validates the endpoint's own parameters (422) before anyone is looked up.
    check: Callable[[Mapping[str, str], dt.date], None] | None = None


def settings() -> Settings:
    return current_app.extensions["agencies_settings"]


def record_book() -> RecordBook:
    return current_app.extensions["agencies_records"]


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def recipient_check() -> None:
    recipient = request.args.get("recipient", "").strip()
    if not recipient:
        raise errors.recipient_missing()
    if not SIRET.match(recipient):
        raise errors.recipient_malformed()
    if recipient not in settings().recipients:
        raise errors.recipient_unauthorised()


def _token_scopes(endpoint: Endpoint) -> frozenset[str]:
    token = bearer_token()
    if not token or token not in settings().tokens:
        raise errors.invalid_token()
    scopes = settings().tokens[token]
    return endpoint.scopes if scopes is None else scopes


def _franceconnect_identity() -> tuple[frozenset[str], IdentityQuery]:
    token = bearer_token()
    if not token:
        raise errors.invalid_token()
    recipient_check()
    client: CheckTokenClient = current_app.extensions["agencies_checktoken"]
    try:
        introspection = client.introspect(token)
    except CheckTokenFailed as e:
        raise errors.franceconnect_unreachable(str(e)) from e
    if not introspection.active:
        raise errors.invalid_token()
    return introspection.scopes, query_from_introspection(introspection.pivot)


def _subject_find(endpoint: Endpoint, mode: str, query: IdentityQuery | None, today: dt.date) -> Any:
    book = record_book()
    if endpoint.finder == "jobseeker":
        identifier = request.args.get("identifiant", "").strip()
        if not identifier:
            raise errors.parameter_malformed("identifiant", "Le paramètre identifiant est obligatoire")
        return book.jobseeker_find(identifier)
    assert query is not None
    if endpoint.finder == "pupil":
        return book.pupil_find(query, today)
    return book.person_find(query, today)


def masked(data: dict[str, Any], masks: Mapping[str, str], scopes: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in masks or masks[key] in scopes}


def answer(endpoint: Endpoint, mode: str) -> Any:
    today = settings().current_date()
    query = None
    if mode == FRANCE_CONNECT:
        scopes, query = _franceconnect_identity()
        if not scopes & endpoint.scopes:
            raise errors.insufficient_privileges()
    else:
        scopes = _token_scopes(endpoint)
        if not scopes & endpoint.scopes:
            raise errors.insufficient_privileges()
        recipient_check()
        if mode == IDENTITY:
            query = query_from_args(request.args, endpoint.rules, today)
    if endpoint.check:
        endpoint.check(request.args, today)
    subject = _subject_find(endpoint, mode, query, today)
    if subject is None:
        raise endpoint.provider.missing()
    data = endpoint.build(Call(subject=subject, args=request.args, today=today, mode=mode))
    response = jsonify(data=masked(data, endpoint.masks, scopes), links={}, meta={})
    if endpoint.cache_headers:
        response.headers["X-Response-Cached"] = "false"
        response.headers["X-Cache-Expires-in"] = ""
    return response


def _view(endpoint: Endpoint, mode: str) -> Callable[[], Any]:
    def view() -> Any:
        return answer(endpoint, mode)

    view.__name__ = f"{endpoint.path.strip('/').replace('/', '_')}_{mode}"
    return view


def endpoints_register(app: Flask, endpoints: list[Endpoint]) -> None:
    for endpoint in endpoints:
        for mode in endpoint.modes:
            app.add_url_rule(f"{endpoint.path}/{mode}", view_func=_view(endpoint, mode), methods=["GET"])


def provider_for(path: str, endpoints: list[Endpoint]) -> errors.Provider | None:
    return next((endpoint.provider for endpoint in endpoints if path.startswith(endpoint.path)), None)
