"""Answers pre-filled from what FranceConnect and the agencies told us, each with its source and date.

Pure reading: ``prefill_answers`` returns answers and sources; the caller decides what to keep
(a step the person has already posted is never overwritten).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from agencies.models import AgencyData
from simulator.communes import communes_for_postcode_and_city
from simulator.engine.mapping import month_add
from simulator.engine.situation import today

COUPLE_FROM_TAX_STATUS = {"M": "marie", "O": "pacse"}


class _Prefill:
    def __init__(self):
        self.answers: dict[str, dict] = defaultdict(dict)
        self.sources: dict[str, dict] = {}

    def put(self, step: str, name: str, value, source: str, when) -> None:
        self.answers[step][name] = value
        when = when.isoformat() if hasattr(when, "isoformat") else str(when)
        self.sources[f"{step}.{name}"] = {"source": source, "date": when}


def _birth_date(value: str | None) -> str | None:
    """FranceConnect and the CAF send presumed dates with 00 for an unknown day or month: use the 1st."""
    if not value:
        return None
    year, month, day = value.split("-")
    return f"{year}-{month if month != '00' else '01'}-{day if day != '00' else '01'}"


def _school_level(birth: str) -> str:
    age = today().year - int(birth[:4])
    for upper, level in ((3, ""), (6, "maternelle"), (11, "primaire"), (15, "college"), (18, "lycee")):
        if age < upper:
            return level
    return ""


def prefill_answers(*, user) -> tuple[dict, dict]:
    """(answers by step, sources by "step.field") from the identity and every dataset found."""
    prefill = _Prefill()
    identity = getattr(user, "identity", None)
    if identity is not None:
        source = "FranceConnect" + (" (date présumée)" if "-00" in identity.birthdate else "")
        prefill.put("profil", "birth_date", _birth_date(identity.birthdate), source, identity.updated_at)
    rows = {row.dataset: row for row in AgencyData.objects.filter(user=user, status=AgencyData.Status.FOUND)}
    meta = {}
    for dataset, function in _READERS.items():
        if dataset in rows:
            function(prefill, rows[dataset].payload, rows[dataset], meta)
    answers = dict(prefill.answers)
    if meta:
        answers["_meta"] = meta
    return answers, prefill.sources


def _quotient_familial(prefill: _Prefill, payload: dict, row, meta: dict) -> None:
    provider = payload.get("quotient_familial", {}).get("fournisseur", "CNAF")
    source = "MSA" if provider == "MSA" else "CAF"
    meta["family_organism"] = "msa" if provider == "MSA" else "caf"
    when = row.fetched_at
    allocataires = payload.get("allocataires", [])
    own = prefill.answers["profil"].get("birth_date")
    partners = [p for p in allocataires if _birth_date(p.get("date_naissance")) != own]
    if len(allocataires) >= 2 and partners:
        prefill.put("foyer", "couple", prefill.answers["foyer"].get("couple", "union_libre"), source, when)
        prefill.put(
            "foyer", "partner_birth_date", _birth_date(partners[0].get("date_naissance")), source, when
        )
    elif allocataires:
        prefill.put("foyer", "couple", "seul", source, when)
    children = [child for child in payload.get("enfants", []) if child.get("date_naissance")]
    prefill.put("foyer", "children_count", str(len(children)), source, when)
    for index, child in enumerate(children):
        birth = _birth_date(child["date_naissance"])
        prefill.put("enfants", f"child_{index}_birth_date", birth, source, when)
        prefill.put(
            "enfants",
            f"child_{index}_school_level",
            _school_level(birth),
            f"{source} (déduit de l'âge)",
            when,
        )
    address = (payload.get("adresse") or {}).get("code_postal_ville") or ""
    communes = communes_for_postcode_and_city(address)
    if len(communes) == 1:
        prefill.put("logement", "commune_query", address[:5], source, when)
        prefill.put("logement", "depcom", communes[0].code, source, when)


def _benefit_status(key: str, source: str):
    def read(prefill: _Prefill, payload: dict, row, meta: dict) -> None:
        if payload.get("est_beneficiaire"):
            organism = source if source != "CAF" else meta.get("family_organism", "caf").upper()
            prefill.put("revenus", f"received_{key}", "on", organism, row.fetched_at)
            if payload.get("date_debut_droit"):
                prefill.put(
                    "revenus", f"received_{key}_since", payload["date_debut_droit"], organism, row.fetched_at
                )

    return read


def _aah(prefill: _Prefill, payload: dict, row, meta: dict) -> None:
    _benefit_status("aah", "CAF")(prefill, payload, row, meta)
    if payload.get("est_beneficiaire") and "disability_rate" not in prefill.answers["profil"]:
        # The AAH is open from 80 % (or 50 % with a restriction to work): 80 is a starting point to confirm.
        prefill.put("profil", "disability_rate", "80", "CAF : AAH perçue (taux à confirmer)", row.fetched_at)


def _c2s(prefill: _Prefill, payload: dict, row, meta: dict) -> None:
    if payload.get("est_beneficiaire"):
        key = "css_participation" if payload.get("avec_participation") else "css_sans_participation"
        prefill.put("revenus", f"received_{key}", "on", "Assurance Maladie", row.fetched_at)


def _student(prefill: _Prefill, payload: dict, row, meta: dict) -> None:
    if any(admission.get("est_inscrit") for admission in payload.get("admissions", [])):
        prefill.put("profil", "activity", "etudiant", "Enseignement supérieur", row.fetched_at)


def _scholarship(prefill: _Prefill, payload: dict, row, meta: dict) -> None:
    if (payload.get("statut_boursier") or {}).get("est_boursier"):
        prefill.put("profil", "scholarship", "on", "CROUS", row.fetched_at)


def _jobseeker(prefill: _Prefill, payload: dict, row, meta: dict) -> None:
    registration = payload.get("inscription") or {}
    ended = registration.get("date_fin") and registration["date_fin"] < today().isoformat()
    if registration.get("date_debut") and not ended:
        prefill.put("profil", "activity", "chomeur", "France Travail", row.fetched_at)
        prefill.put("profil", "jobseeker_since", registration["date_debut"], "France Travail", row.fetched_at)


def _payments(prefill: _Prefill, payload: dict, row, meta: dict) -> None:
    """France Travail payments of the last 12 months → the monthly unemployment income."""
    month = today().strftime("%Y-%m")
    first = month_add(month, -12)
    paid = [p for p in payload.get("paiements", []) if first <= p["date_versement"][:7] < month]
    if not paid:
        return
    total = sum(float(p["montant_total"]) for p in paid)
    months = len({p["date_versement"][:7] for p in paid})
    earliest = min(p["date_versement"][:7] for p in paid)
    span = 12 - next(i for i in range(12) if month_add(first, i) >= earliest)
    prefill.put(
        "revenus", "demandeur_chomage_net_amount", f"{total / months:.2f}", "France Travail", row.fetched_at
    )
    prefill.put(
        "revenus",
        "demandeur_chomage_net_months",
        str(max(1, min(span, 12))),
        "France Travail",
        row.fetched_at,
    )


def _tax(prefill: _Prefill, payload: dict, row, meta: dict) -> None:
    if payload.get("revenu_fiscal_reference") is not None:
        source = f"Impôts (revenus {payload.get('annee_revenus')})"
        prefill.put("revenus", "rfr_n2", str(payload["revenu_fiscal_reference"]), source, row.fetched_at)
    couple = COUPLE_FROM_TAX_STATUS.get(payload.get("situation_famille") or "")
    if couple and prefill.answers["foyer"].get("couple") not in (None, "seul"):
        prefill.put("foyer", "couple", couple, "Impôts", row.fetched_at)


_READERS = {
    "quotient_familial": _quotient_familial,
    "revenu_solidarite_active": _benefit_status("rsa", "CAF"),
    "prime_activite": _benefit_status("ppa", "CAF"),
    "allocation_soutien_familial": _benefit_status("asf", "CAF"),
    "allocation_adulte_handicape": _aah,
    "complementaire_sante_solidaire": _c2s,
    "statut_etudiant": _student,
    "etudiant_boursier": _scholarship,
    "france_travail_statut": _jobseeker,
    "france_travail_indemnites": _payments,
    "revenu_fiscal": _tax,
}


def source_date(value: str) -> dt.datetime | dt.date:
    parsed = dt.datetime.fromisoformat(value)
    return timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed
