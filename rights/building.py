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

from agencies.facts import AgencyFacts, Fact, PaidBenefit, facts_from_rows
from rights.catalogue import benefit, benefits

RENEWAL_WINDOW_DAYS = 60
DECLARATION_DAY = 15


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


def declaration_quarter(due: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last days of the quarter whose declaration is due on `due`: the three months
    before the due date's month."""
    opens = declaration_opens_on(due)
    return add_months(opens, -3), opens - dt.timedelta(days=1)


def declaration_opens_on(due: dt.date) -> dt.date:
    """The day the declaration due on `due` opens: the day after its quarter ends (the 1st of the
    due date's month)."""
    return due.replace(day=1)


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


def _common(fact: Fact) -> dict:
    return {
        "organism": fact.organism,
        "source": fact.source,
        "dataset": fact.dataset,
        "fetched_at": fact.fetched_at,
    }


def _from_paid(fact: Fact[PaidBenefit]) -> Draft:
    paid = fact.value
    if paid.payments:
        payments = [{"date": day.isoformat(), "amount": str(amount)} for day, amount in paid.payments]
        return Draft(
            key=paid.key,
            amount=paid.monthly_amount,
            periodicity="mensuelle",
            payments=payments,
            basis="versements transmis par France Travail ; type d'allocation déduit des montants",
            **_common(fact),
        )
    if paid.key.startswith("css_"):
        basis = "droit ouvert selon l'Assurance Maladie"
    else:
        basis = "droit ouvert selon votre caisse"
        if paid.with_increase:
            basis += " (avec majoration parent isolé)"
    return Draft(key=paid.key, start_date=paid.since, periodicity="mensuelle", basis=basis, **_common(fact))


def _from_family_file(facts: AgencyFacts, today: dt.date) -> list[Draft]:
    """The CAF/MSA file names the children, not the family benefits: two are deduced from them,
    and said to be deduced (the other family benefits depend on resources: the simulator's job)."""
    if facts.children is None:
        return []
    births = [child.birth_date for child in facts.children.value if child.birth_date]
    ages = [_age_years(birth, today) for birth in births]
    common = _common(facts.children)
    drafts = []
    if sum(1 for age in ages if age < 20) >= 2:
        drafts.append(
            Draft(key="af", periodicity="mensuelle", basis="déduit des enfants de votre dossier", **common)
        )
    young = [birth for birth in births if _age_years(birth, today) < 3]
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


def _from_scholarship(facts: AgencyFacts) -> Draft | None:
    if facts.scholarship is None:
        return None
    grant = facts.scholarship.value
    start, months = grant.first_day, grant.months
    return Draft(
        key="bourse_criteres_sociaux",
        start_date=start,
        end_date=fixed_term_end(start, months) if start and months else None,
        periodicity="mensuelle",
        basis=f"échelon {grant.level or '?'}, versée {months or '?'} mois",
        **_common(facts.scholarship),
    )


def drafts_from_facts(facts: AgencyFacts, *, today: dt.date) -> list[Draft]:
    """Every right the agencies' facts show."""
    found = [_from_paid(fact) for fact in facts.paid.values()]
    found += _from_family_file(facts, today)
    found.append(_from_scholarship(facts))
    return [_with_renewal(draft, today) for draft in found if draft is not None and draft.key in benefits()]


def drafts_from_agency_data(rows: list, *, today: dt.date) -> list[Draft]:
    """Every right the stored agency answers show (`rows`: AgencyData; those not found are skipped)."""
    return drafts_from_facts(facts_from_rows(rows), today=today)
