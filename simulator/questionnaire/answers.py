"""Stored raw answers → validated engine ``Situation``.

Every step's form validates its own answers again here, so the engine only ever receives bounded
values; what is missing is reported step by step, never defaulted in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import ValidationError

from simulator.engine.mapping import month_add
from simulator.engine.situation import (
    FiscalItems,
    Household,
    Income,
    Person,
    ReceivedBenefit,
    Situation,
    french_errors,
    today,
)
from simulator.questionnaire.revenus import INCOME_KINDS, RECEIVED_BENEFITS
from simulator.questionnaire.steps import active_steps, adults, step_form


@dataclass
class AnswersIncomplete(Exception):
    """Steps whose answers are missing or invalid: ``{step: {field: [messages]}}``."""

    errors: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def first_step(self) -> str:
        return next(iter(self.errors))


def validate_answers(answers: dict) -> tuple[dict[str, dict], dict[str, dict[str, list[str]]]]:
    """(cleaned data by step, errors by step) for the steps this person goes through."""
    cleaned, errors = {}, {}
    for step in active_steps(answers):
        form = step_form(step.key, answers, data=answers.get(step.key, {}))
        if form.is_valid():
            cleaned[step.key] = form.cleaned_data
        else:
            errors[step.key] = {name: list(messages) for name, messages in form.errors.items()}
    return cleaned, errors


def situation_from_answers(answers: dict, *, month: str | None = None) -> tuple[Situation, list[str]]:
    """The engine situation of complete answers, and the extra assumptions made (none: what is
    unknown is screened, see ``simulator.screening``); raises ``AnswersIncomplete``."""
    month = month or today().strftime("%Y-%m")
    notes: list[str] = []
    cleaned, errors = validate_answers(answers)
    if errors:
        raise AnswersIncomplete(errors)
    try:
        situation = _situation(cleaned, answers, month)
    except ValidationError as e:
        raise AnswersIncomplete({"recapitulatif": french_errors(e)}) from e
    return situation, notes


def last_12_months(month: str) -> list[str]:
    return [month_add(month, -delta) for delta in range(12, 0, -1)]


def _incomes(data: dict, person: str, months: list[str]) -> list[Income]:
    incomes = []
    for kind, _ in INCOME_KINDS:
        amount = data.get(f"{person}_{kind}_amount")
        if not amount:
            continue
        count = data.get(f"{person}_{kind}_months") or 12
        amounts = {m: (amount if index >= 12 - count else Decimal(0)) for index, m in enumerate(months)}
        hours = data.get(f"{person}_salaire_net_hours") if kind == "salaire_net" else None
        incomes.append(Income(kind=kind, amounts=amounts, monthly_hours=hours))
    return incomes


def _adult(
    person_id: str, role: str, birth_date, activity, since, rate, scholarship, incomes, ass_condition=""
) -> Person:
    return Person(
        ass_work_condition={"oui": True, "non": False}.get(ass_condition) if activity == "chomeur" else None,
        id=person_id,
        role=role,
        birth_date=birth_date,
        activity=activity or "inactif",
        jobseeker_since=since if activity == "chomeur" else None,
        disability_rate=rate or 0,
        student=activity == "etudiant",
        scholarship=bool(scholarship),
        incomes=incomes,
    )


def _situation(cleaned: dict, answers: dict, month: str) -> Situation:
    profil, foyer = cleaned["profil"], cleaned["foyer"]
    logement, revenus = cleaned["logement"], cleaned["revenus"]
    months = last_12_months(month)
    persons = [
        _adult(
            "demandeur",
            "demandeur",
            profil["birth_date"],
            profil["activity"],
            profil.get("jobseeker_since"),
            profil.get("disability_rate"),
            profil.get("scholarship"),
            _incomes(revenus, "demandeur", months),
            profil.get("ass_work_condition") or "",
        )
    ]
    if len(adults(answers)) == 2:
        persons.append(
            _adult(
                "conjoint",
                "conjoint",
                foyer["partner_birth_date"],
                foyer["partner_activity"],
                foyer.get("partner_jobseeker_since"),
                foyer.get("partner_disability_rate"),
                False,
                _incomes(revenus, "conjoint", months),
            )
        )
    enfants = cleaned.get("enfants", {})
    for index in range(foyer["children_count"] or 0):
        persons.append(
            Person(
                id=f"enfant{index + 1}",
                role="enfant",
                birth_date=enfants[f"child_{index}_birth_date"],
                school_level=enfants.get(f"child_{index}_school_level") or None,
                disability_rate=enfants.get(f"child_{index}_disability_rate") or 0,
            )
        )
    query = (logement.get("commune_query") or "").strip()
    renting = logement["housing"] not in ("proprietaire", "heberge")
    household = Household(
        depcom=logement["depcom"],
        postcode=query if query.isdigit() and len(query) == 5 else None,
        housing=logement["housing"],
        rent=(logement.get("rent") or Decimal(0)) if renting else None,
        colocation=bool(logement.get("colocation")),
        couple=foyer["couple"] if foyer["couple"] != "seul" else None,
    )
    received = [
        ReceivedBenefit(
            key=key,
            monthly_amount=revenus.get(f"received_{key}_amount") or Decimal(0),
            since=revenus.get(f"received_{key}_since"),
        )
        for key, _ in RECEIVED_BENEFITS
        if revenus.get(f"received_{key}")
    ]
    return Situation(
        month=month,
        persons=persons,
        household=household,
        received=received,
        fiscal=FiscalItems(rfr_n2=revenus.get("rfr_n2")),
    )
