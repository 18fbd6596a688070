"""Compute the catalogue's benefits for one or many situations, with rounding and explanations."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from simulator.engine.catalogue import BenefitDefinition, load_catalogue
from simulator.engine.explain import explain
from simulator.engine.mapping import Batch, build_batch
from simulator.engine.situation import Activity, Housing, IncomeKind, Situation


@dataclass(frozen=True)
class BenefitResult:
    """One benefit for one household, as shown on the results page."""

    key: str
    label: str
    eligible: bool
    amount: Decimal | None  # None for eligibility-only benefits (kind "bool")
    unit: str | None  # "€", "%" or None
    period: str  # "2026-11" or "2026"
    periodicity: str  # mensuelle, annuelle, ponctuelle
    already_received: bool
    explanation: tuple[str, ...]
    # The engine's amount to the cent, before ``round_amount`` (None for eligibility-only benefits).
    unrounded: Decimal | None = None


@dataclass(frozen=True)
class SimulationResult:
    """Every benefit of the catalogue that applies where the household lives, plus the assumptions."""

    month: str
    benefits: tuple[BenefitResult, ...]
    assumptions: tuple[str, ...]

    def eligible(self) -> tuple[BenefitResult, ...]:
        return tuple(benefit for benefit in self.benefits if benefit.eligible)

    def get(self, key: str) -> BenefitResult:
        return next(benefit for benefit in self.benefits if benefit.key == key)


def round_amount(amount: float, floor_at: float) -> Decimal:
    """Floor to a multiple of ``floor_at``, as mes-aides displayed amounts.

    A small positive amount that would floor to 0 is floored to the euro instead, so that a real
    (if small) right is never shown as nothing.
    """
    if amount <= 0:
        return Decimal(0)
    value = round(math.floor(amount / floor_at + 1e-9) * floor_at, 2)
    if value == 0:
        value = math.floor(amount)
    return Decimal(str(value)).quantize(Decimal("0.01"))


def household_values(batch: Batch, variable: str, period: str, reduce: str = "sum") -> np.ndarray:
    """Values of ``variable`` per household; individual values are reduced (sum, max, any, demandeur)."""
    simulation = batch.simulation
    values = simulation.calculate(variable, period)
    if hasattr(values, "decode_to_str"):
        values = values.decode_to_str()
    entity = simulation.tax_benefit_system.variables[variable].entity.key
    if entity != "individu":
        return np.asarray(values)
    if reduce == "demandeur":
        return np.asarray(values)[batch.demandeur_index]
    if reduce == "any":
        return np.bincount(batch.person_household, weights=values.astype(float), minlength=batch.size) > 0
    if reduce == "max":
        result = np.zeros(batch.size)
        np.maximum.at(result, batch.person_household, values.astype(float))
        return result
    return np.bincount(batch.person_household, weights=values.astype(float), minlength=batch.size)


def _variable_period(variable: str, month: str) -> str:
    from simulator.engine.system import get_tax_benefit_system

    definition = get_tax_benefit_system().variables[variable]
    return month[:4] if definition.definition_period.value == "year" else month


def _period(benefit: BenefitDefinition, month: str) -> str:
    return month if benefit.period == "month" else month[:4]


def _result(benefit: BenefitDefinition, raw: float, values: dict, situation: Situation, period: str):
    unrounded = None
    if benefit.kind == "bool":
        eligible, amount, unit = bool(raw), None, None
    else:
        amount = round_amount(float(raw), benefit.floor_at)
        unrounded = Decimal(str(round(max(float(raw), 0.0), 2))).quantize(Decimal("0.01"))
        eligible, unit = amount > 0, ("%" if benefit.kind == "percent" else "€")
    if benefit.kind == "participation":
        # css_participation_forfaitaire is the monthly fee: positive means "C2S with a fee".
        unit = "€ de participation"
    return BenefitResult(
        key=benefit.key,
        label=benefit.label,
        eligible=eligible,
        amount=amount,
        unit=unit,
        period=period,
        periodicity=benefit.periodicity,
        already_received=benefit.key in situation.received_keys(),
        explanation=tuple(explain(benefit.key, values, float(raw), situation)),
        unrounded=unrounded,
    )


def compute_batch(batch: Batch) -> list[SimulationResult]:
    """Results for every household of an already built batch."""
    catalogue = [
        benefit
        for benefit in load_catalogue()
        if any(benefit.applies_to(situation.household.depcom) for situation in batch.situations)
    ]
    raw, details = {}, {}
    for benefit in catalogue:
        period = _period(benefit, batch.month)
        reduce = {"bool": "any", "percent": "max"}.get(benefit.kind, "sum")
        raw[benefit.key] = household_values(batch, benefit.variable, period, reduce)
        for name in benefit.explain:
            if name not in details:
                details[name] = household_values(
                    batch, name, _variable_period(name, batch.month), "demandeur"
                )
    results = []
    for h, situation in enumerate(batch.situations):
        benefits = []
        for benefit in catalogue:
            if not benefit.applies_to(situation.household.depcom):
                continue
            values = {name: details[name][h] for name in benefit.explain}
            period = _period(benefit, batch.month)
            benefits.append(_result(benefit, raw[benefit.key][h], values, situation, period))
        results.append(SimulationResult(batch.month, tuple(benefits), tuple(assumptions(situation))))
    return results


def compute_benefits(situation: Situation) -> SimulationResult:
    """Simulate one household: every benefit of the catalogue, explained, with the assumptions made."""
    return compute_batch(build_batch([situation]))[0]


def compute_many(situations: Sequence[Situation]) -> list[SimulationResult]:
    """Simulate many households (same month) in one vectorised simulation."""
    return compute_batch(build_batch(situations))


def assumptions(situation: Situation) -> list[str]:
    """The assumptions the simulation makes on this situation, in French, for the results page."""
    sentences = [
        "Votre situation (activité, logement, composition du foyer) est supposée stable depuis janvier "
        "de l'avant-dernière année.",
        "Les revenus des mois antérieurs à ceux que vous avez déclarés sont supposés égaux à leur moyenne ; "
        "le mois simulé reprend le dernier montant déclaré.",
        "Les prestations que vous n'avez pas déclarées sont supposées non perçues les mois précédents.",
        "Les salaires sont ceux d'un salarié du privé non cadre ; votre patrimoine est supposé nul.",
    ]
    persons = situation.persons
    incomes = {income.kind for person in persons for income in person.incomes}
    if incomes & {IncomeKind.CHOMAGE_NET, IncomeKind.RETRAITE_NETTE}:
        sentences.append(
            "Les allocations chômage et pensions nettes sont supposées égales à leur montant imposable (et brut, pour les pensions)."
        )
    if situation.fiscal.rfr_n2 is None:
        sentences.append(
            "Votre revenu fiscal de référence de N-2 est estimé à partir des revenus déclarés, sans autre revenu."
        )
    if any(person.activity == Activity.ETUDIANT for person in persons):
        sentences.append("Les études sont supposées suivies en formation initiale.")
    if situation.household.housing == Housing.CROUS:
        sentences.append("Un logement CROUS est traité comme un logement-foyer.")
    if situation.household.in_paris and situation.household.resident_since is None:
        sentences.append(
            "Vous êtes supposé(e) résider à Paris depuis au moins 3 ans (aides de la Ville de Paris)."
        )
    if any(person.disability_rate for person in persons):
        sentences.append(
            "Le taux d'incapacité est supposé reconnu par la MDPH ; aucune hospitalisation en cours."
        )
    sentences.append("Les personnes sont supposées de nationalité française ou en situation régulière.")
    return sentences
