"""Where a person's answers live between requests.

A logged-in citizen's answers are their ``Simulation`` row (pre-filled and pre-computed at login).
An anonymous person's answers live in their session only: nothing is written to the database unless
they ask for a resume link.
"""

from __future__ import annotations

from django.http import HttpRequest

from simulator.models import Simulation

SESSION_KEY = "simulator"


class Draft:
    def __init__(
        self, *, answers: dict, sources: dict, result: dict | None, result_key: str, simulation=None
    ):
        self.answers = answers
        self.sources = sources
        self.result = result
        self.result_key = result_key
        self.simulation = simulation

    @property
    def user(self):
        return self.simulation.user if self.simulation is not None else None

    @property
    def organism_hint(self) -> str:
        return self.answers.get("_meta", {}).get("family_organism", "")


def _is_citizen(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.kind == "citizen"


def draft_load(request: HttpRequest) -> Draft:
    if _is_citizen(request):
        simulation, _ = Simulation.objects.get_or_create(user=request.user)
        return Draft(
            answers=simulation.answers,
            sources=simulation.sources,
            result=simulation.result,
            result_key=simulation.result_key,
            simulation=simulation,
        )
    stored = request.session.get(SESSION_KEY, {})
    return Draft(
        answers=stored.get("answers", {}),
        sources=stored.get("sources", {}),
        result=stored.get("result"),
        result_key=stored.get("result_key", ""),
    )


def draft_store(request: HttpRequest, draft: Draft) -> None:
    if draft.simulation is not None:
        simulation = draft.simulation
        simulation.answers, simulation.sources = draft.answers, draft.sources
        simulation.result, simulation.result_key = draft.result, draft.result_key
        simulation.save()
        return
    request.session[SESSION_KEY] = {
        "answers": draft.answers,
        "sources": draft.sources,
        "result": draft.result,
        "result_key": draft.result_key,
    }


def draft_forget(request: HttpRequest) -> None:
    """An anonymous person (or a social worker between two people) starts afresh."""
    if _is_citizen(request):
        Simulation.objects.filter(user=request.user).update(
            answers={}, sources={}, result=None, result_key=""
        )
    else:
        request.session.pop(SESSION_KEY, None)
