"""Client of API Impôt particulier (DGFiP): revenu fiscal de référence, parts, situation de famille.

The gateway takes an OAuth2 client-credentials token (kept until it expires) and, in FranceConnect
mode, the person's FC access token in `X-FranceConnect-OAuth`; without that token it cannot say
who is asked for (the SPI number is not something a person knows).
"""

import threading
import time
import uuid

import requests
from django.conf import settings

from agencies.connectors import http
from agencies.connectors.errors import (
    ConfigurationError,
    MalformedAnswer,
    NeedsFranceConnect,
    NotFound,
    RateLimited,
    TransientError,
)
from agencies.connectors.redaction import redact
from agencies.connectors.schemas import TaxSituation

_token_lock = threading.Lock()
_token: tuple[str, float] | None = None  # (access token, monotonic expiry)


def _raise_for_answer(response: requests.Response, *, what: str) -> None:
    status = response.status_code
    if status < 400:
        return
    detail = f"{what}: HTTP {status} {redact(response.text)[:300]}"
    if status == 404:
        raise NotFound(detail)
    if status == 429:
        raise RateLimited(detail, retry_after=float(response.headers.get("Retry-After", "60") or 60))
    if status >= 500:
        raise TransientError(detail)
    if status == 403 and "4031" in response.text:
        raise NeedsFranceConnect(detail)
    raise ConfigurationError(detail)


class ImpotParticulierClient:
    def __init__(self, *, session: requests.Session | None = None):
        self.base_url = settings.AGENCIES_IMPOT_PARTICULIER_URL.rstrip("/")
        self.session = session or http.agency_session()

    def _access_token(self) -> str:
        global _token
        with _token_lock:
            if _token and _token[1] > time.monotonic() + 30:
                return _token[0]
            try:
                response = self.session.post(
                    settings.AGENCIES_IMPOT_PARTICULIER_TOKEN_URL,
                    data={
                        "grant_type": "client_credentials",
                        "client_id": settings.AGENCIES_IMPOT_PARTICULIER_CLIENT_ID,
                        "client_secret": settings.AGENCIES_IMPOT_PARTICULIER_CLIENT_SECRET,
                        "scope": "RessourceIRDerniere2",
                    },
                    timeout=http.timeout(),
                )
            except requests.RequestException as e:
                raise TransientError(f"DGFiP token: {e}") from e
            _raise_for_answer(response, what="DGFiP token")
            try:
                body = response.json()
                _token = (body["access_token"], time.monotonic() + float(body.get("expires_in", 300)))
            except (ValueError, KeyError, TypeError) as e:
                raise MalformedAnswer(f"DGFiP token answer: {e}") from e
            return _token[0]

    def last_situation(self, *, france_connect_token: str | None) -> TaxSituation:
        """The most recent of the last two income years' tax situations."""
        if not france_connect_token:
            raise NeedsFranceConnect("DGFiP: FranceConnect mode needs the person's fresh token")
        what = "API Impôt particulier dernieresituation/deuxans"
        headers = {
            "Authorization": f"Bearer {self._access_token()}",
            "X-FranceConnect-OAuth": france_connect_token,
            "X-Correlation-ID": str(uuid.uuid4()),
        }
        try:
            response = self.session.get(
                f"{self.base_url}/dernieresituation/ir/assiettes/deuxans",
                headers=headers,
                timeout=http.timeout(),
            )
        except requests.RequestException as e:
            raise TransientError(f"{what}: {type(e).__name__}: {e}") from e
        _raise_for_answer(response, what=what)
        try:
            body = response.json()
            return TaxSituation(
                annee_revenus=int(body["annRevenu"]),
                revenu_fiscal_reference=body.get("rfr"),
                nombre_parts=body.get("nbPart"),
                situation_famille=body.get("sitFam"),
                nombre_personnes_a_charge=(body.get("pac") or {}).get("nbPac"),
                code_postal=(body.get("aftDetail") or {}).get("getcodePostal"),
                commune=(body.get("aftDetail") or {}).get("getcommune"),
            )
        except (ValueError, KeyError, TypeError) as e:
            raise MalformedAnswer(f"{what}: answer does not match the documented shape: {e}") from e
