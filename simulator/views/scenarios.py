"""Simuler un changement de situation, and the commune lookup used by the forms' script."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from simulator.communes import communes_search
from simulator.drafts import draft_load
from simulator.engine.situation import today
from simulator.forms import ScenarioForm
from simulator.questionnaire.answers import AnswersIncomplete, situation_from_answers
from simulator.scenarios import EXPECTED_BIRTH, HOW, scenario_situation
from simulator.screening import situation_with_unknowns
from simulator.whatif import whatif_request, whatif_state

SESSION_KEYS = "simulator_whatif_keys"  # the what-ifs this session asked for: only those are shown
KEPT_PER_SESSION = 20


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
    options = {"has_partner": "conjoint" in roles, "has_children": "enfant" in roles}
    asked = request.session.get(SESSION_KEYS, {})
    notes: list[str] = []
    key = request.GET.get("calcul", "")
    if request.method == "POST":
        form = ScenarioForm(request.POST, **options)
        if form.is_valid():
            kind = form.cleaned_data["kind"]
            key = whatif_request(
                base=base, changed=scenario_situation(base, kind, form.cleaned_data), kind=kind
            )
            # The form as posted, to show it again beside the result (without the CSRF token).
            asked[key] = {
                name: value for name, value in request.POST.items() if name != "csrfmiddlewaretoken"
            }
            request.session[SESSION_KEYS] = dict(list(asked.items())[-KEPT_PER_SESSION:])
            return redirect(f"{reverse('simulator:change')}?calcul={key}")
        state, comparison = "", None
    elif key in asked:
        form = ScenarioForm(asked[key], **options)
        state, comparison = whatif_state(key=key)
        if form.is_valid() and (form.cleaned_data.get("birth_date") or dt.date.min) > today():
            notes.append(EXPECTED_BIRTH)
    else:
        form, state, comparison = ScenarioForm(**options), "", None
    context = {
        "form": form,
        "comparison": comparison,
        "state": state,
        "status_url": reverse("simulator:change_status", args=[key]) if state == "pending" else "",
        "how": HOW,
        "sources": {},
        "assumed": assumed,
        "notes": notes,
    }
    return render(request, "simulator/change.html", context, status=400 if form.errors else 200)


@require_GET
def change_status(request: HttpRequest, key: str) -> JsonResponse:
    """Where a what-if of this session stands, for the page's polling."""
    if key not in request.session.get(SESSION_KEYS, {}):
        raise Http404
    state, _ = whatif_state(key=key)
    return JsonResponse({"state": state})


@require_GET
def communes(request: HttpRequest) -> JsonResponse:
    """Communes matching a postcode or the start of a name (for the forms' progressive enhancement)."""
    found = communes_search(request.GET.get("q", "")[:80])
    return JsonResponse(
        {"communes": [{"code": c.code, "nom": c.name, "codes_postaux": list(c.postcodes)} for c in found]}
    )
