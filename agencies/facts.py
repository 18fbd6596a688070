"""What the agencies say about a person: one typed reading of their stored answers.

Every app above (rights, simulator, alerts) reads agency data through ``AgencyFacts``, never the raw
payloads: each dataset has exactly one reader here, and each fact keeps the organism that said it and
when it was fetched. Adding a dataset means adding one reader.

Pure functions of the stored rows (``AgencyData`` with status found): built again on each read, so a
withdrawn consent (its rows deleted) takes its facts away at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from pydantic import ValidationError

from agencies.connectors import schemas
from agencies.registry import organism

T = TypeVar("T")

# The ASS is paid at a daily rate (19,53 € in 2026) for every day of the month: a monthly payment
# above 31 days of it cannot be ASS, so France Travail's payments above it are read as ARE. API
# Particulier does not name the allowance; the pages say the type is deduced.
ASS_MONTHLY_CEILING = Decimal("620.00")

# Benefit statuses answered by API Particulier, as the catalogue's benefit keys.
STATUS_DATASETS = {
    "revenu_solidarite_active": "rsa",
    "prime_activite": "ppa",
    "allocation_adulte_handicape": "aah",
    "allocation_soutien_familial": "asf",
    "allocation_enfant_handicape": "aeeh",
}


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A value an agency gave, with who gave it (organism code and its short name) and when."""

    value: T
    organism: str
    source: str  # the consent source the data came through (caf, cpam, dgfip...)
    dataset: str
    fetched_at: dt.datetime

    @property
    def said_by(self) -> str:
        return organism(self.organism).short_name


@dataclass(frozen=True)
class PaidBenefit:
    """A benefit an agency says the person receives (the amount only when the agency gives it)."""

    key: str
    since: dt.date | None = None
    with_increase: bool = False  # RSA majoré (isolated parent)
    with_participation: bool | None = None  # C2S
    monthly_amount: Decimal | None = None
    payments: tuple[tuple[dt.date, Decimal], ...] = ()


@dataclass(frozen=True)
class Jobseeker:
    identifier: str
    since: dt.date | None
    until: dt.date | None
    category: int | None


@dataclass(frozen=True)
class ScholarshipFacts:
    level: str | None
    first_day: dt.date | None
    months: int | None


@dataclass(frozen=True)
class Child:
    first_names: str
    birth_date: dt.date | None
    presumed_birth_date: bool


@dataclass(frozen=True)
class TaxFacts:
    income_year: int
    reference_income: Decimal | None  # revenu fiscal de référence
    shares: float | None
    family_status: str | None  # M, O, C, D, V
    dependants: int | None
    postcode: str | None
    city: str | None


@dataclass
class AgencyFacts:
    """Everything the agencies told about one person, typed, each fact with its source and date."""

    family_organism: Fact[str] | None = None  # "caf" or "msa": who holds the family file
    quotient_familial: Fact[int] | None = None
    parents: Fact[tuple[dt.date | None, ...]] | None = None  # birth dates of the file's allocataires
    children: Fact[tuple[Child, ...]] | None = None
    postcode_and_city: Fact[str] | None = None  # "13013 MARSEILLE"
    paid: dict[str, Fact[PaidBenefit]] = field(default_factory=dict)  # catalogue key → fact
    jobseeker: Fact[Jobseeker] | None = None
    student: Fact[bool] | None = None
    study_commune: Fact[str] | None = None  # INSEE code of the place of study
    scholarship: Fact[ScholarshipFacts] | None = None
    tax: Fact[TaxFacts] | None = None
    schooling: dict[str, Fact[schemas.Schooling]] = field(default_factory=dict)  # first name → schooling

    def receives(self, key: str) -> bool:
        return key in self.paid


def agency_date(value: str | dt.date | None) -> dt.date | None:
    """Agency dates, including FranceConnect-style presumed ones (``1990-00-00`` → 1 January 1990)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    year, month, day = value.split("-")
    return dt.date(int(year), int(month) or 1, int(day) or 1)


def facts_from_rows(rows: Iterable) -> AgencyFacts:
    """The facts of a person's stored answers (``AgencyData`` rows; rows not found are skipped).

    A payload that no longer matches its schema is skipped: its dataset then says nothing, which
    every reader treats as unknown rather than as "no".
    """
    facts = AgencyFacts()
    found = [row for row in rows if row.status == "found"]
    # The family file first: other readers need to know whether the CAF or the MSA holds it.
    found.sort(key=lambda row: row.dataset != "quotient_familial")
    for row in found:
        reader = _READERS.get(row.dataset)
        schema = schemas.DATASET_SCHEMAS.get(row.dataset)
        if reader is None or schema is None:
            continue
        try:
            answer = schema.model_validate(row.payload)
        except ValidationError:
            continue
        reader(facts, answer, row)
    return facts


def _fact(row, value, *, organism_code: str | None = None) -> Fact:
    return Fact(value, organism_code or row.organism, row.source, row.dataset, row.fetched_at)


def _family_file(facts: AgencyFacts, answer: schemas.QuotientFamilial, row) -> None:
    code = "msa" if answer.quotient_familial.fournisseur == "MSA" else "caf"
    facts.family_organism = _fact(row, code, organism_code=code)
    if answer.quotient_familial.valeur is not None:
        facts.quotient_familial = _fact(row, answer.quotient_familial.valeur, organism_code=code)
    facts.parents = _fact(
        row, tuple(agency_date(p.date_naissance) for p in answer.allocataires), organism_code=code
    )
    children = tuple(
        Child(
            first_names=child.prenoms,
            birth_date=agency_date(child.date_naissance),
            presumed_birth_date="-00" in (child.date_naissance or ""),
        )
        for child in answer.enfants
    )
    facts.children = _fact(row, children, organism_code=code)
    if answer.adresse and answer.adresse.code_postal_ville:
        facts.postcode_and_city = _fact(row, answer.adresse.code_postal_ville.strip(), organism_code=code)


def _family_organism_of(facts: AgencyFacts, row) -> str:
    """CAF benefits are paid by the MSA to farmers: the family file says which."""
    if row.source == "caf" and facts.family_organism is not None:
        return facts.family_organism.value
    return row.organism


def _benefit_status(facts: AgencyFacts, answer, row) -> None:
    if not answer.est_beneficiaire:
        return
    key = STATUS_DATASETS[row.dataset]
    paid = PaidBenefit(
        key=key,
        since=answer.date_debut_droit,
        with_increase=bool(getattr(answer, "avec_majoration", False)),
    )
    facts.paid[key] = _fact(row, paid, organism_code=_family_organism_of(facts, row))


def _health(facts: AgencyFacts, answer: schemas.HealthStatus, row) -> None:
    if not answer.est_beneficiaire:
        return
    key = "css_participation" if answer.avec_participation else "css_sans_participation"
    paid = PaidBenefit(
        key=key, since=answer.date_debut_droit, with_participation=bool(answer.avec_participation)
    )
    facts.paid[key] = _fact(row, paid)


def _jobseeker(facts: AgencyFacts, answer: schemas.JobseekerStatus, row) -> None:
    registration = answer.inscription
    if registration is None:
        return
    category = registration.categorie.code if registration.categorie else None
    facts.jobseeker = _fact(
        row, Jobseeker(answer.identifiant, registration.date_debut, registration.date_fin, category)
    )


def _jobseeker_payments(facts: AgencyFacts, answer: schemas.JobseekerPayments, row) -> None:
    """France Travail's payments, told apart: ASS (a daily rate, capped) or ARE."""
    payments = tuple(
        sorted(
            (p.date_versement, Decimal(str(p.montant_total)).quantize(Decimal("0.01")))
            for p in answer.paiements
        )
    )
    if not payments:
        return
    key = "ass" if max(amount for _, amount in payments) <= ASS_MONTHLY_CEILING else "are"
    paid = PaidBenefit(key=key, since=payments[0][0], monthly_amount=payments[-1][1], payments=payments)
    facts.paid[key] = _fact(row, paid)


def _student(facts: AgencyFacts, answer: schemas.StudentStatus, row) -> None:
    facts.student = _fact(row, any(admission.est_inscrit for admission in answer.admissions))
    code = next((a.code_cog_insee_commune for a in answer.admissions if a.code_cog_insee_commune), None)
    if code:
        facts.study_commune = _fact(row, code)


def _scholarship(facts: AgencyFacts, answer: schemas.Scholarship, row) -> None:
    if not answer.statut_boursier.est_boursier or answer.statut_boursier.est_radie:
        return
    period = answer.periode_versement_bourse
    level = answer.echelon_bourse.echelon if answer.echelon_bourse else None
    facts.scholarship = _fact(
        row,
        ScholarshipFacts(level, period.date_rentree if period else None, period.duree if period else None),
    )


def _tax(facts: AgencyFacts, answer: schemas.TaxSituation, row) -> None:
    reference = answer.revenu_fiscal_reference
    facts.tax = _fact(
        row,
        TaxFacts(
            income_year=answer.annee_revenus,
            reference_income=Decimal(reference) if reference is not None else None,
            shares=answer.nombre_parts,
            family_status=answer.situation_famille,
            dependants=answer.nombre_personnes_a_charge,
            postcode=answer.code_postal,
            city=answer.commune,
        ),
    )


def _schooling(facts: AgencyFacts, answer: schemas.Schoolings, row) -> None:
    for pupil in answer.eleves:
        if pupil.scolarite is not None:
            facts.schooling[pupil.prenom] = _fact(row, pupil.scolarite)


_READERS = {
    "quotient_familial": _family_file,
    **dict.fromkeys(STATUS_DATASETS, _benefit_status),
    "complementaire_sante_solidaire": _health,
    "france_travail_statut": _jobseeker,
    "france_travail_indemnites": _jobseeker_payments,
    "statut_etudiant": _student,
    "etudiant_boursier": _scholarship,
    "revenu_fiscal": _tax,
    "scolarite": _schooling,
}
