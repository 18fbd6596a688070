"""What one agency answer says, as (label, value) rows in French for "Mes données".

It reads the same typed answers (`connectors.schemas`) as `agencies.facts`, never the raw payload:
a stored answer that no longer matches its schema is shown as unreadable rather than half-read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import formats
from pydantic import ValidationError

from agencies.connectors import schemas

Rows = list[tuple[str, str]]
UNREADABLE: Rows = [("Réponse", "illisible : elle ne correspond plus au format attendu")]

STATUS_NAMES = {
    "revenu_solidarite_active": "RSA",
    "prime_activite": "Prime d'activité",
    "allocation_adulte_handicape": "AAH",
    "allocation_soutien_familial": "ASF",
    "allocation_enfant_handicape": "AEEH",
    "complementaire_sante_solidaire": "Complémentaire santé solidaire",
}


def _date(value: str | dt.date | None) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        if value.endswith("-00"):  # a presumed date: its year only
            return value[:4]
        value = dt.date.fromisoformat(value)
    return formats.date_format(value, "j F Y")


def _euros(value: float | None) -> str:
    return "—" if value is None else f"{formats.number_format(value, 2, force_grouping=True)} €"


def _family_file(answer: schemas.QuotientFamilial, _: str) -> Rows:
    qf = answer.quotient_familial
    rows = [("Quotient familial", f"{qf.valeur} € ({qf.fournisseur}, {qf.mois}/{qf.annee})")]
    rows += [("Allocataire", f"{p.prenoms.title()} {p.nom_naissance}") for p in answer.allocataires]
    rows += [("Enfant", f"{p.prenoms.title()}, né(e) le {_date(p.date_naissance)}") for p in answer.enfants]
    if answer.adresse:
        street, city = answer.adresse.numero_libelle_voie or "", answer.adresse.code_postal_ville or ""
        rows.append(("Adresse", f"{street} {city}".strip()))
    return rows


def _status(answer, dataset: str) -> Rows:
    name = STATUS_NAMES[dataset]
    if not answer.est_beneficiaire:
        return [(name, "pas de droit ouvert")]
    rows = [(name, f"droit ouvert depuis le {_date(answer.date_debut_droit)}")]
    if getattr(answer, "avec_majoration", None):
        rows.append(("Majoration", "oui (parent isolé)"))
    participation = getattr(answer, "avec_participation", None)
    if participation is not None:
        rows.append(("Participation financière", "oui" if participation else "non (gratuite)"))
    return rows


def _jobseeker(answer: schemas.JobseekerStatus, _: str) -> Rows:
    registration = answer.inscription
    category = registration.categorie.code if registration and registration.categorie else None
    return [
        ("Identifiant", answer.identifiant),
        ("Inscrit depuis le", _date(registration.date_debut if registration else None)),
        ("Catégorie", str(category) if category else "—"),
    ]


def _payments(answer: schemas.JobseekerPayments, _: str) -> Rows:
    return [(f"Versement du {_date(p.date_versement)}", _euros(p.montant_total)) for p in answer.paiements]


def _student(answer: schemas.StudentStatus, _: str) -> Rows:
    return [
        (
            "Inscription",
            f"{'inscrit' if a.est_inscrit else 'admis'} du {_date(a.date_debut)} au {_date(a.date_fin)}",
        )
        for a in answer.admissions
    ] or [("Inscription", "aucune")]


def _scholarship(answer: schemas.Scholarship, _: str) -> Rows:
    level = answer.echelon_bourse.echelon if answer.echelon_bourse else None
    period = answer.periode_versement_bourse
    return [
        ("Boursier", "oui" if answer.statut_boursier.est_boursier else "non"),
        ("Échelon", level or "—"),
        (
            "Versement",
            f"{(period and period.duree) or '?'} mois à partir du {_date(period.date_rentree if period else None)}",
        ),
    ]


def _schooling(answer: schemas.Schoolings, _: str) -> Rows:
    rows = []
    for pupil in answer.eleves:
        schooling = pupil.scolarite
        if schooling is None:
            rows.append((pupil.prenom, "scolarité inconnue de l'Éducation nationale"))
            continue
        grant = f", boursier échelon {schooling.echelon_bourse}" if schooling.est_boursier else ""
        level = (
            schooling.module_elementaire_formation and schooling.module_elementaire_formation.libelle
        ) or ""
        rows.append((pupil.prenom, f"{level} — {schooling.etablissement.nom or ''}{grant}".strip(" —")))
    return rows


def _tax(answer: schemas.TaxSituation, _: str) -> Rows:
    return [
        ("Revenus de l'année", str(answer.annee_revenus)),
        ("Revenu fiscal de référence", _euros(answer.revenu_fiscal_reference)),
        ("Nombre de parts", str(answer.nombre_parts or "—")),
        ("Situation de famille", answer.situation_famille or "—"),
    ]


_READERS: dict[str, Callable[[object, str], Rows]] = {
    "quotient_familial": _family_file,
    **dict.fromkeys(STATUS_NAMES, _status),
    "france_travail_statut": _jobseeker,
    "france_travail_indemnites": _payments,
    "statut_etudiant": _student,
    "etudiant_boursier": _scholarship,
    "scolarite": _schooling,
    "revenu_fiscal": _tax,
}


def dataset_rows(dataset: str, payload: dict) -> Rows:
    """The facts of one stored answer as (label, value) rows in French."""
    reader, schema = _READERS.get(dataset), schemas.DATASET_SCHEMAS.get(dataset)
    if reader is None or schema is None:
        return []
    try:
        answer = schema.model_validate(payload)
    except ValidationError:
        return UNREADABLE
    return reader(answer, dataset)
