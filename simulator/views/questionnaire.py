"""The questionnaire: start, one view per step, the recap (which computes), resume links."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simulator import selectors, services
from simulator.drafts import Draft, draft_forget, draft_load, draft_store
from simulator.questionnaire.answers import AnswersIncomplete
from simulator.questionnaire.recap import recap_sections
from simulator.questionnaire.steps import (
    RECAP,
    STEP_KEYS,
    active_steps,
    get_step,
    neighbours,
    raw_answers,
    step_form,
)
from simulator.results import answers_key
from simulator.signals import simulation_computed


def _save(request: HttpRequest, draft: Draft) -> None:
    if draft.simulation is not None:
        services.simulation_store(draft=draft)
    else:
        draft_store(request, draft)


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    draft = draft_load(request)
    fresh = bool(draft.result) and draft.result_key == answers_key(draft.answers)
    first = active_steps(draft.answers)[0].key
    return render(request, "simulator/start.html", {"draft": draft, "results_ready": fresh, "first": first})


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, key: str) -> HttpResponse:
    if key not in STEP_KEYS:
        raise Http404
    draft = draft_load(request)
    steps = active_steps(draft.answers)
    if key not in [s.key for s in steps]:
        return redirect("simulator:step", key=steps[0].key)
    form = step_form(key, draft.answers, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        services.draft_answer_step(draft=draft, step=key, data=raw_answers(request.POST))
        _save(request, draft)
        previous, following = neighbours(draft.answers, key)
        action = request.POST.get("action", "next")
        if action == "back" and previous:
            return redirect("simulator:step", key=previous)
        if action == "next" and form.is_valid():
            return redirect(
                "simulator:recap" if following == RECAP else "simulator:step",
                **({} if following == RECAP else {"key": following}),
            )
    previous, _ = neighbours(draft.answers, key)
    index = [s.key for s in steps].index(key)
    context = {
        "step": get_step(key),
        "form": form,
        "previous": previous,
        "index": index + 1,
        "total": len(steps) + 1,
        "next_title": steps[index + 1].title if index + 1 < len(steps) else "Récapitulatif",
        "sources": {
            name.split(".", 1)[1]: value
            for name, value in draft.sources.items()
            if name.startswith(f"{key}.")
        },
    }
    return render(request, f"simulator/steps/{key}.html", context)


@require_http_methods(["GET", "POST"])
def recap(request: HttpRequest) -> HttpResponse:
    draft = draft_load(request)
    errors = {}
    if request.method == "POST":
        try:
            services.draft_compute(draft=draft)
        except AnswersIncomplete as incomplete:
            errors = incomplete.errors
        else:
            _save(request, draft)
            simulation_computed.send(sender=None, logged_in=draft.simulation is not None)
            return redirect("simulator:results")
    steps = active_steps(draft.answers)
    context = {
        "sections": recap_sections(draft.answers, draft.sources),
        "errors": errors,
        "total": len(steps) + 1,
    }
    return render(request, "simulator/recap.html", context, status=400 if errors else 200)


@require_POST
def restart(request: HttpRequest) -> HttpResponse:
    draft_forget(request)
    return redirect("simulator:start")


@require_POST
def resume_link(request: HttpRequest) -> HttpResponse:
    simulation = services.resume_link_create(draft=draft_load(request))
    url = request.build_absolute_uri(reverse("simulator:resume", args=[simulation.token]))
    return render(request, "simulator/resume_link.html", {"url": url, "simulation": simulation})


@require_GET
def resume(request: HttpRequest, token: str) -> HttpResponse:
    simulation = selectors.resume_simulation(token=token)
    if simulation is None or (simulation.user_id and simulation.user_id != request.user.pk):
        raise Http404("Ce lien a expiré ou n'existe pas.")
    if simulation.user_id:
        return redirect("simulator:results")
    draft = Draft(
        answers=simulation.answers,
        sources=simulation.sources,
        result=simulation.result,
        result_key=simulation.result_key,
    )
    draft_store(request, draft)
    return redirect("simulator:results" if draft.result else "simulator:recap")
