"""Writes of the simulator: answers, computations and their results, resume links, error reports."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from simulator.drafts import Draft
from simulator.engine import compute_benefits
from simulator.engine.benefits import SimulationResult
from simulator.models import ErrorReport, Simulation
from simulator.prefill import prefill_answers
from simulator.questionnaire.answers import AnswersIncomplete, situation_from_answers
from simulator.questionnaire.steps import SUBMITTED
from simulator.questions import QUESTION_FORMS
from simulator.results import answers_key, result_to_json
from simulator.screening import Screening, screen

logger = logging.getLogger(__name__)


def draft_answer_step(*, draft: Draft, step: str, data: dict[str, str]) -> None:
    """Keep a step's raw answers, valid or not: going back and forth never loses anything."""
    draft.answers[step] = data
    submitted = draft.answers.setdefault(SUBMITTED, [])
    if step not in submitted:
        submitted.append(step)
    for name in list(draft.sources):
        # An answer the person changed is theirs now, no longer the agency's.
        prefix, field = name.split(".", 1)
        if prefix == step and str(data.get(field, "")) != str(
            draft.sources[name].get("value", data.get(field, ""))
        ):
            draft.sources.pop(name)


def draft_compute(*, draft: Draft) -> dict:
    """Simulate the draft's answers and keep the result with it; raises ``AnswersIncomplete``."""
    situation, notes = situation_from_answers(draft.answers)
    draft.result = result_to_json(compute_benefits(situation), notes)
    draft.result_key = answers_key(draft.answers)
    return draft.result


def simulation_store(*, draft: Draft) -> None:
    """Save a logged-in person's draft and hand their potential rights to the rights view."""
    simulation = draft.simulation
    simulation.answers, simulation.sources = draft.answers, draft.sources
    simulation.result, simulation.result_key = draft.result, draft.result_key
    simulation.computed_at = timezone.now() if draft.result else simulation.computed_at
    simulation.save()
    if simulation.user_id and draft.result:
        potential_rights_hand_over(user=simulation.user, result=draft.result)


def potential_rights_hand_over(*, user: User, result: dict) -> None:
    """The benefits the simulation finds → the rights view and the alert rule.

    A screened result (computed at login over what nobody said) hands over its classification:
    robust findings as potential rights, the others "à vérifier" with their deciding questions. A
    result from complete answers hands over every eligible benefit. The rights app decides the rest:
    a potential right only for what the person does not hold, an estimate for what they hold.
    """
    from rights.services import potential_rights_replace

    potential_rights_replace(user=user, potentials=potential_rights_from_result(result))


def potential_rights_from_result(result: dict) -> list:
    """A result's findings as `rights.services.PotentialRight`s (see `potential_rights_hand_over`)."""
    from rights.catalogue import benefits
    from rights.services import PotentialRight

    url = reverse("simulator:results")
    known = benefits()
    screening = result.get("screening")
    if screening is None:
        screening = {
            item["key"]: {"status": "potential", "min": item["amount"], "unit": item["unit"],
                          "periodicity": item["periodicity"], "questions": []}
            for item in result["benefits"] if item["eligible"]
        }  # fmt: skip
    potentials = [
        PotentialRight(
            key=key,
            amount=Decimal(entry["min"]) if entry["min"] and entry["unit"] == "€" else None,
            periodicity=entry["periodicity"],
            simulation_url=url,
            to_check=entry["status"] == "to_check",
            questions=[
                {"key": q["key"], "question": q["question"], "url": _question_url(q)}
                for q in entry["questions"]
            ],
        )
        for key, entry in screening.items()
        if key in known
    ]
    return potentials


def _question_url(question: dict) -> str:
    if question["key"] == "commune":
        return reverse("simulator:commune")
    if question["key"] in QUESTION_FORMS:
        return reverse("simulator:situation", args=[question["key"]])
    return reverse("simulator:step", args=[question["step"]])


def simulation_screen(*, draft: Draft) -> dict:
    """Compute the draft over the facts nobody gave (see ``simulator.screening``); raises
    ``AnswersIncomplete`` when a fact that is never varied (a birth date) is missing."""
    screening, baseline = screen(draft.answers)
    return draft_screened(draft=draft, screening=screening, baseline=baseline)


def draft_screened(*, draft: Draft, screening: Screening, baseline: SimulationResult) -> dict:
    """Keep a screening with the draft: the baseline's results, the classification, a note per unknown."""
    notes = [f"Non renseigné : {unknown.question} Les résultats qui en dépendent sont « à vérifier »."
             for unknown in screening.unknowns]  # fmt: skip
    draft.result = result_to_json(baseline, notes)
    draft.result["screening"] = screening.benefits
    draft.result_key = answers_key(draft.answers)
    return draft.result


# OpenFisca runs outside the transaction that writes its result: a screening takes seconds, and on
# SQLite (the demo's database) a transaction holds the whole database's write lock, so every page
# and task would wait for it, past SQLite's busy timeout ("database is locked"). The result is
# written only if the simulation did not change meanwhile, else computed again from the new row.
PREFILL_COMPUTE_ATTEMPTS = 3


def simulation_prefill_and_compute(*, user_id: int) -> Simulation:
    """At login: pre-fill the person's answers from agency data and compute their results.

    Idempotent: steps the person has posted are kept as they are; running it twice gives the same row.
    """
    user = User.objects.select_related("identity").get(pk=user_id)
    simulation, _ = Simulation.objects.get_or_create(user=user)
    for _ in range(PREFILL_COMPUTE_ATTEMPTS):
        draft = _prefilled_and_screened(simulation=simulation, user=user)
        with transaction.atomic():
            current = Simulation.objects.select_for_update().get(pk=simulation.pk)
            if current.updated_at == simulation.updated_at:
                simulation_store(draft=draft)
                return simulation
        simulation = current  # changed meanwhile (an answer, another computation): again, from it
    with transaction.atomic():  # still changing under us: computed under the row's lock, as a last resort
        simulation = Simulation.objects.select_for_update().get(pk=simulation.pk)
        simulation_store(draft=_prefilled_and_screened(simulation=simulation, user=user))
    return simulation


def _prefilled_and_screened(*, simulation: Simulation, user: User) -> Draft:
    draft = simulation_prefilled_draft(simulation=simulation, user=user)
    try:
        simulation_screen(draft=draft)
    except AnswersIncomplete as incomplete:
        logger.info("Simulation of user %s not computed: %s", user.pk, list(incomplete.errors))
    return draft


def simulation_prefilled_draft(*, simulation: Simulation, user: User) -> Draft:
    """A person's answers with today's agency data merged in, not computed yet (nothing written).

    Steps the person has posted are kept as they are, and so are the single facts they gave outside
    the questionnaire; every other step is pre-filled again, with its sources. ``user`` is the
    simulation's, loaded with its FranceConnect identity.
    """
    answers, sources = prefill_answers(user=user)
    submitted = set(simulation.answers.get(SUBMITTED, []))
    merged = dict(simulation.answers)
    for step, values in answers.items():
        if step not in submitted:
            merged[step] = {**merged.get(step, {}), **values} if step == "_meta" else values
    # Single facts the person gave outside the questionnaire (the rights page's questions).
    for step, values in merged.get("_meta", {}).get("given", {}).items():
        if step not in submitted:
            merged[step] = {**merged.get(step, {}), **values}
    kept_sources = {k: v for k, v in simulation.sources.items() if k.split(".")[0] in submitted}
    given = merged.get("_meta", {}).get("given", {})
    fresh_sources = {
        k: v for k, v in sources.items() if k.split(".")[0] not in submitted and not _given_field(k, given)
    }
    for name, source in fresh_sources.items():
        step, field = name.split(".", 1)
        source["value"] = merged.get(step, {}).get(field)
    return Draft(
        answers=merged,
        sources={**kept_sources, **fresh_sources},
        result=None,
        result_key="",
        simulation=simulation,
    )


def simulation_commune_set(*, user: User, depcom: str, query: str) -> Simulation:
    """The person says where they live (see ``simulation_facts_give``)."""
    return simulation_facts_give(user=user, given={"logement": {"commune_query": query, "depcom": depcom}})


def simulation_facts_give(*, user: User, given: dict[str, dict[str, str]]) -> Simulation:
    """The person answers one of the screening's deciding questions outside the questionnaire.

    ``given`` holds raw answers by step. They are kept as the person's own (``_meta.given``, which
    every later pre-fill merges over what the agencies say), the agency sources of those fields are
    dropped, and everything is screened again in the background (the page does not wait for OpenFisca).
    """
    from simulator.tasks import simulation_prefill_and_compute_task

    with transaction.atomic():
        simulation, _ = Simulation.objects.select_for_update().get_or_create(user=user)
        answers = dict(simulation.answers)
        meta = dict(answers.get("_meta", {}))
        kept = dict(meta.get("given", {}))
        for step, values in given.items():
            kept[step] = {**kept.get(step, {}), **values}
            answers[step] = {**answers.get(step, {}), **values}
        answers["_meta"] = {**meta, "given": kept}
        simulation.answers = answers
        simulation.sources = {k: v for k, v in simulation.sources.items() if not _given_field(k, given)}
        simulation.save(update_fields=["answers", "sources"])
        transaction.on_commit(lambda: simulation_prefill_and_compute_task.delay(user.pk))
    return simulation


def _given_field(name: str, given: dict[str, dict]) -> bool:
    step, _, field = name.partition(".")
    return field in given.get(step, {})


def resume_link_create(*, draft: Draft) -> Simulation:
    """An anonymous person asks to come back later: their answers are kept, for a while, behind a token."""
    if draft.simulation is not None:
        return draft.simulation
    days = settings.SIMULATOR_RESUME_LINK_DAYS
    return Simulation.objects.create(
        answers=draft.answers,
        sources=draft.sources,
        result=draft.result,
        result_key=draft.result_key,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )


def resume_links_purge() -> int:
    """Delete expired anonymous resume links (beat)."""
    deleted, _ = Simulation.objects.filter(user=None, expires_at__lt=timezone.now()).delete()
    return deleted


def results_email_send(*, draft: Draft, email: str, resume_url: str) -> None:
    """A recap of the results by e-mail, with the link to come back to them."""
    from simulator.results import results_view

    context = {
        "view": results_view(draft.result, organism_hint=draft.organism_hint),
        "resume_url": resume_url,
    }
    send_mail(
        subject="Mes Droits — le résultat de votre simulation",
        message=render_to_string("simulator/email/results.txt", context),
        from_email=None,
        recipient_list=[email],
    )


def error_report_create(
    *, situation: dict, result: dict, benefit_key: str, expected_amount: Decimal | None, comment: str
) -> ErrorReport:
    """Keep a "Ce résultat vous semble faux ?" report with the situation stripped of what identifies."""
    report = ErrorReport(
        situation=anonymise_situation(situation),
        result=result,
        benefit_key=benefit_key,
        expected_amount=expected_amount,
        comment=comment,
    )
    report.full_clean()
    report.save()
    return report


def anonymise_situation(situation: dict) -> dict:
    """No ids beyond roles, birth dates to the first of their month, no resident-since date."""
    persons = []
    counters: dict[str, int] = {}
    for person in situation["persons"]:
        counters[person["role"]] = counters.get(person["role"], 0) + 1
        persons.append(
            {
                **person,
                "id": f"{person['role']}{counters[person['role']]}",
                "birth_date": person["birth_date"][:8] + "01",
            }
        )
    household = {key: value for key, value in situation["household"].items() if key != "resident_since"}
    return {**situation, "persons": persons, "household": household}
