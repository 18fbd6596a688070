"""Simulator engine: portal situations → OpenFisca France (+ local + Paris) → explained benefits.

Pure Python, no Django. Public API:
- ``get_tax_benefit_system()``, ``warm_up()`` — process-wide system; call ``warm_up`` before forking;
- ``Situation`` (and its parts), ``french_errors`` — the validated household situation;
- ``compute_benefits``, ``compute_many`` — results with amounts, explanations and assumptions;
- ``compute_scenarios``, ``income_curve``, ``with_earnings`` — what-if runs, vectorised.
"""

from simulator.engine.batch import (
    IncomeCurve,
    ScenarioResults,
    compute_scenarios,
    income_curve,
    with_earnings,
)
from simulator.engine.benefits import BenefitResult, SimulationResult, compute_benefits, compute_many
from simulator.engine.situation import (
    Activity,
    CoupleStatus,
    FiscalItems,
    Household,
    Housing,
    Income,
    IncomeKind,
    Person,
    ReceivedBenefit,
    Role,
    SchoolLevel,
    Situation,
    french_errors,
)
from simulator.engine.system import get_tax_benefit_system, warm_up

__all__ = [
    "Activity",
    "BenefitResult",
    "CoupleStatus",
    "FiscalItems",
    "Household",
    "Housing",
    "Income",
    "IncomeCurve",
    "IncomeKind",
    "Person",
    "ReceivedBenefit",
    "Role",
    "ScenarioResults",
    "SchoolLevel",
    "SimulationResult",
    "Situation",
    "compute_benefits",
    "compute_many",
    "compute_scenarios",
    "french_errors",
    "get_tax_benefit_system",
    "income_curve",
    "warm_up",
    "with_earnings",
]
