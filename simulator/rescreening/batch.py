"""Many people's screenings in one vectorised simulation, classified as the login classifies one."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.drafts import Draft
from simulator.engine import compute_many
from simulator.questionnaire.answers import AnswersIncomplete
from simulator.screening import ScreeningPlan, screening_classify, screening_plan
from simulator.services import draft_screened


@dataclass(frozen=True)
class BatchOutcome:
    screened: list[Draft]  # each with its result set, as the login would have set it
    incomplete: list[Draft]  # a fact that is never varied is missing (a birth date): not computed
    variants: int  # households computed


def drafts_screen(drafts: list[Draft], *, month: str | None = None) -> BatchOutcome:
    """Screen every draft: all variants of all of them in ONE ``compute_many``, then each draft's
    slice of the results classified by ``screening_classify`` and kept by ``draft_screened``."""
    plans: list[tuple[Draft, ScreeningPlan]] = []
    incomplete = []
    for draft in drafts:
        try:
            plans.append((draft, screening_plan(draft.answers, month=month)))
        except AnswersIncomplete:
            incomplete.append(draft)
    situations = [situation for _, plan in plans for situation in plan.situations]
    results = compute_many(situations) if situations else []
    start = 0
    for draft, plan in plans:
        mine = results[start : start + len(plan.situations)]
        start += len(plan.situations)
        draft_screened(draft=draft, screening=screening_classify(plan, mine), baseline=mine[0])
    return BatchOutcome(
        screened=[draft for draft, _ in plans], incomplete=incomplete, variants=len(situations)
    )
