"""From agency answers to rights: pure functions, no database (the services store their result).

Dates are computed at the edges, with `today` given, so every rule is testable on a fixed day:

- a fixed-term right (C2S: 12 months) ends the day before its anniversary; it is "à renouveler
  bientôt" from 60 days before its end (`RENEWAL_WINDOW_DAYS`, both ends included) and closed after;
- RSA and prime d'activité are kept by a quarterly declaration of resources (déclaration trimestrielle
  de ressources). Our rule, documented in docs/rights.md: the right's quarters start on the first day
  of the month it opened; the declaration of a quarter opens on the first day of the following month
  and is due on its 15th (`DECLARATION_DAY`); `next_declaration_due` is the first such 15th that is
  today or later.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rights.catalogue import benefit, benefits

RENEWAL_WINDOW_DAYS = 60
DECLARATION_DAY = 15
# The ASS is paid at a daily rate (19,53 € in 2026) for every day of the month: a monthly payment
# above 31 days of it cannot be ASS, so France Travail's payments are read as ARE. API Particulier
# does not name the allowance; the page says the type is deduced.
ASS_MONTHLY_CEILING = Decimal("620.00")

STATUS_DATASETS = {
    "revenu_solidarite_active": "rsa",
    "prime_activite": "ppa",
    "allocation_adulte_handicape": "aah",
    "allocation_soutien_familial": "asf",
    "allocation_enfant_handicape": "aeeh",
}


@dataclass
class Draft:
    """A right as the agency data says it is, before it is stored."""

    key: str
    organism: str
    source: str
    dataset: str
    fetched_at: dt.datetime
    status: str = "open"
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    next_declaration_due: dt.date | None = None
    amount: Decimal | None = None
    periodicity: str = ""
    payments: list[dict] = field(default_factory=list)
    basis: str = ""


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def fixed_term_end(start: dt.date, months: int) -> dt.date:
    return add_months(start, months) - dt.timedelta(days=1)


def status_for(*, end_date: dt.date | None, today: dt.date) -> str:
    if end_date is None:
        return "open"
    if end_date < today:
        return "closed"
    if (end_date - today).days <= RENEWAL_WINDOW_DAYS:
        return "renewal_due"
    return "open"


def next_declaration_due(*, start: dt.date, today: dt.date) -> dt.date:
    first_month = start.replace(day=1)
    months = (today.year - first_month.year) * 12 + today.month - first_month.month
    quarters = max(1, months // 3)
    while True:
        due = add_months(first_month, 3 * quarters).replace(day=DECLARATION_DAY)
        if due >= today:
            return due
        quarters += 1


def _date(value: str | None) -> dt.date | None:
    """Agency dates, including FranceConnect-style presumed ones (`1990-00-00`)."""
    if not value:
        return None
    year, month, day = value.split("-")
    return dt.date(int(year), int(month) or 1, int(day) or 1)


def _age_years(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _with_renewal(draft: Draft, today: dt.date) -> Draft:
    renewal = benefit(draft.key).renewal
    if renewal is not None and renewal.kind == "quarterly_declaration" and draft.start_date:
        draft.next_declaration_due = next_declaration_due(start=draft.start_date, today=today)
    if renewal is not None and renewal.kind == "fixed_term" and draft.start_date and not draft.end_date:
        draft.end_date = fixed_term_end(draft.start_date, renewal.months)
    draft.status = status_for(end_date=draft.end_date, today=today)
    return draft


def _from_status(dataset: str, payload: dict, common: dict) -> Draft | None:
    beneficiary = (
        payload.get("status", "non_beneficiaire") != "non_beneficiaire"
        if dataset == "allocation_enfant_handicape"
        else bool(payload.get("est_beneficiaire"))
    )
    if not beneficiary:
        return None
    basis = "droit ouvert selon votre caisse"
    if payload.get("avec_majoration"):
        basis += " (avec majoration parent isolé)"
    return Draft(
        key=STATUS_DATASETS[dataset], start_date=_date(payload.get("date_debut_droit")),
        periodicity="mensuelle", basis=basis, **common,
    )  # fmt: skip


def _from_health(payload: dict, common: dict) -> Draft | None:
    if not payload.get("est_beneficiaire"):
        return None
    key = "css_participation" if payload.get("avec_participation") else "css_sans_participation"
    return Draft(
        key=key, start_date=_date(payload.get("date_debut_droit")), periodicity="mensuelle",
        basis="droit ouvert selon l'Assurance Maladie", **common,
    )  # fmt: skip


def _from_family_file(payload: dict, common: dict, today: dt.date) -> list[Draft]:
    """The CAF/MSA file names the children, not the family benefits: two are deduced from them,
    and said to be deduced (the other family benefits depend on resources: the simulator's job)."""
    births = [_date(child.get("date_naissance")) for child in payload.get("enfants", [])]
    ages = [_age_years(birth, today) for birth in births if birth]
    drafts = []
    if sum(1 for age in ages if age < 20) >= 2:
        drafts.append(
            Draft(key="af", periodicity="mensuelle", basis="déduit des enfants de votre dossier", **common)
        )
    young = [birth for birth in births if birth and _age_years(birth, today) < 3]
    if young:
        birth = max(young)
        drafts.append(
            Draft(
                key="paje_base",
                periodicity="mensuelle",
                start_date=add_months(birth.replace(day=1), 1),
                end_date=add_months(birth, 36) - dt.timedelta(days=1),
                basis="déduit de l'enfant de moins de 3 ans de votre dossier",
                **common,
            )
        )
    return drafts


def _from_jobseeker_payments(payload: dict, common: dict) -> Draft | None:
    payments = sorted(
        ({"date": p["date_versement"], "amount": str(Decimal(str(p["montant_total"])).quantize(Decimal("0.01")))}
         for p in payload.get("paiements", [])),
        key=lambda p: p["date"],
    )  # fmt: skip
    if not payments:
        return None
    largest = max(Decimal(p["amount"]) for p in payments)
    key = "ass" if largest <= ASS_MONTHLY_CEILING else "are"
    return Draft(
        key=key, amount=Decimal(payments[-1]["amount"]), periodicity="mensuelle", payments=payments,
        basis="versements transmis par France Travail ; type d'allocation déduit des montants", **common,
    )  # fmt: skip


def _from_scholarship(payload: dict, common: dict) -> Draft | None:
    status = payload.get("statut_boursier") or {}
    if not status.get("est_boursier") or status.get("est_radie"):
        return None
    period = payload.get("periode_versement_bourse") or {}
    start, months = _date(period.get("date_rentree")), period.get("duree")
    level = (payload.get("echelon_bourse") or {}).get("echelon")
    return Draft(
        key="bourse_criteres_sociaux", start_date=start,
        end_date=fixed_term_end(start, months) if start and months else None, periodicity="mensuelle",
        basis=f"échelon {level or '?'}, versée {months or '?'} mois", **common,
    )  # fmt: skip


def drafts_from_agency_data(rows: list, *, today: dt.date) -> list[Draft]:
    """Every right the stored agency answers show (`rows`: AgencyData with status found)."""
    drafts: list[Draft] = []
    for row in rows:
        if row.status != "found":
            continue
        common = {"organism": row.organism, "source": row.source, "dataset": row.dataset,
                  "fetched_at": row.fetched_at}  # fmt: skip
        if row.dataset in STATUS_DATASETS:
            found = [_from_status(row.dataset, row.payload, common)]
        elif row.dataset == "complementaire_sante_solidaire":
            found = [_from_health(row.payload, common)]
        elif row.dataset == "quotient_familial":
            found = _from_family_file(row.payload, common, today)
        elif row.dataset == "france_travail_indemnites":
            found = [_from_jobseeker_payments(row.payload, common)]
        elif row.dataset == "etudiant_boursier":
            found = [_from_scholarship(row.payload, common)]
        else:
            found = []  # statut étudiant, France Travail status, tax data: facts, not benefits
        drafts += [
            _with_renewal(draft, today) for draft in found if draft is not None and draft.key in benefits()
        ]
    return drafts
