"""Where each fact of a simulation came from: which agency said it (and when), what the person
answered, and what nobody said (the unknowns the screening varied). Shown under the results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from agencies.french import french_date
from simulator.questionnaire.steps import STEPS, SUBMITTED, step_form


@dataclass
class AgencyFacts:
    organism: str
    date: str  # "3 décembre 2026"
    fields: list[str] = field(default_factory=list)


@dataclass
class Provenance:
    from_agencies: list[AgencyFacts]
    answered_steps: list[str]  # titles of the questionnaire steps the person filled in
    given: list[str]  # single facts given outside the questionnaire (the rights page's questions)
    unknown: list[str]  # the questions nobody answered yet that decide a result


def _label(step_key: str, name: str, answers: dict) -> str:
    form = step_form(step_key, answers)
    if name in form.fields and form.fields[name].label:
        return str(form.fields[name].label)
    return name.replace("_", " ")


def _french_date(value: str) -> str:
    try:
        return french_date(dt.date.fromisoformat(value[:10]))
    except ValueError:
        return ""


def provenance(*, answers: dict, sources: dict, result: dict) -> Provenance:
    submitted = set(answers.get(SUBMITTED, []))
    by_organism: dict[str, AgencyFacts] = {}
    for name, source in sources.items():
        step_key, field_name = name.split(".", 1)
        if step_key in submitted:
            continue  # the person's own answer replaced what the agency said
        organism = source.get("source", "")
        facts = by_organism.setdefault(organism, AgencyFacts(organism, _french_date(source.get("date", ""))))
        label = _label(step_key, field_name, answers)
        if label not in facts.fields:
            facts.fields.append(label)
    given_steps = answers.get("_meta", {}).get("given", {})
    given = [
        str(_label(step_key, name, answers))
        for step_key, values in given_steps.items()
        for name in values
        if step_key not in submitted
    ]
    unknown: list[str] = []
    for entry in result.get("screening", {}).values():
        for question in entry.get("questions", []):
            if question["question"] not in unknown:
                unknown.append(question["question"])
    return Provenance(
        from_agencies=sorted(by_organism.values(), key=lambda facts: facts.organism),
        answered_steps=[step.title for step in STEPS if step.key in submitted],
        given=given,
        unknown=unknown,
    )
