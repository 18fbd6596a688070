"""The recap: every answer in words, step by step, with where pre-filled answers came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils import formats

from simulator.communes import commune_by_code
from simulator.prefill import source_date
from simulator.questionnaire.steps import active_steps, step_form


@dataclass
class RecapRow:
    label: str
    value: str
    source: str = ""


@dataclass
class RecapSection:
    key: str
    title: str
    rows: list[RecapRow] = field(default_factory=list)


def _display(bound, raw) -> str:
    field = bound.field
    if raw in (None, ""):
        return ""
    if isinstance(field, forms.BooleanField):
        return "oui" if raw else ""
    if isinstance(field, forms.ChoiceField):
        if bound.name == "depcom":
            commune = commune_by_code(raw)
            return f"{commune.name} ({raw})" if commune else raw
        return str(dict(field.choices).get(raw, raw))
    if isinstance(field, forms.DateField):
        try:
            return formats.date_format(field.to_python(raw), "j F Y")
        except forms.ValidationError:
            return str(raw)
    if isinstance(field, forms.DecimalField) and bound.name.endswith(("_amount", "rent", "rfr_n2")):
        return f"{raw} €"
    return str(raw)


def _source_text(source: dict | None) -> str:
    if not source:
        return ""
    return f"{source['source']}, le {formats.date_format(source_date(source['date']), 'j F Y')}"


def recap_sections(answers: dict, sources: dict) -> list[RecapSection]:
    sections = []
    for step in active_steps(answers):
        stored = answers.get(step.key, {})
        form = step_form(step.key, answers)
        section = RecapSection(step.key, step.title)
        for bound in form:
            if bound.is_hidden or bound.name == "commune_query":
                continue
            value = _display(bound, stored.get(bound.name))
            if value:
                section.rows.append(
                    RecapRow(str(bound.label), value, _source_text(sources.get(f"{step.key}.{bound.name}")))
                )
        sections.append(section)
    return sections
