"""The screening's deciding questions as forms, for the rights page's "À vérifier" cards."""

from django import template
from django.urls import reverse

from simulator.questions import QUESTION_FORMS, question_form

register = template.Library()


@register.inclusion_tag("simulator/partials/question_form.html", takes_context=True)
def question_form_for(context, question: dict, right_key: str) -> dict:
    """The question's form posting to its page and coming back here; a link when it has no form.
    Ids carry the right's key: the same question may decide several cards of one page."""
    key = question["key"]
    request = context.get("request")
    url = question.get("url") or (
        reverse("simulator:step", args=[question["step"]]) if question.get("step") else ""
    )
    shown = {"csrf_token": context.get("csrf_token"), "url": url, "form": None}
    if key in QUESTION_FORMS:
        shown["form"] = question_form(key, auto_id=f"id_{right_key}_{key}_%s")
        shown["url"] = reverse("simulator:situation", args=[key])
        shown["next"] = request.get_full_path() if request else ""
    return shown
