"""Many people's screenings in one vectorised simulation, classified as the login classifies one."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.drafts import Draft
from simulator.engine import compute_many
from simulator.questionnaire.answers import AnswersIncomplete
from simulator.screening import ScreeningPlan, screening_classify, screening_plan
from simulator.services import draft_screened

# Households computed in one simulation at most; see the memory estimate in ``simulator.rescreening``.
MAX_HOUSEHOLDS_PER_SIMULATION = 6000


@dataclass(frozen=True)
class BatchOutcome:
    screened: list[Draft]  # each with its result set, as the login would have set it
    incomplete: list[Draft]  # a fact that is never varied is missing (a birth date): not computed
    failed: list[str]  # the error's class for each draft that could not be screened (not written)
    variants: int  # households computed


def drafts_screen(
    drafts: list[Draft], *, month: str | None = None, max_households: int | None = None
) -> BatchOutcome:
    """Screen every draft: all variants of all of them in one ``compute_many``, then each draft's
    slice of the results classified by ``screening_classify`` and kept by ``draft_screened``.

    A chunk of members with unusually many unknowns would exceed the memory bound in one
    simulation: its members are then computed in as few simulations of at most ``max_households``
    households as they fit in (a member's variants always together).
    """
    max_households = max_households or MAX_HOUSEHOLDS_PER_SIMULATION
    plans: list[tuple[Draft, ScreeningPlan]] = []
    incomplete, failed = [], []
    for draft in drafts:
        try:
            plans.append((draft, screening_plan(draft.answers, month=month)))
        except AnswersIncomplete:
            incomplete.append(draft)
        except Exception as error:  # one member's odd answers must not hold back the chunk's others
            failed.append(type(error).__name__)
    for group in _groups(plans, max_households):
        results = compute_many([situation for _, plan in group for situation in plan.situations])
        start = 0
        for draft, plan in group:
            mine = results[start : start + len(plan.situations)]
            start += len(plan.situations)
            draft_screened(draft=draft, screening=screening_classify(plan, mine), baseline=mine[0])
    return BatchOutcome(
        screened=[draft for draft, _ in plans],
        incomplete=incomplete,
        failed=failed,
        variants=sum(len(plan.situations) for _, plan in plans),
    )


def _groups(plans: list, max_households: int) -> list[list]:
    groups: list[list] = []
    size = max_households
    for draft, plan in plans:
        if size + len(plan.situations) > max_households:
            groups.append([])
            size = 0
        groups[-1].append((draft, plan))
        size += len(plan.situations)
    return groups
