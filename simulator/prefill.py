"""Answers pre-filled from what FranceConnect and the agencies told us, each with its source and date.

Pure reading: ``prefill_answers`` returns answers and sources; the caller decides what to keep
(a step the person has already posted is never overwritten).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from agencies.facts import AgencyFacts, Fact
from agencies.selectors import agency_facts
from simulator.communes import communes_for_postcode_and_city
from simulator.engine.mapping import month_add
from simulator.engine.situation import today
from simulator.questionnaire.revenus import RECEIVED_BENEFITS

RECEIVED_KEYS = {key for key, _ in RECEIVED_BENEFITS}

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
    """(answers by step, sources by "step.field") from the identity and the agencies' facts."""
    prefill = _Prefill()
    identity = getattr(user, "identity", None)
    if identity is not None:
        source = "FranceConnect" + (" (date présumée)" if "-00" in identity.birthdate else "")
        prefill.put("profil", "birth_date", _birth_date(identity.birthdate), source, identity.updated_at)
    facts = agency_facts(user=user)
    meta = {}
    _family_file(prefill, facts, meta)
    _paid_benefits(prefill, facts)
    _statuses(prefill, facts)
    _unemployment(prefill, facts)
    _tax(prefill, facts)
    answers = dict(prefill.answers)
    if meta:
        answers["_meta"] = meta
    return answers, prefill.sources


def _family_file(prefill: _Prefill, facts: AgencyFacts, meta: dict) -> None:
    if facts.family_organism is None:
        return
    meta["family_organism"] = facts.family_organism.value
    if facts.quotient_familial is not None:
        meta["quotient_familial"] = facts.quotient_familial.value
    source = facts.family_organism.said_by
    when = facts.family_organism.fetched_at
    parents = facts.parents.value if facts.parents else ()
    own = prefill.answers["profil"].get("birth_date")
    partners = [birth for birth in parents if birth and birth.isoformat() != own]
    if len(parents) >= 2 and partners:
        prefill.put("foyer", "couple", prefill.answers["foyer"].get("couple", "union_libre"), source, when)
        prefill.put("foyer", "partner_birth_date", partners[0].isoformat(), source, when)
    elif parents:
        prefill.put("foyer", "couple", "seul", source, when)
    children = [child for child in (facts.children.value if facts.children else ()) if child.birth_date]
    prefill.put("foyer", "children_count", str(len(children)), source, when)
    for index, child in enumerate(children):
        birth = child.birth_date.isoformat()
        prefill.put("enfants", f"child_{index}_birth_date", birth, source, when)
        prefill.put(
            "enfants",
            f"child_{index}_school_level",
            _school_level(birth),
            f"{source} (déduit de l'âge)",
            when,
        )
    if len(children) >= 2:
        # Allocations familiales are paid to every family with two children under 20.
        prefill.put("revenus", "received_af", "on", f"{source} (déduit des enfants)", when)
    _address(prefill, facts.postcode_and_city)


def _address(prefill: _Prefill, fact) -> None:
    if fact is None or prefill.answers["logement"].get("depcom"):
        return
    communes = communes_for_postcode_and_city(fact.value)
    if len(communes) == 1:
        prefill.put("logement", "commune_query", fact.value[:5], fact.said_by, fact.fetched_at)
        prefill.put("logement", "depcom", communes[0].code, fact.said_by, fact.fetched_at)


def _paid_benefits(prefill: _Prefill, facts: AgencyFacts) -> None:
    for key, fact in facts.paid.items():
        if key not in RECEIVED_KEYS:
            continue
        prefill.put("revenus", f"received_{key}", "on", fact.said_by, fact.fetched_at)
        if fact.value.since:
            prefill.put(
                "revenus",
                f"received_{key}_since",
                fact.value.since.isoformat(),
                fact.said_by,
                fact.fetched_at,
            )
    aah = facts.paid.get("aah")
    if aah is not None and "disability_rate" not in prefill.answers["profil"]:
        # The AAH is open from 80 % (or 50 % with a restriction to work): 80 is a starting point to confirm.
        prefill.put(
            "profil",
            "disability_rate",
            "80",
            f"{aah.said_by} : AAH perçue (taux à confirmer)",
            aah.fetched_at,
        )


def _statuses(prefill: _Prefill, facts: AgencyFacts) -> None:
    if facts.student is not None and facts.student.value:
        prefill.put("profil", "activity", "etudiant", facts.student.said_by, facts.student.fetched_at)
    if facts.scholarship is not None:
        prefill.put("profil", "scholarship", "on", facts.scholarship.said_by, facts.scholarship.fetched_at)
    jobseeker = facts.jobseeker
    if jobseeker is None or jobseeker.value.since is None:
        return
    if jobseeker.value.until and jobseeker.value.until < today():
        return
    prefill.put("profil", "activity", "chomeur", jobseeker.said_by, jobseeker.fetched_at)
    prefill.put(
        "profil",
        "jobseeker_since",
        jobseeker.value.since.isoformat(),
        jobseeker.said_by,
        jobseeker.fetched_at,
    )


def _unemployment(prefill: _Prefill, facts: AgencyFacts) -> None:
    """France Travail payments of the last 12 months → the monthly ARE or ASS, told apart.

    An ASS being paid means France Travail checked its work condition (5 years in the last 10).
    """
    for key, kind in (("are", "chomage_net"), ("ass", "ass")):
        fact = facts.paid.get(key)
        if fact is None:
            continue
        month = today().strftime("%Y-%m")
        first = month_add(month, -12)
        paid = [
            (day, amount) for day, amount in fact.value.payments if first <= day.strftime("%Y-%m") < month
        ]
        if not paid:
            continue
        months = {day.strftime("%Y-%m") for day, _ in paid}
        span = 12 - next(i for i in range(12) if month_add(first, i) >= min(months))
        total = sum(amount for _, amount in paid)
        prefill.put(
            "revenus", f"demandeur_{kind}_amount", f"{total / len(months):.2f}", fact.said_by, fact.fetched_at
        )
        prefill.put(
            "revenus", f"demandeur_{kind}_months", str(max(1, min(span, 12))), fact.said_by, fact.fetched_at
        )
        if key == "ass":
            prefill.put(
                "profil", "ass_work_condition", "oui", f"{fact.said_by} (ASS versée)", fact.fetched_at
            )


def _tax(prefill: _Prefill, facts: AgencyFacts) -> None:
    if facts.tax is None:
        return
    tax, source, when = (
        facts.tax.value,
        f"Impôts (revenus {facts.tax.value.income_year})",
        facts.tax.fetched_at,
    )
    if tax.reference_income is not None:
        prefill.put("revenus", "rfr_n2", str(tax.reference_income), source, when)
    couple = COUPLE_FROM_TAX_STATUS.get(tax.family_status or "")
    if couple and prefill.answers["foyer"].get("couple") not in (None, "seul"):
        prefill.put("foyer", "couple", couple, "Impôts", when)
    if tax.postcode and tax.city:
        _address(prefill, Fact(f"{tax.postcode} {tax.city}", "dgfip", "dgfip", facts.tax.dataset, when))


def source_date(value: str) -> dt.datetime | dt.date:
    parsed = dt.datetime.fromisoformat(value)
    return timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed
