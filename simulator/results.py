"""Results as stored (JSON) and as shown: grouped, linked to the catalogue, totalled."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

from simulator.engine.benefits import SimulationResult

PERIODICITY_SUFFIX = {"mensuelle": "par mois", "annuelle": "par an", "ponctuelle": "une fois"}


def answers_key(answers: dict) -> str:
    """A stable hash of the answers (what a stored result is for)."""
    meaningful = {key: value for key, value in answers.items() if not key.startswith("_")}
    return hashlib.sha256(json.dumps(meaningful, sort_keys=True, default=str).encode()).hexdigest()


def result_to_json(result: SimulationResult, notes: list[str] = ()) -> dict:
    return {
        "month": result.month,
        "benefits": [
            {
                "key": b.key,
                "label": b.label,
                "eligible": b.eligible,
                "amount": None if b.amount is None else str(b.amount),
                "amount_unrounded": None if b.unrounded is None else str(b.unrounded),
                "unit": b.unit,
                "period": b.period,
                "periodicity": b.periodicity,
                "already_received": b.already_received,
                "explanation": list(b.explanation),
            }
            for b in result.benefits
        ],
        "assumptions": [*notes, *result.assumptions],
    }


def euros(value: Decimal | str | None) -> str:
    if value is None:
        return ""
    amount = Decimal(str(value))
    places = 0 if amount == amount.to_integral() else 2
    return f"{number_format(amount, places, force_grouping=True)} €"


@dataclass
class BenefitLine:
    key: str
    label: str
    eligible: bool
    already_received: bool
    amount: Decimal | None
    amount_text: str  # "environ 540 € par mois", "réduction de 50 %", "" for eligibility-only
    explanation: list[str]
    periodicity: str
    catalogue: object | None = None  # rights.catalogue.Benefit
    apply_url: str = ""
    organism: str = ""
    questions: list[dict] = field(default_factory=list)  # what decides a benefit "à vérifier"


@dataclass
class ResultsView:
    month: str
    received: list[BenefitLine] = field(default_factory=list)
    potential: list[BenefitLine] = field(default_factory=list)
    to_check: list[BenefitLine] = field(default_factory=list)
    not_eligible: list[BenefitLine] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    # What the person could claim: potential benefits only (a screened one at its certain minimum).
    monthly_total: Decimal = Decimal(0)
    yearly_total: Decimal = Decimal(0)
    # What they say they already receive, apart: it is not more money to ask for.
    received_monthly_total: Decimal = Decimal(0)
    received_yearly_total: Decimal = Decimal(0)

    @property
    def month_date(self) -> dt.date:
        """The first day of the simulated month ("2026-12"), for `|date:"F Y"`: "décembre 2026"."""
        return dt.date.fromisoformat(f"{self.month}-01")

    @property
    def total_text(self) -> str:
        """ "540 € par mois et 300 € par an": what could be claimed, the parts that are not zero."""
        return _per_month_and_year(self.monthly_total, self.yearly_total)

    @property
    def received_total_text(self) -> str:
        return _per_month_and_year(self.received_monthly_total, self.received_yearly_total)

    def line(self, key: str) -> BenefitLine | None:
        """The benefit ``key`` as the page shows it, whatever its group; None when the result has none."""
        return next((line for line in self.all_lines() if line.key == key), None)

    def all_lines(self) -> list[BenefitLine]:
        return [*self.potential, *self.to_check, *self.received, *self.not_eligible]

    def eligible(self) -> list[BenefitLine]:
        return [*self.received, *self.potential]


def _per_month_and_year(monthly: Decimal, yearly: Decimal) -> str:
    parts = [f"{euros(monthly)} par mois" if monthly else "", f"{euros(yearly)} par an" if yearly else ""]
    return " et ".join(part for part in parts if part)


def _amount_text(item: dict) -> str:
    if item["amount"] is None:
        return ""
    amount = Decimal(item["amount"])
    if item["unit"] == "%":
        return f"réduction de {number_format(amount, 0)} %"
    if item["unit"] and "participation" in item["unit"]:
        return f"participation d'environ {euros(amount)} par mois et par personne"
    return f"environ {euros(amount)} {PERIODICITY_SUFFIX.get(item['periodicity'], '')}".strip()


def _catalogue_entry(key: str):
    from rights.catalogue import benefit

    try:
        return benefit(key)
    except KeyError:
        return None


def _line(item: dict, organism_hint: str) -> BenefitLine:
    entry = _catalogue_entry(item["key"])
    organism, apply_url = "", ""
    if entry is not None:
        organism = organism_hint if organism_hint in entry.procedures else next(iter(entry.procedures))
        apply_url = entry.procedures[organism]
    return BenefitLine(
        key=item["key"],
        label=entry.name if entry else item["label"],
        eligible=item["eligible"],
        already_received=item["already_received"],
        amount=None if item["amount"] is None else Decimal(item["amount"]),
        amount_text=_amount_text(item),
        explanation=item["explanation"],
        periodicity=item["periodicity"],
        catalogue=entry,
        apply_url=apply_url,
        organism=organism,
    )


def _range_text(item: dict, screened: dict) -> str:
    """The amount over every variant of the unknowns: one figure when they all agree."""
    if screened.get("min") is None or screened["min"] == screened["max"] or item["unit"] != "€":
        return _amount_text(item)
    suffix = PERIODICITY_SUFFIX.get(item["periodicity"], "")
    low, high = Decimal(screened["min"]), Decimal(screened["max"])
    return f"entre {euros(low)} et {euros(high)} {suffix}".strip()


def results_view(result: dict, *, organism_hint: str = "") -> ResultsView:
    """The stored result, grouped as the results page shows it ("vous le percevez déjà" first).

    A screened result (computed over the facts nobody gave, see ``simulator.screening``) offers a
    benefit as potential only when it is eligible under every variant; the others are "à vérifier"
    with the questions that decide them. The totals count what could be claimed and is certain;
    what the person already receives is totalled apart.
    """
    view = ResultsView(month=result["month"], assumptions=result["assumptions"])
    screening = result.get("screening")
    for item in result["benefits"]:
        line = _line(item, organism_hint)
        screened = (screening or {}).get(item["key"], {})
        amount = item["amount"]
        if item["already_received"]:
            view.received.append(line)
        elif screening is None:
            (view.potential if item["eligible"] else view.not_eligible).append(line)
        elif screened.get("status") == "potential":
            line.eligible, line.amount_text = True, _range_text(item, screened)
            amount = screened["min"] if screened.get("min") is not None else amount
            view.potential.append(line)
        elif screened.get("status") == "to_check":
            line.eligible, line.amount_text = False, _range_text(item, screened)
            line.questions = screened.get("questions", [])
            view.to_check.append(line)
            continue
        else:
            line.eligible = False
            view.not_eligible.append(line)
            continue
        if line.eligible and item["unit"] == "€" and amount is not None:
            _add_to_totals(
                view, amount=Decimal(amount), periodicity=item["periodicity"], received=line.already_received
            )
    return view


def _add_to_totals(view: ResultsView, *, amount: Decimal, periodicity: str, received: bool) -> None:
    if received:
        if periodicity == "mensuelle":
            view.received_monthly_total += amount
        else:
            view.received_yearly_total += amount
    elif periodicity == "mensuelle":
        view.monthly_total += amount
    else:
        view.yearly_total += amount
