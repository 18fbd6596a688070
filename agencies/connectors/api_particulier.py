"""Client of API Particulier (v3/v4): CAF/MSA family data, RSA, prime d'activité, AAH, ASF, AEEH,
C2S, student status and scholarship, France Travail status and payments.

Two ways to say who is asked for, as the API documents: FranceConnect mode (the person's FC access
token as Bearer) and identity mode (our token, the `recipient` SIRET, the identité pivot).
"""

import logging
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from pydantic import BaseModel, ValidationError

from agencies.connectors import http
from agencies.connectors.errors import (
    BadIdentityData,
    ConfigurationError,
    MalformedAnswer,
    NeedsFranceConnect,
    NotFound,
    RateLimited,
    TransientError,
)
from agencies.connectors.identity import PivotIdentity
from agencies.connectors.redaction import redact
from agencies.connectors.schemas import DATASET_SCHEMAS, Person, Schooling

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Endpoint:
    path: str  # without the mode suffix
    france_connect: bool = True
    identity: bool = True
    by_identifier: bool = False


ENDPOINTS: dict[str, Endpoint] = {
    "quotient_familial": Endpoint("/v3/dss/quotient_familial"),
    "revenu_solidarite_active": Endpoint("/v3/dss/revenu_solidarite_active"),
    "prime_activite": Endpoint("/v3/dss/prime_activite"),
    "allocation_adulte_handicape": Endpoint("/v3/dss/allocation_adulte_handicape"),
    "allocation_soutien_familial": Endpoint("/v3/dss/allocation_soutien_familial"),
    "allocation_enfant_handicape": Endpoint("/v3/dss/allocation_enfant_handicape"),
    "complementaire_sante_solidaire": Endpoint("/v3/dss/complementaire_sante_solidaire"),
    "statut_etudiant": Endpoint("/v3/mesri/statut_etudiant"),
    "etudiant_boursier": Endpoint("/v4/cnous/etudiant_boursier"),
    "france_travail_statut": Endpoint(
        "/v3/france_travail/statut", france_connect=False, identity=False, by_identifier=True
    ),
    "france_travail_indemnites": Endpoint(
        "/v3/france_travail/indemnites", france_connect=False, identity=False, by_identifier=True
    ),
}


def _retry_after(response: requests.Response) -> float:
    for header in ("Retry-After", "RateLimit-Reset"):
        value = response.headers.get(header, "")
        if value.strip().isdigit():
            return float(value)
    return 60.0


def raise_for_answer(response: requests.Response, *, what: str, france_connect: bool = False) -> None:
    """Map API Particulier's documented statuses to domain errors."""
    status = response.status_code
    if status < 400:
        return
    # Redacted before it is cut, so that a cut never leaves half a value unrecognised.
    detail = f"{what}: HTTP {status} {redact(response.text)[:300]}"
    if status == 404:
        raise NotFound(detail)
    if status == 401 and france_connect:
        raise NeedsFranceConnect(detail)
    if status in {401, 403}:
        raise ConfigurationError(detail)
    if status == 422:
        raise BadIdentityData(detail)
    if status == 429:
        raise RateLimited(detail, retry_after=_retry_after(response))
    if status >= 500:
        raise TransientError(detail)
    raise ConfigurationError(detail)


def parse_data(response: requests.Response, schema: type[BaseModel], *, what: str) -> BaseModel:
    try:
        return schema.model_validate(response.json()["data"])
    except ValidationError as e:
        # Where and why, never the rejected values: they are the person's data.
        problems = "; ".join(
            f"{'.'.join(map(str, error['loc']))}: {error['msg']}"
            for error in e.errors(include_input=False, include_url=False)[:5]
        )
        raise MalformedAnswer(f"{what}: answer does not match the documented shape: {problems}") from e
    except (ValueError, KeyError, TypeError) as e:
        raise MalformedAnswer(f"{what}: answer does not match the documented shape: {e!r}") from e


class ApiParticulierClient:
    def __init__(self, *, session: requests.Session | None = None):
        self.base_url = settings.AGENCIES_API_PARTICULIER_URL.rstrip("/")
        self.session = session or http.agency_session()

    def fetch(
        self,
        dataset: str,
        *,
        identity: PivotIdentity | None = None,
        france_connect_token: str | None = None,
        identifier: str | None = None,
    ) -> BaseModel:
        """One dataset for one person; FranceConnect mode when a token is given and the API has it."""
        endpoint = ENDPOINTS[dataset]
        headers = {"Authorization": f"Bearer {settings.AGENCIES_API_PARTICULIER_TOKEN}"}
        params: list[tuple[str, str]] = [("recipient", settings.AGENCIES_RECIPIENT_SIRET)]
        france_connect = False
        if endpoint.by_identifier:
            if not identifier:
                raise BadIdentityData(f"{dataset}: an identifier is required")
            url = f"{self.base_url}{endpoint.path}/identifiant"
            params.append(("identifiant", identifier))
        elif france_connect_token and endpoint.france_connect:
            url = f"{self.base_url}{endpoint.path}/france_connect"
            headers["Authorization"] = f"Bearer {france_connect_token}"
            france_connect = True
        elif identity is not None and endpoint.identity:
            url = f"{self.base_url}{endpoint.path}/identite"
            params += identity.api_particulier_params()
        else:
            raise NeedsFranceConnect(f"{dataset}: no way to name the person")
        return self._get(
            url, params=params, headers=headers, what=f"API Particulier {dataset}",
            schema=DATASET_SCHEMAS[dataset], france_connect=france_connect,
        )  # fmt: skip

    def schooling(self, *, pupil: Person, department: str, school_year: str) -> Schooling:
        """MEN v4 scolarité of a child named as the CAF/MSA family file names them, looked for in the
        family's département (the API needs a perimeter: an establishment, départements or regions)."""
        year, month, day = (pupil.date_naissance or "0000-00-00").split("-")
        params: list[tuple[str, str]] = [
            ("recipient", settings.AGENCIES_RECIPIENT_SIRET),
            ("nomNaissance", pupil.nom_naissance),
            *[("prenoms[]", name) for name in pupil.prenoms.split()[:3]],
            ("anneeDateNaissance", year),
            ("moisDateNaissance", month),
            ("jourDateNaissance", day),
            ("anneeScolaire", school_year),
            ("codesBcnDepartements[]", department.zfill(3)),
        ]
        if pupil.sexe in {"F", "M"}:
            params.append(("sexeEtatCivil", pupil.sexe))
        headers = {"Authorization": f"Bearer {settings.AGENCIES_API_PARTICULIER_TOKEN}"}
        url = f"{self.base_url}/v4/men/scolarites/identite"
        return self._get(
            url, params=params, headers=headers, what="API Particulier scolarite", schema=Schooling
        )

    def _get(
        self, url: str, *, params, headers, what: str, schema: type[BaseModel], france_connect: bool = False
    ) -> BaseModel:
        try:
            response = self.session.get(url, params=params, headers=headers, timeout=http.timeout())
        except requests.RequestException as e:
            raise TransientError(f"{what}: {type(e).__name__}: {e}") from e
        raise_for_answer(response, what=what, france_connect=france_connect)
        return parse_data(response, schema, what=what)


def payload_of(answer: BaseModel) -> dict[str, Any]:
    """The typed answer as JSON-ready data, to store."""
    return answer.model_dump(mode="json")
