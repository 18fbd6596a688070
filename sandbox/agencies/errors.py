"""Error answers in each API's documented format.

API Particulier: ``{"errors": [{code, title, detail, source, meta}]}`` with the codes of its OpenAPI
examples. API Impôt particulier documents only ``codeapp`` numbers per status; its body shape here
(``{"codeapp", "message"}``) is the sandbox's choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NETWORK_ERROR = "00501"


class ApiError(Exception):
    """An API Particulier error answer."""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str,
        *,
        source: dict[str, str] | None = None,
        meta: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code} {title}")
        self.status = status
        self.headers = headers or {}
        self.body = {
            "errors": [{"code": code, "title": title, "detail": detail, "source": source, "meta": meta or {}}]
        }


class DgfipError(Exception):
    """An API Impôt particulier error answer."""

    def __init__(self, status: int, codeapp: str | None, message: str) -> None:
        super().__init__(f"{status} {codeapp} {message}")
        self.status = status
        self.body = {"codeapp": codeapp, "message": message}


@dataclass(frozen=True)
class Provider:
    """A data provider behind API Particulier: its error code prefix and its 'not found' answer."""

    name: str
    prefix: str
    not_found: tuple[str, str, str, dict[str, Any]] = field(default=("", "", "", {}))

    def missing(self) -> ApiError:
        code, title, detail, meta = self.not_found
        return ApiError(404, code, title, detail, meta=meta)

    def unknown_error(self) -> ApiError:
        return ApiError(
            502,
            f"{self.prefix}999",
            "Erreur inconnue du fournisseur de données",
            "La réponse retournée par le fournisseur de données est invalide et inconnue de notre service. "
            "L'équipe technique a été notifiée de cette erreur pour investigation.",
            meta={"provider": self.name},
        )

    def unavailable(self, status: int = 504) -> ApiError:
        return ApiError(
            status,
            f"{self.prefix}001",
            "Service non disponible",
            "Service du fournisseur de données temporairement indisponible ou en maintenance.",
            meta={"provider": self.name},
        )

    def timeout(self) -> ApiError:
        return ApiError(
            504,
            f"{self.prefix}002",
            "Intermédiaire hors-délai",
            "Temps d’attente d’une réponse du fournisseur de données écoulé.",
            meta={"provider": self.name},
        )


CAISSES = Provider(
    "CNAV",
    "37",
    (
        "35003",
        "Allocataire non référencé",
        "L'allocataire n'est pas référencé auprès des caisses éligibles",
        {"provider": "CNAF & MSA"},
    ),
)
RNCPS = Provider(
    "CNAV",
    "37",
    (
        "40003",
        "Dossier allocataire absent RNCPS",
        "Le dossier allocataire n'a pas été trouvé auprès du RNCPS.",
        {"provider": "RNCPS"},
    ),
)
MESRI = Provider(
    "MESRI",
    "25",
    (
        "25003",
        "Entité non trouvée",
        "Aucun étudiant n'a pu être trouvé avec les critères de recherche fournis.",
        {"provider": "MESRI"},
    ),
)
CNOUS = Provider(
    "CNOUS",
    "26",
    (
        "26003",
        "Entité non trouvée",
        "Aucun étudiant boursier n'a pu être trouvé avec les critères de recherche fournis.",
        {"provider": "CNOUS"},
    ),
)
MEN = Provider(
    "MEN",
    "30",
    (
        "30003",
        "Entité non trouvée",
        "Aucun élève n'a pu être trouvé avec les critères de recherche fournis.",
        {"provider": "MEN"},
    ),
)
FRANCE_TRAVAIL = Provider(
    "France Travail",
    "24",
    (
        "24003",
        "Entité non trouvée",
        "Aucune situation France Travail n'a pu être trouvée avec les critères de recherche fournis.",
        {"provider": "France Travail"},
    ),
)


def invalid_token() -> ApiError:
    return ApiError(
        401,
        "00101",
        "Interdit",
        "Votre token n'est pas valide ou n'est pas renseigné",
        source={"parameter": "token"},
    )


def insufficient_privileges() -> ApiError:
    return ApiError(
        403,
        "00100",
        "Privilèges insuffisants",
        "Votre token est valide mais vos privilèges sont insuffisants. Listez vos privilèges sur /api/introspect",
        source={"parameter": "token"},
    )


def recipient_missing() -> ApiError:
    return ApiError(
        422,
        "00203",
        "Entité non traitable",
        "Le paramètre recipient est obligatoire",
        source={"parameter": "recipient"},
    )


def recipient_malformed() -> ApiError:
    return ApiError(
        422,
        "00210",
        "Entité non traitable",
        "Le paramètre recipient n'est pas un numéro de SIRET valide (14 chiffres)",
        source={"parameter": "recipient"},
    )


def recipient_unauthorised() -> ApiError:
    return ApiError(
        403,
        "00100",
        "Privilèges insuffisants",
        "Le destinataire (recipient) n'est pas habilité à recevoir ces données avec ce jeton",
        source={"parameter": "recipient"},
    )


def civility_malformed(detail: str = "") -> ApiError:
    return ApiError(
        422,
        "00366",
        "Entité non traitable",
        detail or "Un ou plusieurs paramètres de civilité ne sont pas correctement formatés",
    )


def parameter_malformed(parameter: str, detail: str, code: str = "00366") -> ApiError:
    return ApiError(422, code, "Entité non traitable", detail, source={"parameter": parameter})


def too_many_requests(*, limit: int, reset_at: int, retry_after: int) -> ApiError:
    return ApiError(
        429,
        "00429",
        "Trop de requêtes",
        "Vous avez effectué trop de requêtes",
        headers={
            "Retry-After": str(retry_after),
            "RateLimit-Limit": str(limit),
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": str(reset_at),
        },
    )


def internal_error() -> ApiError:
    return ApiError(
        500,
        "00500",
        "Erreur interne du serveur",
        "Une erreur interne est survenue, l'équipe technique a été notifiée.",
    )


def franceconnect_unreachable(reason: str) -> ApiError:
    # Not in the OpenAPI examples: API Particulier's answer when FranceConnect fails is a 502.
    return ApiError(
        502,
        "04999",
        "Erreur de FranceConnect",
        f"La vérification du jeton FranceConnect a échoué : {reason}",
        meta={"provider": "FranceConnect"},
    )


def route_not_found() -> ApiError:
    return ApiError(404, "00404", "Page non trouvée", "Cette adresse ne correspond à aucune API.")
