"""Students and pupils: MESRI statut étudiant (v3), CNOUS étudiant boursier (v4), MEN scolarités (v4)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from . import dates, errors
from .identity import IdentityRules
from .particulier import FRANCE_CONNECT, IDENTITY, Call, Endpoint
from .records import Person, Pupil

TRAINING_LABELS = {
    "RF1": "formation initiale",
    "RF2": "formation initiale hors apprentissage",
    "RF3": "reprise d'études non financée sans convention",
    "RF4": "contrat d'apprentissage",
    "RF5": "formation continue",
    "RF6": "formation continue hors contrat professionnel",
    "RF7": "contrat de professionnalisation",
}
SCHOOL_YEAR = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


def _section(call: Call, name: str, provider: errors.Provider) -> dict[str, Any]:
    person: Person = call.subject
    section = person.section(name)
    if not section:
        raise provider.missing()
    return section


def statut_etudiant(call: Call) -> dict[str, Any]:
    student = _section(call, "student", errors.MESRI)
    admissions = [
        {
            "date_debut": dates.resolve_iso(admission["start"], call.today),
            "date_fin": dates.resolve_iso(admission["end"], call.today),
            "est_inscrit": bool(admission.get("enrolled", True)),
            "regime_formation": {
                "libelle": TRAINING_LABELS[admission["training"]],
                "code": admission["training"],
            },
            "code_cog_insee_commune": admission["commune"],
            "etablissement_etudes": {"uai": admission["uai"], "nom": admission["name"]},
        }
        for admission in student["admissions"]
    ]
    data: dict[str, Any] = {"admissions": admissions}
    if call.mode == IDENTITY:
        identity = call.subject.identity
        data["identite"] = {
            "nom_naissance": identity.family_name.upper(),
            "prenom": identity.given_name_list()[0].upper(),
            "date_naissance": identity.birthdate_iso(call.today),
        }
    return data


def etudiant_boursier(call: Call) -> dict[str, Any]:
    scholarship = _section(call, "scholarship", errors.CNOUS)
    data: dict[str, Any] = {
        "statut_boursier": {
            "est_boursier": bool(scholarship["holder"]),
            "est_radie": scholarship.get("struck_off_on") is not None,
            "date_radiation": dates.resolve_iso(scholarship.get("struck_off_on"), call.today),
        },
        "periode_versement_bourse": {
            "date_rentree": dates.resolve_iso(scholarship["school_year_start"], call.today),
            "duree": scholarship["months"],
        },
        "etablissement_etudes": {
            "nom_commune": scholarship["city"],
            "nom_etablissement": scholarship["institution"],
        },
        "echelon_bourse": {
            "echelon": str(scholarship["level"]),
            "echelon_bourse_regionale_provisoire": bool(scholarship.get("regional_provisional", False)),
        },
        "email": scholarship["email"],
    }
    if call.mode == IDENTITY:
        identity = call.subject.identity
        data["identite"] = {
            "nom": identity.family_name.upper(),
            "prenoms": [name.upper() for name in identity.given_name_list()],
            "date_naissance": identity.birthdate_iso(call.today),
            "nom_commune_naissance": scholarship["birth_commune_name"],
            "sexe": identity.gender or "F",
        }
    return data


def _school_year_start(args: Mapping[str, str]) -> int:
    match = SCHOOL_YEAR.match((args.get("anneeScolaire") or "").strip())
    if not match or (match[2] and int(match[2]) != int(match[1]) + 1):
        raise errors.parameter_malformed(
            "anneeScolaire", "Le paramètre anneeScolaire doit être au format AAAA ou AAAA-AAAA"
        )
    return int(match[1])


def scolarite_check(args: Mapping[str, str], today: dt.date) -> None:
    _school_year_start(args)
    establishment = (args.get("codeEtablissement") or "").strip()
    perimeters = [name for name in ("codesBcnDepartements[]", "codesBcnRegions[]") if args.getlist(name)]
    if establishment and perimeters:
        raise errors.parameter_malformed(
            "codeEtablissement",
            "Les paramètres codeEtablissement et périmètre (codesBcnRegions/codesBcnDepartements) "
            "sont mutuellement exclusifs",
            code="00419",
        )
    if not establishment and len(perimeters) != 1:
        raise errors.parameter_malformed(
            "codeEtablissement",
            "Exactement un périmètre de recherche est attendu : codeEtablissement, codesBcnDepartements[] "
            "ou codesBcnRegions[]",
            code="00419",
        )
    degree = (args.get("degreEtablissement") or "").strip()
    if degree and degree not in ("1D", "2D"):
        raise errors.parameter_malformed(
            "degreEtablissement", "Le paramètre degreEtablissement vaut 1D ou 2D"
        )


def _in_perimeter(school: Mapping[str, Any], args: Mapping[str, str]) -> bool:
    establishment = (args.get("codeEtablissement") or "").strip().upper()
    if establishment and establishment != school["uai"]:
        return False
    departments = [code.strip().zfill(3) for code in args.getlist("codesBcnDepartements[]")]
    if departments and school["uai"][:3] not in departments:
        return False
    degree = (args.get("degreEtablissement") or "").strip()
    return not degree or degree == school.get("degree")


def scolarite(call: Call) -> dict[str, Any]:
    pupil: Pupil = call.subject
    school = pupil.school
    start = dates.academic_year_start(call.today).year
    if _school_year_start(call.args) != start or not _in_perimeter(school, call.args):
        raise errors.MEN.missing()
    level = school.get("scholarship_level")
    return {
        "identite": {
            "nom": pupil.identity.family_name.upper(),
            "prenom": pupil.identity.given_name_list()[0].upper(),
            "sexe": pupil.identity.gender or "F",
            "date_naissance": pupil.identity.birthdate_iso(call.today),
        },
        "module_elementaire_formation": {
            "code_mef_stat": school.get("mef_code"),
            "libelle": school.get("mef_label"),
        },
        "etablissement": {
            "code_uai": school["uai"],
            "nom": school["name"],
            "code_ministere_tutelle": school.get("ministry"),
        },
        "annee_scolaire": f"{start}-{start + 1}",
        "est_scolarise": True,
        "statut_eleve": {"code": school["status"]["code"], "libelle": school["status"]["label"]},
        "est_boursier": level is not None,
        "echelon_bourse": level,
    }


MESRI_SCOPES = frozenset(
    {
        "mesri_identite",
        "mesri_inscription",
        "mesri_regime",
        "mesri_etablissements",
        # FranceConnect data scopes of the same provider, as FC grants them.
        "mesri_identifiant",
        "mesri_inscription_etudiant",
        "mesri_inscription_autre",
        "mesri_admission",
    }
)
CNOUS_MASKS = {
    "statut_boursier": "cnous_statut_boursier",
    "echelon_bourse": "cnous_echelon_bourse",
    "email": "cnous_email",
    "periode_versement_bourse": "cnous_periode_versement",
    "etablissement_etudes": "cnous_ville_etudes",
    "identite": "cnous_identite",
}
MEN_MASKS = {
    "identite": "men_statut_identite",
    "est_boursier": "men_statut_boursier",
    "echelon_bourse": "men_echelon_bourse",
}

ENDPOINTS = [
    Endpoint(
        path="/v3/mesri/statut_etudiant",
        modes=(IDENTITY, FRANCE_CONNECT),
        scopes=MESRI_SCOPES,
        provider=errors.MESRI,
        build=statut_etudiant,
        rules=IdentityRules(max_given_names=1, birthdate_required=True, with_country=False),
        masks={"identite": "mesri_identite"},
    ),
    Endpoint(
        path="/v4/cnous/etudiant_boursier",
        modes=(IDENTITY, FRANCE_CONNECT),
        scopes=frozenset({*CNOUS_MASKS.values(), "cnous_statut_bourse"}),
        provider=errors.CNOUS,
        build=etudiant_boursier,
        rules=IdentityRules(birthdate_required=True, gender_required=False, with_country=False),
        masks=CNOUS_MASKS,
    ),
    Endpoint(
        path="/v4/men/scolarites",
        modes=(IDENTITY,),
        scopes=frozenset({*MEN_MASKS.values(), "men_statut_scolarite"}),
        provider=errors.MEN,
        build=scolarite,
        rules=IdentityRules(birthdate_required=True, with_country=False),
        masks=MEN_MASKS,
        finder="pupil",
        check=scolarite_check,
    ),
]
