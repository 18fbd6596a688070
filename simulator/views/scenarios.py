"""Simuler un changement de situation, and the commune lookup used by the forms' script."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from simulator.communes import communes_search
from simulator.drafts import draft_load
from simulator.forms import ScenarioForm
from simulator.questionnaire.answers import AnswersIncomplete, situation_from_answers
from simulator.scenarios import HOW, scenario_compare, scenario_situation
from simulator.screening import situation_with_unknowns


@require_http_methods(["GET", "POST"])
def change(request: HttpRequest) -> HttpResponse:
    draft = draft_load(request)
    if not draft.result:
        return redirect("simulator:recap")
    assumed: list[str] = []
    try:
        base, _ = situation_from_answers(draft.answers, month=draft.result["month"])
    except AnswersIncomplete:
        try:
            base, assumed = situation_with_unknowns(draft.answers, month=draft.result["month"])
        except AnswersIncomplete:
            messages.info(request, "Indiquez d'abord votre commune : les aides en dépendent.")
            return redirect("simulator:commune")
    roles = {person.role for person in base.persons}
    form = ScenarioForm(request.POST or None, has_partner="conjoint" in roles, has_children="enfant" in roles)
    comparison = None
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        comparison = scenario_compare(base, scenario_situation(base, kind, form.cleaned_data), kind=kind)
    status = 400 if form.errors else 200
    return render(
        request,
        "simulator/change.html",
        {"form": form, "comparison": comparison, "how": HOW, "sources": {}, "assumed": assumed},
        status=status,
    )


@require_GET
def communes(request: HttpRequest) -> JsonResponse:
    """Communes matching a postcode or the start of a name (for the forms' progressive enhancement)."""
    found = communes_search(request.GET.get("q", "")[:80])
    return JsonResponse(
        {"communes": [{"code": c.code, "nom": c.name, "codes_postaux": list(c.postcodes)} for c in found]}
    )
