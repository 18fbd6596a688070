""" "Simuler un changement de situation": the baseline and a changed situation, compared.

Both are computed in ONE vectorised simulation (``compute_scenarios``); the income curves of both in
one more. A change of income is taken as if it happened 3 months ago, so that the benefits computed
on the last 3 months (RSA, prime d'activité) see it; the results page says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from simulator.engine import Income, Person, Situation, compute_scenarios, income_curve
from simulator.engine.mapping import month_add
from simulator.questionnaire.answers import last_12_months

SCENARIOS = {
    "naissance": "Naissance ou arrivée d'un enfant",
    "perte_emploi": "Perte d'emploi",
    "emploi": "Nouvel emploi ou changement de salaire",
    "demenagement": "Déménagement (commune, loyer)",
    "couple": "Mise en couple",
    "separation": "Séparation",
    "retraite": "Départ à la retraite",
    "depart_enfant": "Un enfant quitte le foyer",
    "handicap": "Reconnaissance d'un handicap",
}
RECENT_MONTHS = 3
HOW = "Un changement de revenus est compté comme s'il datait de 3 mois, comme le feraient les organismes."
EXPECTED_BIRTH = (
    "La naissance attendue est calculée comme si l'enfant était né ce mois-ci. Pendant la grossesse, "
    "le RSA peut être majoré et la prime à la naissance est versée au 7e mois : demandez-les à la CAF "
    "ou à la MSA dès la déclaration de grossesse."
)


@dataclass(frozen=True)
class DifferenceRow:
    label: str
    before: Decimal
    after: Decimal
    periodicity: str

    @property
    def difference(self) -> Decimal:
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    title: str
    rows: tuple[DifferenceRow, ...]
    monthly_before: Decimal
    monthly_after: Decimal
    chart: str  # SVG
    curve_rows: tuple[tuple[Decimal, Decimal, Decimal], ...]  # earnings, net before, net after

    @property
    def monthly_difference(self) -> Decimal:
        return self.monthly_after - self.monthly_before


def _set_recent(person: Person, kind: str, amount: Decimal, months: list[str]) -> Person:
    """``kind`` paid ``amount`` in the last 3 months (0 before, unless it was already paid)."""
    incomes = [income for income in person.incomes if income.kind != kind]
    current = next((income for income in person.incomes if income.kind == kind), None)
    amounts = {m: (current.amounts.get(m, Decimal(0)) if current else Decimal(0)) for m in months}
    for m in months[-RECENT_MONTHS:]:
        amounts[m] = amount
    if any(amounts.values()):
        incomes.append(
            Income(kind=kind, amounts=amounts, monthly_hours=current.monthly_hours if current else None)
        )
    return person.model_copy(update={"incomes": incomes})


def _replace(situation: Situation, role: str, function) -> list[Person]:
    return [function(person) if person.role == role else person for person in situation.persons]


def _average(person: Person, kind: str) -> Decimal:
    income = next((i for i in person.incomes if i.kind == kind), None)
    values = [v for v in income.amounts.values() if v] if income else []
    return sum(values, Decimal(0)) / len(values) if values else Decimal(0)


def scenario_situation(base: Situation, kind: str, params: dict) -> Situation:
    """The situation after the change ``kind`` with its parameters (validated by the form).

    ``model_copy`` does not validate: the changed situation is validated again as a whole.
    """
    changed = _changed(base, kind, params)
    return Situation.model_validate(changed.model_dump(warnings=False))


def _changed(base: Situation, kind: str, params: dict) -> Situation:
    months = last_12_months(base.month)
    start = dt.date.fromisoformat(month_add(base.month, -RECENT_MONTHS) + "-01")
    amount = params.get("amount") or Decimal(0)
    if kind == "naissance":
        # An expected birth is computed as if the child were born this month: OpenFisca would count
        # an unborn child for the PAJE de base already, which the CAF pays only after the birth.
        born = min(params.get("birth_date") or dt.date.max, dt.date.fromisoformat(base.month + "-01"))
        child = Person(id=f"nouvel-enfant{len(base.persons)}", role="enfant", birth_date=born)
        return base.model_copy(update={"persons": [*base.persons, child]})
    if kind == "depart_enfant":
        children = sorted((p for p in base.persons if p.role == "enfant"), key=lambda p: p.birth_date)
        leaving = children[0].id if children else None
        return base.model_copy(update={"persons": [p for p in base.persons if p.id != leaving]})
    if kind == "handicap":
        rate = params.get("disability_rate") or 80
        return base.model_copy(
            update={
                "persons": _replace(
                    base, "demandeur", lambda p: p.model_copy(update={"disability_rate": rate})
                )
            }
        )
    if kind == "demenagement":
        household = base.household.model_copy(
            update={
                "depcom": params["depcom"],
                "housing": params["housing"],
                "rent": params.get("rent"),
                "postcode": None,
            }
        )
        return base.model_copy(update={"household": household})
    if kind == "separation":
        persons = [p for p in base.persons if p.role != "conjoint"]
        return base.model_copy(
            update={"persons": persons, "household": base.household.model_copy(update={"couple": None})}
        )
    if kind == "couple":
        incomes = [Income(kind="salaire_net", amounts=dict.fromkeys(months, amount))] if amount else []
        activity = "salarie" if amount else "inactif"
        partner = Person(
            id="conjoint",
            role="conjoint",
            birth_date=params["birth_date"],
            activity=activity,
            incomes=incomes,
        )
        persons = [p for p in base.persons if p.role != "conjoint"] + [partner]
        return base.model_copy(
            update={
                "persons": persons,
                "household": base.household.model_copy(update={"couple": "union_libre"}),
            }
        )
    return base.model_copy(
        update={
            "persons": _replace(
                base, "demandeur", lambda p: _income_change(p, kind, amount, params, months, start)
            )
        }
    )


def _income_change(person: Person, kind: str, amount: Decimal, params: dict, months, start) -> Person:
    if kind == "perte_emploi":
        allowance = amount or (_average(person, "salaire_net") * Decimal("0.7")).quantize(Decimal(1))
        person = _set_recent(person, "salaire_net", Decimal(0), months)
        person = _set_recent(person, "chomage_net", allowance, months)
        return person.model_copy(update={"activity": "chomeur", "jobseeker_since": start})
    if kind == "emploi":
        person = _set_recent(person, "chomage_net", Decimal(0), months)
        person = _set_recent(person, "salaire_net", amount, months)
        incomes = [
            i.model_copy(update={"monthly_hours": params.get("hours")}) if i.kind == "salaire_net" else i
            for i in person.incomes
        ]
        return person.model_copy(update={"activity": "salarie", "jobseeker_since": None, "incomes": incomes})
    if kind == "retraite":
        person = _set_recent(person, "salaire_net", Decimal(0), months)
        person = _set_recent(person, "chomage_net", Decimal(0), months)
        person = _set_recent(person, "retraite_nette", amount, months)
        return person.model_copy(update={"activity": "retraite", "jobseeker_since": None})
    raise ValueError(f"Unknown scenario {kind}")


def _monthly_equivalent(item) -> Decimal:
    amount = item.amount or Decimal(0)
    if item.unit != "€" or not item.eligible:
        return Decimal(0)
    return amount if item.periodicity == "mensuelle" else Decimal(0)


def scenario_compare(base: Situation, changed: Situation, *, kind: str) -> Comparison:
    """Side-by-side benefits, and household net income against earnings, before and after."""
    from rights.charts import line_chart_svg

    results = compute_scenarios(base, [changed])
    before = {b.key: b for b in results.baseline.benefits}
    after = {b.key: b for b in results.scenarios[0].benefits}
    rows = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        values = [
            x.amount or Decimal(0) if x and x.eligible and x.unit == "€" else Decimal(0) for x in (old, new)
        ]
        if any(values) or any(x and x.eligible for x in (old, new)):
            label = (new or old).label
            rows.append(DifferenceRow(label, values[0], values[1], (new or old).periodicity))
    curves = income_curve(
        {"Situation actuelle": base, "Après le changement": changed}, max_earnings=3000, points=13
    )
    x_values = [float(point.earnings) for point in curves[0].points]
    chart = line_chart_svg(
        title="Revenu net du foyer selon votre salaire",
        x_values=x_values,
        series=[(curve.label, [float(point.net_income) for point in curve.points]) for curve in curves],
        x_label="Votre salaire net mensuel (€)",
        y_label="Revenu du foyer (€ par mois)",
    )
    return Comparison(
        title=SCENARIOS[kind],
        rows=tuple(rows),
        monthly_before=sum((_monthly_equivalent(b) for b in results.baseline.benefits), Decimal(0)),
        monthly_after=sum((_monthly_equivalent(b) for b in results.scenarios[0].benefits), Decimal(0)),
        chart=chart,
        curve_rows=tuple(
            (p.earnings, p.net_income, q.net_income)
            for p, q in zip(curves[0].points, curves[1].points, strict=True)
        ),
    )
