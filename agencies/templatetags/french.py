"""French in templates: `{{ commune.name|de }}` → "d'Ajaccio", `{{ organism.with_article|a }}` →
"au Département", `{{ "caf"|organism }}` → "la CAF", `{{ day|french_date }}` → "1er janvier 2027"."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from agencies import french
from agencies.registry import organisms

register = template.Library()


def _joined(join, words, autoescape: bool) -> SafeString:
    # Escaped before joining, so that the apostrophe we add stays one ("d'Ajaccio", not "d&#x27;…");
    # escaping never changes a first letter that elides nor an article that contracts.
    return mark_safe(join(str(conditional_escape(words) if autoescape else words)))  # noqa: S308 -- escaped


@register.filter(needs_autoescape=True)
def de(words, autoescape: bool = True) -> SafeString:
    return _joined(french.de, words, autoescape)


@register.filter(needs_autoescape=True)
def a(words, autoescape: bool = True) -> SafeString:
    return _joined(french.a, words, autoescape)


@register.filter
def organism(code: str) -> str:
    """A registry code as people read it, with its article: "la CAF", "l'Assurance Maladie"."""
    entry = organisms().get(code)
    return entry.with_article if entry else code


@register.filter(name="french_date")
def french_date_filter(value) -> str:
    """`{{ day|french_date }}` → "1er janvier 2027"; a datetime is read in local time."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return french.french_date(value)
