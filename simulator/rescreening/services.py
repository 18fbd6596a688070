"""Writes of the re-screening: start a run, plan it into chunks, screen a chunk, sweep, finish.

Every function here is safe to run twice or in two workers at once: planning advances a cursor
under the run's row lock, a chunk is claimed under its row lock, and a chunk's results are written
in the same transaction as its ``done``, by the holder of its latest claim only.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rights.services import potential_rights_replace_many
from simulator.models import ScreeningChunk, ScreeningRun, Simulation
from simulator.rescreening.batch import drafts_screen
from simulator.rescreening.selectors import (
    chunk_members,
    chunks_to_requeue,
    members_of_run,
    run_has_work_left,
    run_progress,
    runs_stalled,
)
from simulator.services import potential_rights_from_result, simulation_prefilled_draft

logger = logging.getLogger(__name__)

# A chunk that failed (an error, or its time limit) is tried this many times in all.
MAX_ATTEMPTS = 3
# How many chunks one planning step writes before handing over to the next (a run over millions of
# members is planned in steps, each well inside the task time limit).
CHUNKS_PER_PLANNING_STEP = 500

# A chunk's own time limits (the tasks' default of 2 minutes is for one person): the worst chunk,
# every member with 144 variants, is 72,000 households: 2 minutes at the 569 households/s the bench
# measures for such members, 4 on a loaded machine.
CHUNK_SOFT_TIME_LIMIT_SECONDS = 600
CHUNK_TIME_LIMIT_SECONDS = 660


def _enqueue(task, *args) -> None:
    """On SIMULATOR_RESCREENING_QUEUE when set (a worker pool of its own, so that the logins' tasks
    never wait behind the thousands of chunks of a full run), else on the default queue."""
    queue = settings.SIMULATOR_RESCREENING_QUEUE
    task.apply_async(args, **({"queue": queue} if queue else {}))


def lease() -> dt.timedelta:
    """A claim older than this is a dead worker's: no chunk task outlives its hard time limit."""
    return dt.timedelta(seconds=CHUNK_TIME_LIMIT_SECONDS + 30)


def rescreening_run_start(*, kind: str, reason: str = "") -> ScreeningRun:
    """Create a run and queue its planning on commit.

    An incremental run still going on when the next night's starts is left to finish instead: a
    second one would screen the same members again.
    """
    from simulator.rescreening.tasks import rescreening_plan_task

    if kind == ScreeningRun.Kind.INCREMENTAL:
        unfinished = ScreeningRun.objects.filter(kind=kind).exclude(status=ScreeningRun.Status.DONE).first()
        if unfinished is not None:
            logger.info("re-screening run %s (incremental) not finished: no new one", unfinished.pk)
            return unfinished
    run = ScreeningRun(
        kind=kind, reason=reason, chunk_households=settings.SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS
    )
    run.full_clean()
    run.save()
    logger.info("re-screening run %s (%s) started", run.pk, kind)
    transaction.on_commit(lambda: _enqueue(rescreening_plan_task, run.pk))
    return run


def rescreening_run_plan(*, run_id: int) -> int:
    """Write the next chunks of a planning run and queue them (one step); returns how many.

    Queues the next step when members remain, else marks the run running (and done at once if
    nobody is to be screened).
    """
    from simulator.rescreening.tasks import rescreening_chunk_task, rescreening_plan_task

    with transaction.atomic():
        run = ScreeningRun.objects.select_for_update().get(pk=run_id)
        if run.status != ScreeningRun.Status.PLANNING:
            return 0
        size = run.chunk_households
        user_ids = list(
            members_of_run(run)
            .filter(user_id__gt=run.planned_through_user_id)
            .order_by("user_id")
            .values_list("user_id", flat=True)[: size * CHUNKS_PER_PLANNING_STEP]
        )
        now = timezone.now()
        chunks = [
            ScreeningChunk(
                run=run,
                number=run.chunks_total + index,
                first_user_id=ids[0],
                last_user_id=ids[-1],
                # A full run takes every member of the id range; an incremental one only those due.
                user_ids=None if run.kind == ScreeningRun.Kind.FULL else ids,
                queued_at=now,
            )
            for index, ids in enumerate(
                user_ids[start : start + size] for start in range(0, len(user_ids), size)
            )
        ]
        ScreeningChunk.objects.bulk_create(chunks)
        run.chunks_total += len(chunks)
        more = len(user_ids) == size * CHUNKS_PER_PLANNING_STEP
        if user_ids:
            run.planned_through_user_id = user_ids[-1]
        if not more:
            run.status = ScreeningRun.Status.RUNNING
        run.save()
        chunk_ids = [chunk.pk for chunk in chunks]
        transaction.on_commit(lambda: [_enqueue(rescreening_chunk_task, pk) for pk in chunk_ids])
        if more:
            transaction.on_commit(lambda: _enqueue(rescreening_plan_task, run.pk))
    logger.info(
        "re-screening run %s: %d chunk(s) planned, %s",
        run_id,
        len(chunks),
        "more to plan" if more else "all planned",
    )
    if not more:
        rescreening_run_finish_if_complete(run_id=run_id)
    return len(chunks)


@dataclass(frozen=True)
class Claim:
    chunk_id: int
    attempt: int


def chunk_claim(*, chunk_id: int, now: dt.datetime | None = None) -> Claim | None:
    """Take a chunk for this worker; None when it is done, held by a live claim, or out of attempts."""
    now = now or timezone.now()
    with transaction.atomic():
        chunk = ScreeningChunk.objects.select_for_update().get(pk=chunk_id)
        if chunk.status == ScreeningChunk.Status.DONE:
            return None
        if chunk.status == ScreeningChunk.Status.RUNNING and chunk.claimed_at > now - lease():
            return None
        if chunk.attempts >= MAX_ATTEMPTS:
            if chunk.status == ScreeningChunk.Status.RUNNING:  # its last worker died: give up on it
                chunk.status, chunk.finished_at, chunk.error = (
                    ScreeningChunk.Status.FAILED,
                    now,
                    "LeaseExpired",
                )
                chunk.save(update_fields=["status", "finished_at", "error"])
                logger.error(
                    "re-screening chunk %s (run %s): lease expired on its last attempt",
                    chunk.pk,
                    chunk.run_id,
                )
            return None
        chunk.status, chunk.claimed_at, chunk.attempts = (
            ScreeningChunk.Status.RUNNING,
            now,
            chunk.attempts + 1,
        )
        chunk.error = ""
        chunk.save(update_fields=["status", "claimed_at", "attempts", "error"])
    return Claim(chunk_id=chunk_id, attempt=chunk.attempts)


@dataclass
class ChunkWork:
    """A chunk screened in memory, not written yet."""

    claim: Claim
    screened: list  # drafts with their results
    incomplete: list  # drafts whose answers miss a fact that is never varied
    failed: list[str]  # the error's class for each member who could not be screened (left as they were)
    read_at: dict[int, dt.datetime]  # each simulation's updated_at when read
    variants: int
    seconds: float


def chunk_compute(*, claim: Claim) -> ChunkWork:
    """Pre-fill every member of the chunk as the login does and screen them all in one simulation."""
    chunk = ScreeningChunk.objects.get(pk=claim.chunk_id)
    started = time.perf_counter()
    simulations = list(chunk_members(chunk))
    drafts, failed = [], []
    for simulation in simulations:
        try:
            drafts.append(simulation_prefilled_draft(simulation=simulation, user=simulation.user))
        except Exception as error:  # one member's odd agency data must not hold back the others
            failed.append(type(error).__name__)
    outcome = drafts_screen(drafts)
    return ChunkWork(
        claim=claim,
        screened=outcome.screened,
        incomplete=outcome.incomplete,
        failed=failed + outcome.failed,
        read_at={sim.pk: sim.updated_at for sim in simulations},
        variants=outcome.variants,
        seconds=time.perf_counter() - started,
    )


def chunk_commit(*, work: ChunkWork) -> bool:
    """Write the chunk's simulations and potential rights, and mark it done, in one transaction.

    False (and nothing written) when the claim is no longer the chunk's latest: another worker took
    over after the lease, and its results count instead. A member whose simulation changed since it
    was read (they logged in, or answered a question, meanwhile) is left to that newer computation.
    """
    now = timezone.now()
    with transaction.atomic():
        chunk = ScreeningChunk.objects.select_for_update().get(pk=work.claim.chunk_id)
        if chunk.status != ScreeningChunk.Status.RUNNING or chunk.attempts != work.claim.attempt:
            return False
        drafts = work.screened + work.incomplete
        current = {
            sim.pk: sim
            for sim in Simulation.objects.select_for_update()
            .filter(pk__in=[draft.simulation.pk for draft in drafts])
            .order_by("user_id")
        }
        fresh = [
            d
            for d in drafts
            if d.simulation.pk in current
            and current[d.simulation.pk].updated_at == work.read_at[d.simulation.pk]
        ]
        for draft in fresh:
            simulation = draft.simulation
            simulation.answers, simulation.sources = draft.answers, draft.sources
            # As ``simulation_store`` at login: incomplete answers clear the result, keep computed_at.
            simulation.result, simulation.result_key = draft.result, draft.result_key
            simulation.computed_at = now if draft.result else simulation.computed_at
            simulation.updated_at = now
        Simulation.objects.bulk_update(
            [draft.simulation for draft in fresh],
            ["answers", "sources", "result", "result_key", "computed_at", "updated_at"],
            batch_size=500,
        )
        screened = [draft for draft in fresh if draft.result]
        # The login's rules (potential_rights_hand_over), for the whole chunk in a few queries.
        potential_rights_replace_many(
            potentials_by_user={
                draft.simulation.user_id: potential_rights_from_result(draft.result) for draft in screened
            }
        )
        chunk.status, chunk.finished_at = ScreeningChunk.Status.DONE, now
        chunk.households, chunk.skipped = len(screened), len(drafts) - len(screened)
        chunk.members_failed = len(work.failed)
        chunk.variants, chunk.compute_seconds = work.variants, work.seconds
        chunk.save()
    return True


def chunk_fail(*, claim: Claim, error: BaseException) -> None:
    """The chunk's attempt failed: say so (the exception's class only: its text may hold answers)."""
    with transaction.atomic():
        chunk = ScreeningChunk.objects.select_for_update().get(pk=claim.chunk_id)
        if chunk.status != ScreeningChunk.Status.RUNNING or chunk.attempts != claim.attempt:
            return
        chunk.status, chunk.finished_at = ScreeningChunk.Status.FAILED, timezone.now()
        chunk.error = type(error).__name__[:100]
        chunk.save(update_fields=["status", "finished_at", "error"])
    logger.error(
        "re-screening chunk %s (run %s) failed, attempt %d of %d: %s",
        chunk.pk, chunk.run_id, claim.attempt, MAX_ATTEMPTS, chunk.error,
    )  # fmt: skip


def rescreening_chunk_process(*, chunk_id: int) -> str:
    """Claim, screen and commit one chunk; then end its run if it was the last. Returns what happened."""
    claim = chunk_claim(chunk_id=chunk_id)
    if claim is None:
        return "skipped"
    try:
        work = chunk_compute(claim=claim)
        committed = chunk_commit(work=work)
    except Exception as error:  # any failure, the time limit's included, is retried by the sweeper
        chunk_fail(claim=claim, error=error)
        outcome = "failed"
    else:
        outcome = "done" if committed else "superseded"
        if committed:
            rate = len(work.screened) / work.seconds if work.seconds else 0
            logger.info(
                "re-screening chunk %s: %d screened, %d skipped, %d households computed, %.1f s (%.0f members/s)",
                chunk_id, len(work.screened), len(work.incomplete), work.variants, work.seconds, rate,
            )  # fmt: skip
            if work.failed:
                logger.error(
                    "re-screening chunk %s: %d member(s) could not be screened: %s",
                    chunk_id, len(work.failed), dict(Counter(work.failed)),
                )  # fmt: skip
    run_id = ScreeningChunk.objects.values_list("run_id", flat=True).get(pk=chunk_id)
    rescreening_run_finish_if_complete(run_id=run_id)
    return outcome


def rescreening_run_finish_if_complete(*, run_id: int) -> bool:
    """A running run with no chunk left to try ends: its counts are summed from its done chunks."""
    with transaction.atomic():
        run = ScreeningRun.objects.select_for_update().get(pk=run_id)
        if run.status != ScreeningRun.Status.RUNNING or run_has_work_left(run, max_attempts=MAX_ATTEMPTS):
            return False
        run.finished_at = timezone.now()
        progress = run_progress(run)
        run.households, run.skipped = progress.households, progress.skipped
        run.members_failed, run.failed_chunks = progress.members_failed, progress.chunks_failed
        run.status = ScreeningRun.Status.DONE
        run.save()
    logger.info(
        "re-screening run %s done: %d screened, %d skipped, %d failed member(s), %d failed chunk(s), %.0f members/s",
        run.pk, run.households, run.skipped, run.members_failed, run.failed_chunks,
        progress.households_per_second or 0,
    )  # fmt: skip
    return True


def rescreening_sweep(*, now: dt.datetime | None = None) -> int:
    """Re-queue the chunks nobody works on any more (see ``chunks_to_requeue``) and the planning of
    runs whose planning step was lost; end runs with nothing left. Returns how many were queued."""
    from simulator.rescreening.tasks import rescreening_chunk_task, rescreening_plan_task

    now = now or timezone.now()
    expired = now - lease()
    with transaction.atomic():
        requeue = chunks_to_requeue(
            lease_expired_before=expired,
            max_attempts=MAX_ATTEMPTS,
            stalled_run_ids=runs_stalled(since=expired),
        )
        chunk_ids = list(
            requeue.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True)
        )
        ScreeningChunk.objects.filter(pk__in=chunk_ids).update(queued_at=now)  # once a lease at most
        transaction.on_commit(lambda: [_enqueue(rescreening_chunk_task, pk) for pk in chunk_ids])
        stalled = list(
            ScreeningRun.objects.filter(
                status=ScreeningRun.Status.PLANNING, updated_at__lt=expired
            ).values_list("pk", flat=True)
        )
        transaction.on_commit(lambda: [_enqueue(rescreening_plan_task, pk) for pk in stalled])
    for run_id in ScreeningRun.objects.filter(status=ScreeningRun.Status.RUNNING).values_list(
        "pk", flat=True
    ):
        rescreening_run_finish_if_complete(run_id=run_id)
    if chunk_ids or stalled:
        logger.warning(
            "re-screening sweep: %d chunk(s) and %d planning(s) queued again", len(chunk_ids), len(stalled)
        )
    return len(chunk_ids) + len(stalled)
