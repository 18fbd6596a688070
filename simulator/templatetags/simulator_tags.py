from django import template
from django.utils import formats

from simulator.prefill import source_date
from simulator.results import euros

register = template.Library()


@register.filter
def source_of(sources: dict, name: str) -> str:
    """ "CAF, le 12 novembre 2026" for a pre-filled answer, "" otherwise."""
    source = sources.get(name) if isinstance(sources, dict) else None
    if not source:
        return ""
    return f"{source['source']}, le {formats.date_format(source_date(source['date']), 'j F Y')}"


@register.filter
def eur(value) -> str:
    return euros(value)


@register.filter
def signed_eur(value) -> str:
    if not value:
        return "—"
    return ("+ " if value > 0 else "− ") + euros(abs(value))
