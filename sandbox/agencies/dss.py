"""/v3/dss/*: quotient familial and benefit statuses (CNAF & MSA through the CNAV, C2S through the RNCPS)."""

from __future__ import annotations

from typing import Any

from . import dates, errors
from .identity import Identity
from .particulier import FRANCE_CONNECT, IDENTITY, Call, Endpoint
from .records import Person

MODES = (IDENTITY, FRANCE_CONNECT)
C2S_DURATION_MONTHS = 12


def _family_file(call: Call) -> dict[str, Any]:
    person: Person = call.subject
    family_file = person.section("family_file")
    if not family_file:
        raise errors.CAISSES.missing()
    return family_file


def _benefit(call: Call, name: str) -> dict[str, Any] | None:
    """The benefit when it is open at the day of the answer, else None."""
    benefit = (_family_file(call).get("benefits") or {}).get(name)
    if not benefit:
        return None
    since = dates.resolve(benefit["since"], call.today)
    until = benefit.get("until")
    if since > call.today or (until is not None and dates.resolve(until, call.today) < call.today):
        return None
    return benefit


def _member(identity: Identity, call: Call) -> dict[str, Any]:
    return {
        "nom_naissance": identity.family_name.upper(),
        "nom_usage": identity.usage_name.upper() or None,
        "prenoms": identity.given_names.upper(),
        "date_naissance": identity.birthdate_iso(call.today),
        "sexe": identity.gender or "F",
    }


def period_check(args, today) -> None:
    for name, low, high in (("annee", 1990, today.year), ("mois", 1, 12)):
        value = (args.get(name) or "").strip()
        if value and (not value.isdigit() or not low <= int(value) <= high):
            raise errors.parameter_malformed(name, f"Le paramètre {name} n'est pas correctement formaté")


def _period(call: Call) -> tuple[int, int]:
    year, month = call.args.get("annee", "").strip(), call.args.get("mois", "").strip()
    return int(year or call.today.year), int(month or call.today.month)


def quotient_familial(call: Call) -> dict[str, Any]:
    person: Person = call.subject
    family_file = _family_file(call)
    year, month = _period(call)
    computed = dates.resolve(family_file["computed"], call.today)
    address = family_file["address"]
    allocataires = [_member(person.identity, call)]
    partner = person.partner()
    if partner:
        allocataires.append(_member(partner, call))
    return {
        "allocataires": allocataires,
        "enfants": [_member(Identity.from_mapping(child), call) for child in family_file.get("children", [])],
        "adresse": {
            "destinataire": address["recipient"],
            "complement_information": address.get("additional_info"),
            "complement_information_geographique": address.get("additional_geo"),
            "numero_libelle_voie": address.get("street"),
            "lieu_dit": address.get("place"),
            "code_postal_ville": address["postal_code_city"],
            "pays": address.get("country", "FRANCE"),
        },
        "quotient_familial": {
            "fournisseur": family_file["provider"],
            "valeur": int(family_file["quotient_familial"]),
            "annee": year,
            "mois": month,
            "annee_calcul": computed.year,
            "mois_calcul": computed.month,
        },
    }


def _status_with_increase(call: Call, name: str) -> dict[str, Any]:
    benefit = _benefit(call, name)
    if benefit is None:
        return {"est_beneficiaire": False, "avec_majoration": None, "date_debut_droit": None}
    return {
        "est_beneficiaire": True,
        "avec_majoration": bool(benefit.get("increased", False)),
        "date_debut_droit": dates.resolve_iso(benefit["since"], call.today),
    }


def _status(call: Call, name: str) -> dict[str, Any]:
    benefit = _benefit(call, name)
    return {
        "est_beneficiaire": benefit is not None,
        "date_debut_droit": dates.resolve_iso(benefit["since"], call.today) if benefit else None,
    }


def revenu_solidarite_active(call: Call) -> dict[str, Any]:
    return _status_with_increase(call, "revenu_solidarite_active")


def prime_activite(call: Call) -> dict[str, Any]:
    return _status_with_increase(call, "prime_activite")


def allocation_adulte_handicape(call: Call) -> dict[str, Any]:
    return _status(call, "allocation_adulte_handicape")


def allocation_soutien_familial(call: Call) -> dict[str, Any]:
    return _status(call, "allocation_soutien_familial")


def allocation_enfant_handicape(call: Call) -> dict[str, Any]:
    benefit = _benefit(call, "allocation_enfant_handicape")
    if benefit is None:
        return {"status": "non_beneficiaire", "date_debut_droit": None}
    return {
        "status": benefit.get("status", "allocataire"),
        "date_debut_droit": dates.resolve_iso(benefit["since"], call.today),
    }


def complementaire_sante_solidaire(call: Call) -> dict[str, Any]:
    person: Person = call.subject
    insurance = person.section("health_insurance")
    if insurance is None:
        raise errors.RNCPS.missing()
    c2s = insurance.get("complementaire_sante_solidaire")
    if c2s:
        since = dates.resolve(c2s["since"], call.today)
        # A C2S right lasts twelve months; past its end the person is no longer a beneficiary.
        if since <= call.today < dates.months_add(since, C2S_DURATION_MONTHS):
            return {
                "est_beneficiaire": True,
                "avec_participation": bool(c2s.get("with_participation", False)),
                "date_debut_droit": since.isoformat(),
            }
    return {"est_beneficiaire": False, "avec_participation": None, "date_debut_droit": None}


QF_SCOPES = {
    "quotient_familial": "cnaf_quotient_familial",
    "allocataires": "cnaf_allocataires",
    "enfants": "cnaf_enfants",
    "adresse": "cnaf_adresse",
}


def _endpoint(name: str, build, scopes: set[str], provider=errors.CAISSES, **extra: Any) -> Endpoint:
    return Endpoint(
        path=f"/v3/dss/{name}",
        modes=MODES,
        scopes=frozenset(scopes),
        provider=provider,
        build=build,
        cache_headers=True,
        **extra,
    )


ENDPOINTS = [
    _endpoint(
        "quotient_familial", quotient_familial, set(QF_SCOPES.values()), masks=QF_SCOPES, check=period_check
    ),
    _endpoint(
        "revenu_solidarite_active",
        revenu_solidarite_active,
        {"revenu_solidarite_active", "revenu_solidarite_active_majoration"},
        masks={"avec_majoration": "revenu_solidarite_active_majoration"},
    ),
    _endpoint(
        "prime_activite",
        prime_activite,
        {"prime_activite", "prime_activite_majoration"},
        masks={"avec_majoration": "prime_activite_majoration"},
    ),
    _endpoint("allocation_adulte_handicape", allocation_adulte_handicape, {"allocation_adulte_handicape"}),
    _endpoint("allocation_soutien_familial", allocation_soutien_familial, {"allocation_soutien_familial"}),
    _endpoint("allocation_enfant_handicape", allocation_enfant_handicape, {"allocation_enfant_handicape"}),
    _endpoint(
        "complementaire_sante_solidaire",
        complementaire_sante_solidaire,
        {"complementaire_sante_solidaire"},
        provider=errors.RNCPS,
    ),
]
