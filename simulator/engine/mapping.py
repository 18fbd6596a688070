"""Portal situations → one OpenFisca Simulation (several households as separate entities).

Built with the numpy entity builder (``declare_person_entity``/``declare_entity``/``set_input``)
whose cost is linear in the number of households, unlike ``build_from_entities``.

Each trap of the French model is handled here, in one place:
- birth dates and commune are required by the situation model (OpenFisca would default to
  1970-01-01 and APL zone 2);
- net salaries are converted to ``salaire_de_base`` (see ``salary``), so that ``salaire_imposable``
  and every resource base derived from it are filled;
- incomes and stable traits are set over the whole look-back (from January of N-2 to the simulated
  month): RSA/prime d'activité look 3 months back, housing aids 12 months ending M-2, family
  benefits and the chèque énergie use year N-2;
- part-time salaries carry ``heures_remunerees_volume``; jobseekers carry ``date_debut_chomage``;
- past months of benefits that feed each other (RSA ↔ aides au logement, ...) are inputs — the
  declared amount, or 0 — so results never depend on the order of computation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.simulations import Simulation

from simulator.engine.salary import salaries_from_net
from simulator.engine.situation import (
    Activity,
    CoupleStatus,
    Housing,
    IncomeKind,
    Person,
    Role,
    Situation,
)
from simulator.engine.system import get_tax_benefit_system

ACTIVITE = {
    Activity.SALARIE: "actif",
    Activity.CHOMEUR: "chomeur",
    Activity.ETUDIANT: "etudiant",
    Activity.RETRAITE: "retraite",
    Activity.INACTIF: "inactif",
}
STATUT_OCCUPATION = {
    Housing.LOCATAIRE_PRIVE: "locataire_vide",
    Housing.LOCATAIRE_MEUBLE: "locataire_meuble",
    Housing.LOCATAIRE_HLM: "locataire_hlm",
    Housing.LOCATAIRE_FOYER: "locataire_foyer",
    Housing.CROUS: "locataire_foyer",
    Housing.PROPRIETAIRE: "proprietaire",
    Housing.HEBERGE: "loge_gratuitement",
}
# Net replacement incomes: OpenFisca's resource bases read the taxable amount, so both are set.
REPLACEMENT_INCOMES = {
    IncomeKind.CHOMAGE_NET: ("chomage_net", "chomage_imposable"),
    IncomeKind.RETRAITE_NETTE: ("retraite_nette", "retraite_imposable", "retraite_brute"),
    IncomeKind.PENSION_INVALIDITE: ("pensions_invalidite",),
    IncomeKind.PENSION_ALIMENTAIRE: ("pensions_alimentaires_percues",),
    IncomeKind.INDEMNITES_STAGE: ("indemnites_stage",),
}
# Declared benefits (ASS, AAH): inputs for past months only; the simulated month is computed, to
# estimate it and show "vous le percevez déjà".
BENEFIT_INCOMES = {IncomeKind.ASS: "ass", IncomeKind.AAH: "aah"}
# Every income variable is an input for every person and month, 0 when nothing is declared: left to
# their formulas, the taxable ones pull the whole income tax of N-2 (CSG exemption thresholds) into
# each month of the look-back and multiply the simulation time.
ZERO_INCOME_VARIABLES = sorted(
    {name for names in REPLACEMENT_INCOMES.values() for name in names} | {"salaire_net", "salaire_imposable"}
)
# Benefits whose past months are always inputs (declared amount or 0), to cut the model's
# self-references (RSA of M-1 in housing aid, previous quarter in the prime d'activité, ...).
PAST_FAMILY_BENEFITS = ("rsa", "ppa", "aide_logement", "af", "cf", "asf", "paje_base", "aspa")
PAST_PERSON_BENEFITS = ("aah", "caah", "asi", "ass")


def month_add(month: str, delta: int) -> str:
    """``"2026-11"`` + ``delta`` months."""
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def lookback_months(month: str) -> list[str]:
    """Every month from January of N-2 to ``month`` included (25 to 36 months)."""
    first = f"{int(month[:4]) - 2:04d}-01"
    months = [first]
    while months[-1] != month:
        months.append(month_add(months[-1], 1))
    return months


def income_series(amounts: dict, months: list[str]) -> np.ndarray:
    """Monthly amounts over ``months`` from what was declared.

    Declared month → its amount; month inside the declared range but absent → 0; month after the last
    declared one (e.g. the simulated month) → the last amount; month before the first declared one →
    the average of the declared months (the last 12 months are assumed representative of N-2).
    """
    if not amounts:
        return np.zeros(len(months))
    declared = sorted(amounts)
    values = np.array([float(amounts[m]) for m in declared])
    average = float(values.mean())
    last = float(amounts[declared[-1]])
    series = []
    for month in months:
        if month in amounts:
            series.append(float(amounts[month]))
        elif month > declared[-1]:
            series.append(last)
        elif month < declared[0]:
            series.append(average)
        else:
            series.append(0.0)
    return np.array(series)


@dataclass(frozen=True)
class Batch:
    """Where each household's persons and entities sit in the simulation arrays."""

    simulation: Simulation
    month: str
    situations: tuple[Situation, ...]
    person_household: np.ndarray  # household index of each person
    demandeur_index: np.ndarray  # person index of each household's demandeur

    @property
    def size(self) -> int:
        return len(self.situations)


class _Inputs:
    """Collects ``variable -> period -> array`` for one entity population, then sets them."""

    def __init__(self, count: int):
        self.count = count
        self.values: dict[tuple[str, str], np.ndarray] = {}

    def put(self, variable: str, period: str, index: int, value) -> None:
        key = (variable, period)
        if key not in self.values:
            self.values[key] = np.empty(self.count, dtype=object)
        self.values[key][index] = value

    def apply(self, simulation: Simulation, defaults: dict[str, object]) -> None:
        system = simulation.tax_benefit_system
        for (variable, period), array in self.values.items():
            definition = system.variables[variable]
            fill = defaults.get(variable, definition.default_value)
            array = np.where(array == None, fill, array)  # noqa: E711 -- element-wise test
            if definition.value_type is float:
                array = array.astype(float)
            elif definition.value_type is bool:
                array = array.astype(bool)
            elif definition.value_type is dt.date:
                array = array.astype("datetime64[D]")
            elif hasattr(definition, "possible_values") and definition.possible_values is not None:
                fill_name = fill.name if hasattr(fill, "name") else fill
                names = np.array([v.name if hasattr(v, "name") else (v or fill_name) for v in array])
                array = definition.possible_values.encode(names)
            else:
                array = array.astype(str) if definition.value_type is str else array
            simulation.set_input(variable, period, array)


def build_batch(situations: Sequence[Situation]) -> Batch:
    """One Simulation holding every situation as its own famille/foyer fiscal/ménage.

    All situations must be for the same month (scenarios of one household, or a cohort).
    """
    months_simulated = {situation.month for situation in situations}
    if len(months_simulated) != 1:
        raise ValueError("All situations of a batch must be simulated for the same month.")
    month = months_simulated.pop()
    months = lookback_months(month)
    past = months[:-1]
    system = get_tax_benefit_system()

    person_ids, person_household = [], []
    famille_roles, foyer_ids, foyer_roles, menage_roles = [], [], [], []
    for h, situation in enumerate(situations):
        shared_foyer = situation.household.couple in {CoupleStatus.MARIE, CoupleStatus.PACSE}
        for i, person in enumerate(situation.persons):
            person_ids.append(f"h{h:05d}_{i:02d}")
            person_household.append(h)
            famille_roles.append("enfant" if person.role == Role.ENFANT else person.role.value)
            menage_roles.append(
                {Role.DEMANDEUR: "personne_de_reference", Role.CONJOINT: "conjoint"}.get(
                    person.role, "enfant"
                )
            )
            if person.role == Role.CONJOINT and not shared_foyer:
                foyer_ids.append(f"h{h:05d}_1")
                foyer_roles.append("declarant_principal")
            else:
                foyer_ids.append(f"h{h:05d}_0")
                foyer_roles.append(
                    {Role.DEMANDEUR: "declarant_principal", Role.CONJOINT: "conjoint"}.get(
                        person.role, "personne_a_charge"
                    )
                )
    household_ids = [f"h{h:05d}" for h in range(len(situations))]
    person_household_ids = [household_ids[h] for h in person_household]

    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("individu", person_ids)
    for entity, roles in (("famille", famille_roles), ("menage", menage_roles)):
        population = builder.declare_entity(entity, household_ids)
        builder.join_with_persons(population, person_household_ids, roles)
    unique_foyers = sorted(set(foyer_ids))
    foyers = builder.declare_entity("foyer_fiscal", unique_foyers)
    builder.join_with_persons(foyers, foyer_ids, foyer_roles)
    simulation = builder.build(system)
    simulation.max_spiral_loops = 4

    persons = _Inputs(len(person_ids))
    families = _Inputs(len(situations))
    households = _Inputs(len(situations))
    tax_units = _Inputs(len(unique_foyers))
    incomes = {name: np.zeros((len(months), len(person_ids))) for name in ZERO_INCOME_VARIABLES}

    index = 0
    foyer_index = {foyer: i for i, foyer in enumerate(unique_foyers)}
    for h, situation in enumerate(situations):
        demandeur = index
        for person in situation.persons:
            _person_inputs(persons, index, person, situation, months, past, incomes)
            index += 1
        _household_inputs(households, h, situation, months)
        _family_inputs(families, h, situation, month, past)
        if situation.fiscal.rfr_n2 is not None:
            _reference_income_n2(tax_units, persons, situation, month, foyer_index[f"h{h:05d}_0"], demandeur)

    for name in ZERO_INCOME_VARIABLES:
        if name != "salaire_imposable":
            for m, month in enumerate(months):
                simulation.set_input(name, month, incomes[name][m])
    salaried = {month: incomes["salaire_net"][m] for m, month in enumerate(months)}
    for month, (base, taxable) in salaries_from_net(salaried).items():
        simulation.set_input("salaire_de_base", month, base)
        simulation.set_input("salaire_imposable", month, taxable)
    persons.apply(simulation, {})
    families.apply(simulation, {})
    households.apply(simulation, {})
    tax_units.apply(simulation, {})
    demandeurs = [i for i, role in enumerate(famille_roles) if role == "demandeur"]
    return Batch(simulation, month, tuple(situations), np.array(person_household), np.array(demandeurs))


def _person_inputs(inputs, index, person: Person, situation, months, past, incomes) -> None:
    inputs.put("date_naissance", "ETERNITY", index, person.birth_date)
    if person.jobseeker_since is not None:
        inputs.put("date_debut_chomage", "ETERNITY", index, person.jobseeker_since)
    couple = situation.household.couple
    for month in months:
        inputs.put("activite", month, index, ACTIVITE[person.activity])
        if person.disability_rate:
            inputs.put("taux_incapacite", month, index, person.disability_rate / 100)
            inputs.put("handicap", month, index, person.disability_rate >= 50)
        if person.scholarship:
            inputs.put("boursier", month, index, True)
        if person.school_level is not None:
            inputs.put("scolarite", month, index, person.school_level.value)
        if couple in {CoupleStatus.MARIE, CoupleStatus.PACSE} and person.role != Role.ENFANT:
            inputs.put("statut_marital", month, index, couple.value)
    if person.ass_work_condition is not None:
        for month in months:
            inputs.put("ass_precondition_remplie", month, index, person.ass_work_condition)
    estimated = _estimated_past_benefits(person, situation)
    for benefit in PAST_PERSON_BENEFITS:
        if benefit in estimated:
            continue  # received, amount unknown: the engine estimates its past months (no cycle)
        for month in past:
            inputs.put(benefit, month, index, 0.0)
    for income in person.incomes:
        series = income_series(income.amounts, months)
        if income.kind == IncomeKind.SALAIRE_NET:
            incomes["salaire_net"][:, index] += series
            if income.monthly_hours is not None:
                for month, amount in zip(months, series, strict=True):
                    if amount > 0:
                        inputs.put("contrat_de_travail", month, index, "temps_partiel")
                        inputs.put("heures_remunerees_volume", month, index, float(income.monthly_hours))
        elif income.kind in BENEFIT_INCOMES:
            for month, amount in zip(past, series, strict=False):
                inputs.put(BENEFIT_INCOMES[income.kind], month, index, amount)
        else:
            for variable in REPLACEMENT_INCOMES[income.kind]:
                incomes[variable][:, index] += series


def _estimated_past_benefits(person: Person, situation: Situation) -> set[str]:
    """Individual benefits the household receives without a declared amount or income: AAH paid to
    an adult counts as a resource of the past months (RSA, C2S), at the engine's own estimate."""
    if person.role == Role.ENFANT:
        return set()
    declared = {BENEFIT_INCOMES[income.kind] for income in person.incomes if income.kind in BENEFIT_INCOMES}
    received = {benefit.key for benefit in situation.received if not benefit.monthly_amount}
    return (received & {"aah"} if person.disability_rate else set()) - declared


def _reference_income_n2(
    tax_units, persons_inputs, situation: Situation, month: str, foyer: int, demandeur: int
) -> None:
    """The DGFiP's revenu fiscal de référence is the N-2 resource the family benefits, housing aid,
    bourses and chèque énergie read: set as such, so that unknown current earnings never rewrite N-2."""
    year = str(int(month[:4]) - 2)
    reference = float(situation.fiscal.rfr_n2)
    tax_units.put("rfr", year, foyer, reference)
    persons_inputs.put("traitements_salaires_pensions_rentes", year, demandeur, reference)


def _household_inputs(inputs, h, situation: Situation, months) -> None:
    household = situation.household
    rent = float(household.rent or 0)
    for month in months:
        inputs.put("depcom", month, h, household.depcom)
        inputs.put("statut_occupation_logement", month, h, STATUT_OCCUPATION[household.housing])
        inputs.put("loyer", month, h, rent)
        inputs.put("coloc", month, h, household.colocation)
        inputs.put("logement_crous", month, h, household.housing == Housing.CROUS)


def _family_inputs(inputs, h, situation: Situation, month: str, past) -> None:
    household = situation.household
    if household.in_paris:
        since = household.resident_since
        three_years_ago = dt.date(int(month[:4]) - 3, int(month[5:7]), 1)
        inputs.put("parisien", month, h, since is None or since <= three_years_ago)
    received = {benefit.key: benefit for benefit in situation.received}
    for key in PAST_FAMILY_BENEFITS:
        benefit = received.get(key)
        since = benefit.since.strftime("%Y-%m") if benefit and benefit.since else "0000-00"
        for past_month in past:
            paid = benefit is not None and past_month >= since
            inputs.put(key, past_month, h, float(benefit.monthly_amount) if paid else 0.0)
