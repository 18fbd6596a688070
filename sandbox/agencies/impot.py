"""API Impôt particulier (DGFiP), under /impotparticulier/1.0 as on the real gateway, plus its /token.

FranceConnect mode: ``Authorization: Bearer <DGFiP OAuth token>`` (client credentials at
``POST /token``) and ``X-FranceConnect-OAuth: <FranceConnect access token>``, resolved through
checktoken; ``X-Correlation-ID`` (a UUID) on every call. SPI mode: ``/spi/{spi}/...``.
"""

from __future__ import annotations

import base64
import re
import secrets
import threading
import time
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from . import dates
from .errors import DgfipError
from .franceconnect import CheckTokenClient, CheckTokenFailed
from .identity import query_from_introspection
from .particulier import bearer_token, record_book, settings
from .records import Person

PREFIX = "/impotparticulier/1.0"
SCOPES = ("RessourceIR", "RessourceIRDerniere", "RessourceIRDerniere2")
TOKEN_TTL_SECONDS = 3600
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SPI = re.compile(r"^\d{13}$")
YEAR = re.compile(r"^\d{4}$")
SITUATIONS_TYPE = "application/prs.dgfip.part.situations.ir.assiettes.v1+json"
LAST_SITUATION_TYPE = "application/prs.dgfip.part.derniere.situations.ir.assiettes.v1+json"
# FranceConnect data scopes of API Impôt particulier, each unveiling part of the answer.
FC_MASKS = {
    "rfr": "dgfip_rfr",
    "nbPart": "dgfip_nbpart",
    "sitFam": "dgfip_sitfam",
    "pac": "dgfip_nbpac",
    "aft": "dgfip_aft",
    "aftDetail": "dgfip_aft",
}
COUPLE_STATUSES = ("M", "O")


class TokenStore:
    """Access tokens issued by /token, shared by the threads of the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[float, frozenset[str]]] = {}

    def issue(self, scopes: frozenset[str]) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = (time.monotonic() + TOKEN_TTL_SECONDS, scopes)
        return token

    def scopes(self, token: str) -> frozenset[str] | None:
        with self._lock:
            expiry, scopes = self._tokens.get(token, (0.0, frozenset()))
        return scopes if expiry > time.monotonic() else None


bp = Blueprint("impot", __name__)


def _oauth_error(error: str, description: str, status: int) -> Response:
    response = jsonify(error=error, error_description=description)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = f'Bearer error="{error}"'
    return response


def _client_credentials() -> tuple[str, str]:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return "", ""
        return client_id, secret
    return request.form.get("client_id", ""), request.form.get("client_secret", "")


@bp.post("/token")
def token():
    """OAuth 2.0 client credentials, as the DGFiP gateway's token endpoint."""
    client_id, secret = _client_credentials()
    clients = settings().dgfip_clients
    if not client_id or not secrets.compare_digest(clients.get(client_id, "\0"), secret):
        return _oauth_error("invalid_client", "Client authentication failed.", 401)
    if request.form.get("grant_type") != "client_credentials":
        return _oauth_error("unsupported_grant_type", "grant_type must be client_credentials", 400)
    asked = frozenset(request.form.get("scope", "").split()) or frozenset(SCOPES)
    if not asked <= set(SCOPES):
        return _oauth_error("invalid_scope", f"known scopes: {' '.join(SCOPES)}", 400)
    store: TokenStore = current_app.extensions["agencies_dgfip_tokens"]
    return jsonify(
        access_token=store.issue(asked),
        token_type="Bearer",  # noqa: S106
        expires_in=TOKEN_TTL_SECONDS,
        scope=" ".join(asked),
    )


def _authorize(scope: str) -> None:
    token_value = bearer_token()
    if token_value in settings().dgfip_tokens:
        return
    granted = current_app.extensions["agencies_dgfip_tokens"].scopes(token_value) if token_value else None
    if granted is None:
        raise DgfipError(401, None, "Jeton d'accès absent, invalide ou expiré")
    if scope not in granted:
        raise DgfipError(403, "4031", "L'utilisateur n'a pas accès à la ressource")


def _correlation_check() -> None:
    if not UUID.match(request.headers.get("X-Correlation-ID", "")):
        raise DgfipError(400, None, "L'en-tête X-Correlation-ID est obligatoire (format UUID)")


def _franceconnect_person() -> tuple[Person, frozenset[str]]:
    fc_token = request.headers.get("X-FranceConnect-OAuth", "").strip()
    if not fc_token:
        raise DgfipError(400, None, "L'en-tête X-FranceConnect-OAuth est obligatoire")
    client: CheckTokenClient = current_app.extensions["agencies_checktoken"]
    try:
        introspection = client.introspect(fc_token)
    except CheckTokenFailed as e:
        raise DgfipError(502, None, f"Vérification du jeton FranceConnect impossible : {e}") from e
    if not introspection.active or not introspection.scopes & set(FC_MASKS.values()):
        raise DgfipError(403, "4031", "L'utilisateur n'a pas accès à la ressource")
    person = record_book().person_find(
        query_from_introspection(introspection.pivot), settings().current_date()
    )
    if person is None or not person.section("tax"):
        raise DgfipError(404, "4102", "L'usager FranceConnect ne correspond à aucun usager connu de la DGFiP")
    return person, introspection.scopes


def _spi_person(spi: str) -> Person:
    if not SPI.match(spi):
        raise DgfipError(400, "4001", "Le spi est dans un format incorrect")
    person = record_book().taxpayer_find(spi)
    if person is None:
        raise DgfipError(404, "4102", "Le spi envoyé ne correspond à aucun usager")
    return person


def _year(annrev: str) -> int:
    if not YEAR.match(annrev):
        raise DgfipError(400, "4002", "Mauvais format d'année (annrev)")
    return int(annrev)


def _situations(person: Person) -> dict[int, Mapping[str, Any]]:
    today = settings().current_date()
    return {
        dates.resolve(item["income_year"], today).year: item for item in person.section("tax")["situations"]
    }


def _declarant(number: int, identity: Any) -> dict[str, Any]:
    year, month, day = identity.birth(settings().current_date())
    fields = {
        f"nmNaiDec{number}": identity.family_name.upper(),
        f"nmUsaDec{number}": identity.usage_name.upper() or None,
        f"prnmDec{number}": identity.given_names.upper(),
        f"dateNaisDec{number}": {"jour": f"{day or 0:02d}", "mois": f"{month or 0:02d}", "annee": f"{year}"},
        f"dptNaissDec{number}": identity.birthplace[:2] if identity.birthplace else "99",
    }
    return {key: value for key, value in fields.items() if value is not None}


def _situation_body(
    person: Person, year: int, situation: Mapping[str, Any], with_year: bool
) -> dict[str, Any]:
    tax = person.section("tax")
    address = tax["address"]
    rfr = int(situation["rfr"])
    body: dict[str, Any] = {"annRevenu": year} if with_year else {}
    body |= {
        "rfr": rfr,
        "sitFam": situation["family_status"],
        "nbPart": float(situation["parts"]),
        "pac": {"nbPac": int(situation.get("dependants", 0))},
        **_declarant(1, person.identity),
        "aft": f"{address['street']} {address['postal_code']} {address['city']}",
        "aftDetail": {
            "voie": address["street"],
            "getcodePostal": address["postal_code"],
            "getcommune": address["city"],
            **({"complementAdresse": address["extra"]} if address.get("extra") else {}),
        },
        "revenuBrutGlobal": rfr,
        "revImposable": rfr,
        "montTotIr": 0,
        "datEtab": dates.resolve_iso(situation["established_on"], settings().current_date()),
    }
    partner = person.partner()
    if partner and situation["family_status"] in COUPLE_STATUSES:
        body |= _declarant(2, partner)
    return body


def _answer(body: dict[str, Any], content_type: str, fc_scopes: frozenset[str] | None) -> Response:
    if fc_scopes is not None:
        body = {
            key: value for key, value in body.items() if key not in FC_MASKS or FC_MASKS[key] in fc_scopes
        }
    response = jsonify(body)
    response.content_type = content_type
    return response


def _situation_for(person: Person, year: int) -> Mapping[str, Any]:
    situation = _situations(person).get(year)
    if situation is None:
        raise DgfipError(404, "4101", "La requête avec l'usager et l'année ne renvoie aucun résultat")
    return situation


def _two_years_last(person: Person) -> tuple[int, Mapping[str, Any]]:
    today = settings().current_date()
    situations = _situations(person)
    for year in (today.year - 1, today.year - 2):
        if year in situations:
            return year, situations[year]
    raise DgfipError(404, "4101", "Aucune situation sur les deux dernières années de revenus")


def _subject(spi: str | None, scope: str, annrev: str | None = None) -> tuple[Person, frozenset[str] | None]:
    """Checks in the gateway's order: token (401/403), headers and path (400), then who is asked for."""
    _authorize(scope)
    _correlation_check()
    if annrev is not None:
        _year(annrev)
    if spi is not None:
        return _spi_person(spi), None
    return _franceconnect_person()


@bp.get(f"{PREFIX}/situations/ir/assiettes/annrev/<annrev>")
@bp.get(f"{PREFIX}/spi/<spi>/situations/ir/assiettes/annrev/<annrev>")
def situations(annrev: str, spi: str | None = None):
    person, fc_scopes = _subject(spi, "RessourceIR", annrev)
    year = _year(annrev)
    return _answer(
        _situation_body(person, year, _situation_for(person, year), False), SITUATIONS_TYPE, fc_scopes
    )


@bp.get(f"{PREFIX}/dernieresituation/ir/assiettes/annrev/<annrev>")
@bp.get(f"{PREFIX}/spi/<spi>/dernieresituation/ir/assiettes/annrev/<annrev>")
def last_situation(annrev: str, spi: str | None = None):
    person, fc_scopes = _subject(spi, "RessourceIRDerniere", annrev)
    year = _year(annrev)
    return _answer(
        _situation_body(person, year, _situation_for(person, year), True), LAST_SITUATION_TYPE, fc_scopes
    )


@bp.get(f"{PREFIX}/dernieresituation/ir/assiettes/deuxans")
@bp.get(f"{PREFIX}/spi/<spi>/dernieresituation/ir/assiettes/deuxans")
def last_situation_two_years(spi: str | None = None):
    person, fc_scopes = _subject(spi, "RessourceIRDerniere2")
    year, situation = _two_years_last(person)
    return _answer(_situation_body(person, year, situation, True), LAST_SITUATION_TYPE, fc_scopes)
