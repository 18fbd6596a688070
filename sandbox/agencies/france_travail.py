"""/v3/france_travail/{statut,indemnites}/identifiant: a jobseeker found by their France Travail identifier."""

from __future__ import annotations

from typing import Any

from . import dates, errors
from .particulier import IDENTIFIER, Call, Endpoint
from .records import Person

CATEGORY_LABELS = {
    1: "PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PLEIN TPS",
    2: "PERSONNE SANS EMPLOI DISPONIBLE DUREE INDETERMINEE PARTIEL",
    3: "PERSONNE SANS EMPLOI DISPONIBLE DUREE DETERMINEE OU SAISON",
    4: "PERSONNE SANS EMPLOI NON DISPONIBLE IMMEDIATEMENT",
    5: "PERSONNE POURVUE D'UN EMPLOI A LA RECHERCHE D'UN AUTRE",
}
PAYMENT_HISTORY_MONTHS = 6
CIVILITIES = {"M": ("M.", "Masculin"), "F": ("MME", "Féminin")}


def statut(call: Call) -> dict[str, Any]:
    person: Person = call.subject
    jobseeker = person.section("jobseeker")
    identity = person.identity
    civility, sex = CIVILITIES.get(identity.gender, ("M.", "Masculin"))
    address = jobseeker["address"]
    registration = jobseeker["registration"]
    return {
        "identifiant": str(jobseeker["identifier"]),
        "identite": {
            "civilite": civility,
            "nom_naissance": identity.family_name.upper(),
            "nom_usage": identity.usage_name.upper() or None,
            "prenom": identity.given_names.upper(),
            "sexe": sex,
            "date_naissance": identity.birthdate_iso(call.today),
        },
        "contact": {
            "email": jobseeker["contact"].get("email"),
            "telephone": jobseeker["contact"].get("phone") or "",
            "telephone2": jobseeker["contact"].get("phone2"),
        },
        "adresse": {
            "code_cog_insee_commune": address["commune"],
            "code_postal": address["postal_code"],
            "ligne_complement_adresse": address.get("address_extra"),
            "ligne_complement_destinataire": address.get("recipient_extra"),
            "ligne_complement_distribution": address.get("distribution_extra"),
            "ligne_nom": address["name_line"],
            "ligne_voie": address["street"],
            "localite": address["locality"],
        },
        "inscription": {
            "date_debut": dates.resolve_iso(registration["since"], call.today),
            "date_fin": dates.resolve_iso(registration.get("until"), call.today),
            "code_certification_cnav": registration.get("cnav_certification"),
            "categorie": {
                "code": registration["category"],
                "libelle": CATEGORY_LABELS[registration["category"]],
            },
        },
    }


def indemnites(call: Call) -> dict[str, Any]:
    person: Person = call.subject
    jobseeker = person.section("jobseeker")
    payments = []
    oldest = dates.months_add(call.today, -PAYMENT_HISTORY_MONTHS)
    for payment in jobseeker.get("payments", []):
        paid_on = dates.resolve(payment["date"], call.today)
        if not oldest < paid_on <= call.today:
            continue
        allowances = float(payment.get("allowances", 0))
        aids, other = float(payment.get("aids", 0)), float(payment.get("other", 0))
        payments.append(
            {
                "date_versement": paid_on.isoformat(),
                "montant_total": round(allowances + aids + other, 2),
                "montant_allocations": allowances,
                "montant_aides": aids,
                "montant_autres": other,
            }
        )
    if not payments:
        raise errors.FRANCE_TRAVAIL.missing()
    payments.sort(key=lambda item: item["date_versement"])
    return {"identifiant": str(jobseeker["identifier"]), "paiements": payments}


STATUT_MASKS = {
    "identifiant": "pole_emploi_identifiant",
    "identite": "pole_emploi_identite",
    "adresse": "pole_emploi_adresse",
    "contact": "pole_emploi_contact",
    "inscription": "pole_emploi_inscription",
}

ENDPOINTS = [
    Endpoint(
        path="/v3/france_travail/statut",
        modes=(IDENTIFIER,),
        scopes=frozenset(STATUT_MASKS.values()),
        provider=errors.FRANCE_TRAVAIL,
        build=statut,
        masks=STATUT_MASKS,
        finder="jobseeker",
    ),
    Endpoint(
        path="/v3/france_travail/indemnites",
        modes=(IDENTIFIER,),
        scopes=frozenset({"pole_emploi_paiements"}),
        provider=errors.FRANCE_TRAVAIL,
        build=indemnites,
        finder="jobseeker",
    ),
]
