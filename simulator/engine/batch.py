"""What-if scenarios and income curves, each computed in ONE vectorised simulation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from simulator.engine.benefits import SimulationResult, compute_batch, household_values
from simulator.engine.mapping import build_batch, lookback_months
from simulator.engine.situation import Activity, Income, IncomeKind, Role, Situation

# Monthly cash benefits counted in the household's disposable income (€ per month, unrounded).
MONTHLY_CASH_BENEFITS = (
    "rsa",
    "ppa",
    "aide_logement",
    "af",
    "cf",
    "asf",
    "paje_base",
    "aah",
    "caah",
    "aspa",
    "asi",
    "ass",
)
# Net incomes of the household's members counted with them.
MONTHLY_NET_INCOMES = (
    "salaire_net",
    "chomage_net",
    "retraite_nette",
    "pensions_invalidite",
    "pensions_alimentaires_percues",
)


@dataclass(frozen=True)
class ScenarioResults:
    baseline: SimulationResult
    scenarios: tuple[SimulationResult, ...]


@dataclass(frozen=True)
class CurvePoint:
    earnings: Decimal  # the demandeur's net monthly salary
    net_income: Decimal  # household net incomes + monthly cash benefits, per month
    benefits: Decimal  # of which cash benefits


@dataclass(frozen=True)
class IncomeCurve:
    label: str
    points: tuple[CurvePoint, ...]


def compute_scenarios(baseline: Situation, scenarios: Sequence[Situation]) -> ScenarioResults:
    """Results for a baseline situation and N variants of it, in a single simulation."""
    results = compute_batch(build_batch([baseline, *scenarios]))
    return ScenarioResults(results[0], tuple(results[1:]))


def with_earnings(situation: Situation, monthly_net_salary: float, hours: Decimal | None = None) -> Situation:
    """The situation where the demandeur earned ``monthly_net_salary`` every month of the last year."""
    months = lookback_months(situation.month)[-13:-1]
    persons = []
    for person in situation.persons:
        if person.role == Role.DEMANDEUR:
            incomes = [income for income in person.incomes if income.kind != IncomeKind.SALAIRE_NET]
            current = next((i for i in person.incomes if i.kind == IncomeKind.SALAIRE_NET), None)
            if monthly_net_salary > 0:
                amount = Decimal(str(round(monthly_net_salary, 2)))
                incomes.append(
                    Income(
                        kind=IncomeKind.SALAIRE_NET,
                        amounts=dict.fromkeys(months, amount),
                        monthly_hours=hours
                        if hours is not None
                        else (current.monthly_hours if current else None),
                    )
                )
            activity = Activity.SALARIE if monthly_net_salary > 0 else person.activity
            if activity != person.activity and person.activity == Activity.CHOMEUR:
                activity = Activity.SALARIE
            person = person.model_copy(update={"incomes": incomes, "activity": activity})
        persons.append(person)
    return situation.model_copy(update={"persons": persons})


def net_monthly_income(situations: Sequence[Situation]) -> tuple[np.ndarray, np.ndarray]:
    """(household net income, of which cash benefits) per month for each situation, in one run."""
    batch = build_batch(situations)
    benefits = sum(household_values(batch, name, batch.month) for name in MONTHLY_CASH_BENEFITS)
    incomes = sum(household_values(batch, name, batch.month) for name in MONTHLY_NET_INCOMES)
    return incomes + benefits, benefits


def income_curve(
    situations: dict[str, Situation],
    max_earnings: float = 3000.0,
    points: int = 16,
) -> list[IncomeCurve]:
    """Household net income against the demandeur's net salary, for each labelled situation.

    All ``len(situations) × points`` variants are computed in one vectorised simulation.
    """
    grid = np.linspace(0, max_earnings, points)
    variants = [with_earnings(situation, float(x)) for situation in situations.values() for x in grid]
    net, benefits = net_monthly_income(variants)
    curves = []
    for index, label in enumerate(situations):
        chunk = slice(index * points, (index + 1) * points)
        curves.append(
            IncomeCurve(
                label,
                tuple(
                    CurvePoint(_euros(x), _euros(n), _euros(b))
                    for x, n, b in zip(grid, net[chunk], benefits[chunk], strict=True)
                ),
            )
        )
    return curves


def _euros(value: float) -> Decimal:
    return Decimal(str(round(float(value), 2)))
