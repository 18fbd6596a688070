"""The steps, in the mes-aides order, and the form of each bound to the stored raw answers."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from simulator.questionnaire.forms import EnfantsForm, FoyerForm, LogementForm, ProfilForm
from simulator.questionnaire.revenus import RevenusForm

SUBMITTED = "_submitted"  # answers[SUBMITTED]: steps the person has posted at least once


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    form_class: type[forms.Form]


STEPS = (
    Step("profil", "Votre profil", ProfilForm),
    Step("foyer", "Votre foyer", FoyerForm),
    Step("enfants", "Vos enfants", EnfantsForm),
    Step("logement", "Votre logement", LogementForm),
    Step("revenus", "Vos revenus des 12 derniers mois", RevenusForm),
)
STEP_KEYS = tuple(step.key for step in STEPS)
RECAP = "recapitulatif"


def children_count(answers: dict) -> int:
    try:
        return max(0, min(int(answers.get("foyer", {}).get("children_count") or 0), 12))
    except ValueError:
        return 0


def in_couple(answers: dict) -> bool:
    return answers.get("foyer", {}).get("couple", "seul") not in ("", "seul")


def single_parent(answers: dict) -> bool:
    return not in_couple(answers) and children_count(answers) > 0


def adults(answers: dict) -> list[tuple[str, str]]:
    persons = [("demandeur", "vous")]
    if in_couple(answers):
        persons.append(("conjoint", "votre conjoint·e"))
    return persons


def active_steps(answers: dict) -> list[Step]:
    """The steps this person goes through: no "enfants" step without children."""
    return [step for step in STEPS if step.key != "enfants" or children_count(answers)]


def get_step(key: str) -> Step:
    return next(step for step in STEPS if step.key == key)


def neighbours(answers: dict, key: str) -> tuple[str | None, str]:
    """(previous step key or None, next step key or RECAP)."""
    keys = [step.key for step in active_steps(answers)]
    index = keys.index(key) if key in keys else 0
    previous = keys[index - 1] if index > 0 else None
    following = keys[index + 1] if index + 1 < len(keys) else RECAP
    return previous, following


def _kwargs(key: str, answers: dict) -> dict:
    if key == "enfants":
        return {"children": children_count(answers)}
    if key == "revenus":
        return {"persons": adults(answers), "single_parent": single_parent(answers)}
    return {}


def step_form(key: str, answers: dict, data=None) -> forms.Form:
    """The step's form: bound to ``data`` (a POST), or to the stored answers once the step was posted
    (so its errors show again), else unbound with the stored (e.g. pre-filled) answers as initial."""
    step = get_step(key)
    kwargs = _kwargs(key, answers)
    stored = answers.get(key, {})
    if data is not None:
        return step.form_class(data, **kwargs)
    if key in answers.get(SUBMITTED, []):
        return step.form_class(stored, **kwargs)
    return step.form_class(initial=stored, **kwargs)


def raw_answers(post) -> dict[str, str]:
    """What a step's POST holds, minus the machinery (CSRF token, navigation button)."""
    return {name: value for name, value in post.items() if name not in ("csrfmiddlewaretoken", "action")}
