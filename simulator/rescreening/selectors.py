"""Reads of the re-screening: which members a run covers, and how far a run has gone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from agencies.models import AgencyData
from simulator.models import ScreeningChunk, ScreeningRun, Simulation


def members_screenable() -> QuerySet[Simulation]:
    """Every member's simulation (an anonymous resume link is nobody's to re-screen)."""
    return Simulation.objects.filter(user__isnull=False)


def members_with_changed_agency_data() -> QuerySet[Simulation]:
    """Members an agency told something new since their last screening: an ``AgencyData`` row
    fetched after the simulation was computed (or, never computed — incomplete answers — after it
    was last written, so an incomplete member is looked at again only when new data comes)."""
    newer = AgencyData.objects.filter(user_id=OuterRef("user_id"), fetched_at__gt=OuterRef("screened_at"))
    return (
        members_screenable().annotate(screened_at=Coalesce("computed_at", "updated_at")).filter(Exists(newer))
    )


def members_of_run(run: ScreeningRun) -> QuerySet[Simulation]:
    return members_screenable() if run.kind == ScreeningRun.Kind.FULL else members_with_changed_agency_data()


def chunk_members(chunk: ScreeningChunk) -> QuerySet[Simulation]:
    """The chunk's members, with what their pre-fill reads (their identity)."""
    members = members_screenable().filter(user_id__gte=chunk.first_user_id, user_id__lte=chunk.last_user_id)
    if chunk.user_ids is not None:
        members = members.filter(user_id__in=chunk.user_ids)
    return members.select_related("user__identity").order_by("user_id")


@dataclass(frozen=True)
class RunProgress:
    chunks_total: int
    chunks_done: int
    chunks_failed: int
    households: int
    skipped: int
    members_failed: int
    households_per_second: float | None  # over the run's wall time so far
    per_worker_per_second: float | None  # over the chunks' own computation time


def run_progress(run: ScreeningRun, *, now: dt.datetime | None = None) -> RunProgress:
    """Counts summed from the done chunks only, so a chunk redone after a crash counts once."""
    totals = run.chunks.aggregate(
        done=Count("pk", filter=Q(status=ScreeningChunk.Status.DONE)),
        failed=Count("pk", filter=Q(status=ScreeningChunk.Status.FAILED)),
        households=Coalesce(Sum("households", filter=Q(status=ScreeningChunk.Status.DONE)), 0),
        skipped=Coalesce(Sum("skipped", filter=Q(status=ScreeningChunk.Status.DONE)), 0),
        members_failed=Coalesce(Sum("members_failed", filter=Q(status=ScreeningChunk.Status.DONE)), 0),
        seconds=Sum("compute_seconds", filter=Q(status=ScreeningChunk.Status.DONE)),
    )
    elapsed = ((run.finished_at or now or timezone.now()) - run.started_at).total_seconds()
    households = totals["households"]
    return RunProgress(
        chunks_total=run.chunks_total,
        chunks_done=totals["done"],
        chunks_failed=totals["failed"],
        households=households,
        skipped=totals["skipped"],
        members_failed=totals["members_failed"],
        households_per_second=households / elapsed if households and elapsed > 0 else None,
        per_worker_per_second=households / totals["seconds"] if households and totals["seconds"] else None,
    )


def chunks_to_requeue(
    *, lease_expired_before: dt.datetime, max_attempts: int, stalled_run_ids: list[int]
) -> QuerySet[ScreeningChunk]:
    """Chunks of unfinished runs that nobody is working on any more, not queued within a lease:
    claimed longer than a lease ago with no result (a killed worker), failed with attempts left,
    or, in a run where nothing was claimed or finished for a lease, never claimed (a lost message;
    a run that merely waits behind a long queue is not flooded with copies of its chunks)."""
    return ScreeningChunk.objects.filter(
        run__status=ScreeningRun.Status.RUNNING, queued_at__lt=lease_expired_before
    ).filter(
        Q(status=ScreeningChunk.Status.RUNNING, claimed_at__lt=lease_expired_before)
        | Q(status=ScreeningChunk.Status.FAILED, attempts__lt=max_attempts)
        | Q(status=ScreeningChunk.Status.PENDING, run_id__in=stalled_run_ids)
    )


def runs_stalled(*, since: dt.datetime) -> list[int]:
    """Running runs none of whose chunks was claimed or finished since ``since``."""
    recent = ScreeningChunk.objects.filter(run_id=OuterRef("pk")).filter(
        Q(claimed_at__gte=since) | Q(finished_at__gte=since)
    )
    return list(
        ScreeningRun.objects.filter(status=ScreeningRun.Status.RUNNING)
        .exclude(Exists(recent))
        .values_list("pk", flat=True)
    )


def run_has_work_left(run: ScreeningRun, *, max_attempts: int) -> bool:
    return run.chunks.filter(
        Q(status__in=[ScreeningChunk.Status.PENDING, ScreeningChunk.Status.RUNNING])
        | Q(status=ScreeningChunk.Status.FAILED, attempts__lt=max_attempts)
    ).exists()
