"""Robust screening: what a person may claim when some of their situation is not known.

At login the portal knows what the agencies said and nothing else. Rather than assume what no one
said (no activity, no rent...), each unknown fact that moves an amount is varied over plausible
values, all variants are computed in ONE vectorised simulation, and each benefit comes out as:

- ``potential``: eligible under every variant ("Vous pourriez y avoir droit"), with its range;
- ``to_check``: eligible under some variants only ("À vérifier"), with the questions that decide it;
- absent: eligible under none.

A benefit the person already receives is never a potential right (the rights app keeps it as held).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rights.services import SAME_RIGHT
from simulator.engine import compute_many
from simulator.engine.batch import with_earnings
from simulator.engine.situation import Activity, Housing, Income, IncomeKind, Role, Situation, today
from simulator.questionnaire.answers import AnswersIncomplete, situation_from_answers
from simulator.questionnaire.steps import SUBMITTED, single_parent

# Plausible monthly net amounts (2026): no income, a part-time job, the full-time SMIC, a good salary.
EARNINGS = (Decimal(0), Decimal(800), Decimal(1450), Decimal(2500))
PART_TIME_HOURS = Decimal(76)
STUDENT_JOB = Decimal(600)  # a student job of about 12 hours a week at the SMIC
PENSIONS = (Decimal(700), Decimal(1100), Decimal(2000))
RENTS = (Decimal(450), Decimal(850))
# One commune per housing-aid zone (1, 2, 3), used only while the commune is not known; local
# aids are then not screened at all (they exist in one place only).
COMMUNES = (("92050", "92000"), ("35238", "35000"), ("15014", "15000"))
RETIREMENT_AGE = 65
# A pension alimentaire per child a little above the ASF's (42.2 % of the BMAF, about 202 € in
# 2026): the ASF only makes up a smaller one, so "paid" must be a value that rules it out.
CHILD_SUPPORT_PER_CHILD = Decimal(250)
CHILD_SUPPORT_FIELD = "demandeur_pension_alimentaire_percue_amount"  # the revenus step's

Variant = Callable[[Situation], Situation]

# What ``unknowns_of`` fills in for each unknown, said wherever a single computation uses it.
ASSUMED = {
    "housing": "Votre logement n'est pas renseigné : ce calcul vous suppose hébergé·e gratuitement.",
    "activity": "Votre activité n'est pas renseignée : ce calcul vous suppose sans salaire.",
    "pension": "Votre retraite n'est pas renseignée : ce calcul la suppose nulle.",
    "partner_activity": "La situation de votre conjoint·e n'est pas renseignée : ce calcul la suppose sans revenu.",
    "other_parent": "La pension alimentaire de l'autre parent n'est pas renseignée : ce calcul la suppose non versée.",
}


@dataclass(frozen=True)
class Unknown:
    """A fact no agency gave and the person has not answered, with the question that settles it."""

    key: str
    question: str
    step: str  # the questionnaire step that asks it
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class Screening:
    """The classification of every benefit, and the baseline answers (first variant of each unknown)."""

    benefits: dict[str, dict]
    unknowns: tuple[Unknown, ...]
    baseline_answers: dict
    variants: int


def _earning(amount: Decimal) -> Variant:
    def apply(situation: Situation) -> Situation:
        hours = PART_TIME_HOURS if 0 < amount < 1000 else None
        varied = with_earnings(situation, float(amount), hours)
        if amount == 0:
            return varied
        return _set_person(varied, Role.DEMANDEUR, activity=Activity.SALARIE)

    return apply


def situation_with_unknowns(answers: dict, *, month: str | None = None) -> tuple[Situation, list[str]]:
    """The situation of stored answers where the unknowns keep the screening's filled-in values
    (no activity, lodged, a partner without income), and a sentence for each, to be shown with
    whatever is computed from it (the what-if, an error report). Raises ``AnswersIncomplete``."""
    filled, unknowns = unknowns_of(answers)
    if any(unknown.key == "commune" for unknown in unknowns):
        raise AnswersIncomplete({"logement": {"depcom": ["Indiquez votre commune."]}})
    situation, _ = situation_from_answers(filled, month=month)
    return situation, [ASSUMED[unknown.key] for unknown in unknowns]


def _earning_before(amount: Decimal, since: str) -> Variant:
    """A salary in the months of the last 12 before ``since`` (YYYY-MM; all of them for a date
    after the simulated month), the activity kept."""

    def apply(situation: Situation) -> Situation:
        months = _last_12(situation)
        if amount == 0 or months[0] >= since:
            return situation
        # Zeros from the registration on: the simulated month repeats the last declared one.
        amounts = {month: amount if month < since else Decimal(0) for month in months}
        income = Income(kind=IncomeKind.SALAIRE_NET, amounts=amounts)
        demandeur = next(person for person in situation.persons if person.role == Role.DEMANDEUR)
        return _set_person(situation, Role.DEMANDEUR, activity=demandeur.activity, add_income=income)

    return apply


def _pension(amount: Decimal) -> Variant:
    def apply(situation: Situation) -> Situation:
        months = dict.fromkeys(_last_12(situation), amount)
        income = Income(kind=IncomeKind.RETRAITE_NETTE, amounts=months)
        return _set_person(situation, Role.DEMANDEUR, activity=Activity.RETRAITE, add_income=income)

    return apply


def _partner_earning(amount: Decimal) -> Variant:
    def apply(situation: Situation) -> Situation:
        if amount == 0:
            return situation
        income = Income(kind=IncomeKind.SALAIRE_NET, amounts=dict.fromkeys(_last_12(situation), amount))
        return _set_person(situation, Role.CONJOINT, activity=Activity.SALARIE, add_income=income)

    return apply


def _child_support(per_child: Decimal) -> Variant:
    """A pension alimentaire received by the demandeur over the last 12 months, per child."""

    def apply(situation: Situation) -> Situation:
        children = sum(1 for person in situation.persons if person.role == Role.ENFANT)
        if per_child == 0 or not children:
            return situation
        amounts = dict.fromkeys(_last_12(situation), per_child * children)
        income = Income(kind=IncomeKind.PENSION_ALIMENTAIRE, amounts=amounts)
        demandeur = next(person for person in situation.persons if person.role == Role.DEMANDEUR)
        return _set_person(situation, Role.DEMANDEUR, activity=demandeur.activity, add_income=income)

    return apply


def _housing(housing: Housing, rent: Decimal | None) -> Variant:
    def apply(situation: Situation) -> Situation:
        household = situation.household.model_copy(update={"housing": housing, "rent": rent})
        return situation.model_copy(update={"household": household})

    return apply


def _commune(depcom: str, postcode: str) -> Variant:
    def apply(situation: Situation) -> Situation:
        household = situation.household.model_copy(update={"depcom": depcom, "postcode": postcode})
        return situation.model_copy(update={"household": household})

    return apply


def _last_12(situation: Situation) -> list[str]:
    from simulator.engine.mapping import lookback_months

    return lookback_months(situation.month)[-13:-1]


def _set_person(situation: Situation, role: Role, *, activity: Activity, add_income: Income | None = None):
    persons = []
    for person in situation.persons:
        if person.role == role:
            incomes = [*person.incomes, add_income] if add_income else person.incomes
            person = person.model_copy(update={"activity": activity, "incomes": incomes})
        persons.append(person)
    return situation.model_copy(update={"persons": persons})


def _age(birth_date: str) -> int:
    return today().year - int(birth_date[:4])


def unknowns_of(answers: dict) -> tuple[dict, list[Unknown]]:
    """(answers completed with each unknown's first variant, the unknowns) for stored answers."""
    answers = {key: dict(value) if isinstance(value, dict) else value for key, value in answers.items()}
    profil, foyer = answers.setdefault("profil", {}), answers.setdefault("foyer", {})
    logement, revenus = answers.setdefault("logement", {}), answers.setdefault("revenus", {})
    foyer.setdefault("children_count", "0")
    household = {**foyer, "quotient_familial": (answers.get("_meta") or {}).get("quotient_familial")}
    unknowns: list[Unknown] = []
    if not logement.get("depcom"):
        depcom, postcode = COMMUNES[0]
        logement.update(commune_query=postcode, depcom=depcom)
        unknowns.append(
            Unknown(
                "commune",
                "Dans quelle commune habitez-vous ?",
                "logement",
                tuple(_commune(*commune) for commune in COMMUNES),
            )
        )
    if not logement.get("housing"):
        logement.update(housing="heberge", rent="")
        unknowns.append(
            Unknown(
                "housing",
                "Êtes-vous locataire, propriétaire ou hébergé·e, et quel est votre loyer ?",
                "logement",
                (
                    _housing(Housing.HEBERGE, None),
                    *(_housing(Housing.LOCATAIRE_PRIVE, rent) for rent in RENTS),
                    _housing(Housing.PROPRIETAIRE, None),
                ),
            )
        )
    known_level = _earnings_level(revenus, household) is not None
    agency_activity = _said_by_an_agency(answers, "profil", "activity") and profil.get("activity")
    if agency_activity == "chomeur":
        _earnings_before_registration_unknown(profil, revenus, household, unknowns)
    elif agency_activity == "etudiant":
        _student_job_unknown(revenus, unknowns)
    else:
        _activity_unknown(profil, revenus, household, unknowns)
    if foyer.get("couple") not in (None, "seul") and not foyer.get("partner_activity") and known_level:
        # The RFR or quotient familial is the household's: varied on the demandeur alone.
        foyer["partner_activity"] = "inactif"
    elif foyer.get("couple") not in (None, "seul") and not foyer.get("partner_activity"):
        foyer["partner_activity"] = "inactif"
        unknowns.append(
            Unknown(
                "partner_activity",
                "Quelle est la situation de votre conjoint·e et quels sont ses revenus ?",
                "foyer",
                tuple(_partner_earning(amount) for amount in (EARNINGS[0], EARNINGS[2], EARNINGS[3])),
            )
        )
    _other_parent_unknown(answers, revenus, unknowns)
    foyer.setdefault("couple", "seul")
    return answers, unknowns


def _other_parent_unknown(answers: dict, revenus: dict, unknowns: list[Unknown]) -> None:
    """A single parent's ASF depends on whether the other parent pays a pension alimentaire, which
    no agency gives. Asked unless the ASF is already paid (the CAF says so: nothing to decide) or
    the person answered it (the revenus step, which asks a single parent the pension the other
    parent pays, empty for none, or the question)."""
    if not single_parent(answers) or revenus.get("received_asf"):
        return
    answered = revenus.get(CHILD_SUPPORT_FIELD) not in (None, "")
    if answered or "revenus" in answers.get(SUBMITTED, []):
        return
    unknowns.append(
        Unknown(
            "other_parent",
            "L'autre parent de vos enfants vous verse-t-il une pension alimentaire ?",
            "revenus",
            (_child_support(Decimal(0)), _child_support(CHILD_SUPPORT_PER_CHILD)),
        )
    )


def _said_by_an_agency(answers: dict, step: str, name: str) -> bool:
    """The answer is there, and it is neither posted nor given by the person (a pre-filled one)."""
    given = (answers.get("_meta") or {}).get("given", {})
    return (
        bool(answers[step].get(name))
        and step not in answers.get(SUBMITTED, [])
        and name not in given.get(step, {})
    )


def _earnings_before_registration_unknown(profil: dict, revenus: dict, foyer: dict, unknowns) -> None:
    """France Travail says the person is a jobseeker since a date, not what they earned before:
    the last 12 months' resources (C2S, housing aid) depend on it. Varied from nothing to the level
    the DGFiP or the CAF know, asked with the activity question (its form takes the salary)."""
    since = (profil.get("jobseeker_since") or "")[:7]
    if not since or any(name.endswith("salaire_net_amount") and value for name, value in revenus.items()):
        return
    level = _earnings_level(revenus, foyer)
    earnings = (Decimal(0), level) if level else EARNINGS
    unknowns.append(
        Unknown(
            "activity",
            "Travaillez-vous, et combien avez-vous gagné ces 12 derniers mois ?",
            "profil",
            tuple(_earning_before(amount, since) for amount in earnings),
        )
    )


def _student_job_unknown(revenus: dict, unknowns: list[Unknown]) -> None:
    """A student status says nothing of a student job, which counts in the C2S and housing aid."""
    if any(name.endswith("salaire_net_amount") and value for name, value in revenus.items()):
        return
    unknowns.append(
        Unknown(
            "activity",
            "Travaillez-vous, et combien avez-vous gagné ces 12 derniers mois ?",
            "profil",
            tuple(_earning_before(amount, "9999-12") for amount in (Decimal(0), STUDENT_JOB)),
        )
    )


def _activity_unknown(profil: dict, revenus: dict, foyer: dict, unknowns: list[Unknown]) -> None:
    """Activity and earnings: unknown unless the person answered or an agency gave a status.

    Plausible values come from what the agencies said: a prime d'activité being paid means some
    earnings; a known revenu fiscal de référence (or CAF quotient familial, when no minimum benefit
    is in it) puts the household's earnings around its level.
    """
    if profil.get("activity") or not profil.get("birth_date"):
        return
    level = _earnings_level(revenus, foyer)
    if _age(profil["birth_date"]) >= RETIREMENT_AGE:
        profil["activity"] = "retraite"
        pensions = PENSIONS if level is None else _around(level)
        unknowns.append(
            Unknown(
                "pension",
                "Quel est le montant de votre retraite et de vos autres ressources ?",
                "revenus",
                tuple(_pension(amount) for amount in pensions),
            )
        )
        return
    profil["activity"] = "inactif"
    if revenus.get("received_ppa"):
        # Some earnings, at the level the DGFiP or the CAF know when they do.
        earnings = (Decimal(800), Decimal(1450)) if level is None else _around(level)
    elif level is not None and any(revenus.get(name) for name in MINIMUM_BENEFITS):
        # A minimum income being paid says today's earnings are low or none, whatever N-2 was.
        earnings = (Decimal(0), *_around(level))
    elif level is not None:
        earnings = _around(level)
    else:
        earnings = EARNINGS
    unknowns.append(
        Unknown(
            "activity",
            "Travaillez-vous, et combien avez-vous gagné ces 12 derniers mois ?",
            "profil",
            tuple(_earning(amount) for amount in earnings),
        )
    )


MINIMUM_BENEFITS = ("received_rsa", "received_ppa", "received_aah", "received_asf", "received_aspa")


def _earnings_level(revenus: dict, foyer: dict) -> Decimal | None:
    """The household's monthly net resources as the DGFiP or the CAF/MSA know them, if they do."""
    if revenus.get("rfr_n2"):
        # RFR ≈ 90 % of the taxable income (10 % deduction); taxable ≈ net for a salary.
        return (Decimal(revenus["rfr_n2"]) / Decimal("0.9") / 12).quantize(Decimal(1))
    qf = foyer.get("quotient_familial")
    if qf and not any(revenus.get(name) for name in MINIMUM_BENEFITS):
        return (Decimal(qf) * _caf_shares(foyer)).quantize(Decimal(1))
    return None


def _caf_shares(foyer: dict) -> Decimal:
    """CAF shares of the quotient familial: 2 for a couple or a single parent, 1 alone; 0.5 for each
    of the first two children, 1 from the third."""
    children = int(foyer.get("children_count") or 0)
    adults = Decimal(2) if foyer.get("couple") not in (None, "seul") or children else Decimal(1)
    return adults + Decimal("0.5") * min(children, 2) + max(children - 2, 0)


def _around(level: Decimal) -> tuple[Decimal, ...]:
    return tuple((level * factor).quantize(Decimal(1)) for factor in (Decimal("0.7"), 1, Decimal("1.3")))


@dataclass(frozen=True)
class ScreeningPlan:
    """The households one person's screening computes: ``situations[0]`` has every unknown at its
    first value (the baseline shown), the others one combination of the unknowns' values each."""

    situations: list[Situation]
    grid: list[tuple[int, ...]]
    unknowns: tuple[Unknown, ...]
    baseline: Situation  # the answers as given, before any unknown is filled in
    baseline_answers: dict


def screening_plan(answers: dict, *, month: str | None = None) -> ScreeningPlan:
    """Every variant of ``answers`` over its unknowns, ready for ``compute_many``.

    Raises ``AnswersIncomplete`` when a fact that is never varied is missing (a birth date).
    """
    filled, unknowns = unknowns_of(answers)
    baseline, _ = situation_from_answers(filled, month=month)
    grid = list(itertools.product(*(range(len(unknown.variants)) for unknown in unknowns)))
    situations = []
    for combination in grid:
        situation = baseline
        for unknown, choice in zip(unknowns, combination, strict=True):
            situation = unknown.variants[choice](situation)
        situations.append(situation)
    return ScreeningPlan(situations, grid, tuple(unknowns), baseline, filled)


def screening_classify(plan: ScreeningPlan, results: Sequence) -> Screening:
    """The classification of every benefit from the results of ``plan.situations``, in order."""
    if len(results) != len(plan.situations):
        raise ValueError(f"{len(results)} results for {len(plan.situations)} screened households")
    return Screening(
        benefits=_classify(results, plan.grid, list(plan.unknowns), plan.baseline),
        unknowns=plan.unknowns,
        baseline_answers=plan.baseline_answers,
        variants=len(plan.situations),
    )


def screen(answers: dict, *, month: str | None = None) -> tuple[Screening, object]:
    """Classify every benefit over the unknowns of ``answers``; (screening, baseline result).

    One person in one vectorised simulation; the re-screening of many people
    (``simulator.rescreening``) computes many plans at once and classifies each the same way.
    Raises ``AnswersIncomplete`` when a fact that is never varied is missing (a birth date).
    """
    plan = screening_plan(answers, month=month)
    results = compute_many(plan.situations)
    return screening_classify(plan, results), results[0]


def _classify(results, grid, unknowns, baseline: Situation) -> dict[str, dict]:
    held = baseline.received_keys()
    held |= {SAME_RIGHT[key] for key in held if key in SAME_RIGHT}
    by_key: dict[str, list] = {}
    for result in results:
        for benefit in result.benefits:
            by_key.setdefault(benefit.key, []).append(benefit)
    classified = {}
    for key, outcomes in by_key.items():
        if len(outcomes) != len(results):
            continue  # a local aid of one of the communes tried: not screened without the commune
        eligible = [outcome.eligible for outcome in outcomes]
        if not any(eligible):
            continue
        amounts = [o.amount for o in outcomes if o.eligible and o.amount is not None]
        entry = {
            "status": "potential" if all(eligible) else "to_check",
            "held": key in held,
            "unit": outcomes[0].unit,
            "periodicity": outcomes[0].periodicity,
            "min": str(min(amounts)) if amounts else None,
            "max": str(max(amounts)) if amounts else None,
            "questions": [],
        }
        if not all(eligible):
            entry["questions"] = [
                {"key": u.key, "question": u.question, "step": u.step}
                for u in _deciding(eligible, grid, unknowns)
            ]
        classified[key] = entry
    return classified


def _deciding(eligible: list[bool], grid: list[tuple], unknowns: list[Unknown]) -> list[Unknown]:
    """The unknowns whose value alone changes the answer, the others being fixed."""
    deciding = []
    for position, unknown in enumerate(unknowns):
        groups: dict[tuple, set[bool]] = {}
        for combination, answer in zip(grid, eligible, strict=True):
            rest = combination[:position] + combination[position + 1 :]
            groups.setdefault(rest, set()).add(answer)
        if any(len(answers) > 1 for answers in groups.values()):
            deciding.append(unknown)
    return deciding or list(unknowns)
