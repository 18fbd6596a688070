"""A worker killed mid-chunk: its chunk is taken over once the lease has passed, and nothing is
counted or alerted twice (a late commit of the dead claim, or a duplicate message, changes nothing)."""

import datetime as dt

import pytest
from django.utils import timezone

from alerts.models import Notification
from alerts.services.rules import rules_run
from rights.models import Right
from simulator.models import ScreeningChunk, ScreeningRun, Simulation
from simulator.rescreening.services import (
    chunk_claim,
    chunk_commit,
    chunk_compute,
    lease,
    rescreening_chunk_process,
    rescreening_run_plan,
    rescreening_run_start,
    rescreening_sweep,
)


def _as_before_any_screening(user) -> set[str]:
    """The person's potential rights and their alerts gone, as if never screened; the keys removed."""
    potential = set(
        Right.objects.filter(user=user, status=Right.Status.POTENTIAL).values_list("key", flat=True)
    )
    Right.objects.filter(user=user, status__in=[Right.Status.POTENTIAL, Right.Status.TO_CHECK]).delete()
    Notification.objects.filter(user=user).delete()
    Simulation.objects.filter(user=user).update(result=None, result_key="", computed_at=None)
    return potential


@pytest.mark.django_db
def test_a_chunk_killed_mid_run_is_redone_and_nothing_is_counted_or_alerted_twice(walked):
    user, _ = walked("avec_nom_dusage")
    potential = _as_before_any_screening(user)
    assert potential  # Pierre has robust potential rights (prime d'activité…)
    run = rescreening_run_start(kind=ScreeningRun.Kind.FULL, reason="test")
    rescreening_run_plan(run_id=run.pk)
    chunk = run.chunks.get()

    # Worker A claims the chunk, computes, and dies before writing anything.
    killed_at = timezone.now() - lease() - dt.timedelta(seconds=1)
    dead_claim = chunk_claim(chunk_id=chunk.pk, now=killed_at)
    dead_work = chunk_compute(claim=dead_claim)
    # Its claim is older than the lease: the next delivery of the chunk's task takes it over.
    assert rescreening_chunk_process(chunk_id=chunk.pk) == "done"
    chunk.refresh_from_db()
    assert (chunk.status, chunk.attempts, chunk.households) == (ScreeningChunk.Status.DONE, 2, 1)

    assert chunk_commit(work=dead_work) is False  # A's late commit is refused
    assert rescreening_chunk_process(chunk_id=chunk.pk) == "skipped"  # a duplicate message
    assert rescreening_sweep() == 0
    run.refresh_from_db()
    assert (run.status, run.households, run.skipped, run.failed_chunks) == (ScreeningRun.Status.DONE, 1, 0, 0)
    assert set(
        Right.objects.filter(user=user, status=Right.Status.POTENTIAL).values_list("key", flat=True)
    ) == (potential)

    assert rules_run(user_id=user.pk) >= 1
    assert rules_run(user_id=user.pk) == 0
    alerted = [
        key.split(":")[1]
        for key in Notification.objects.filter(user=user, kind="potential-right").values_list(
            "dedup_key", flat=True
        )
    ]
    assert sorted(alerted) == sorted(set(alerted))  # one alert per right
    assert set(alerted) <= potential  # robust rights only


@pytest.mark.django_db
def test_the_sweeper_queues_again_a_chunk_whose_worker_died(
    walked, django_capture_on_commit_callbacks, monkeypatch
):
    from simulator.rescreening import tasks

    queued = []
    monkeypatch.setattr(
        tasks.rescreening_chunk_task, "apply_async", lambda args, **options: queued.append(args[0])
    )
    walked("nom_composé")
    run = rescreening_run_start(kind=ScreeningRun.Kind.FULL, reason="test")
    rescreening_run_plan(run_id=run.pk)
    chunk = run.chunks.get()
    long_ago = timezone.now() - lease() - dt.timedelta(seconds=1)
    ScreeningChunk.objects.filter(pk=chunk.pk).update(queued_at=long_ago)
    chunk_claim(chunk_id=chunk.pk, now=long_ago)  # then killed

    with django_capture_on_commit_callbacks(execute=True):
        assert rescreening_sweep() == 1
        assert rescreening_sweep() == 0  # queued again once a lease at most
    assert queued == [chunk.pk]
    assert rescreening_chunk_process(chunk_id=chunk.pk) == "done"
    run.refresh_from_db()
    assert (run.status, run.households) == (ScreeningRun.Status.DONE, 1)


@pytest.mark.django_db
def test_a_chunk_whose_worker_is_alive_is_left_to_it(walked):
    walked("nom_composé")
    run = rescreening_run_start(kind=ScreeningRun.Kind.FULL, reason="test")
    rescreening_run_plan(run_id=run.pk)
    chunk = run.chunks.get()
    chunk_claim(chunk_id=chunk.pk)

    assert rescreening_chunk_process(chunk_id=chunk.pk) == "skipped"
    assert rescreening_sweep() == 0
    chunk.refresh_from_db()
    assert (chunk.status, chunk.attempts) == (ScreeningChunk.Status.RUNNING, 1)
    run.refresh_from_db()
    assert run.status == ScreeningRun.Status.RUNNING


@pytest.mark.django_db
def test_a_failing_chunk_is_tried_three_times_then_the_run_ends_with_its_failure(walked, monkeypatch):
    walked("nom_composé")
    from simulator.rescreening import batch

    def broken(situations):
        raise RuntimeError("engine down")

    monkeypatch.setattr(batch, "compute_many", broken)
    run = rescreening_run_start(kind=ScreeningRun.Kind.FULL, reason="test")
    rescreening_run_plan(run_id=run.pk)
    chunk = run.chunks.get()

    outcomes = []
    for _ in range(4):
        rescreening_sweep(now=timezone.now() + lease() * 2)
        outcomes.append(rescreening_chunk_process(chunk_id=chunk.pk))

    assert outcomes == ["failed", "failed", "failed", "skipped"]
    chunk.refresh_from_db()
    assert (chunk.status, chunk.attempts, chunk.error) == (ScreeningChunk.Status.FAILED, 3, "RuntimeError")
    run.refresh_from_db()
    assert (run.status, run.households, run.failed_chunks) == (ScreeningRun.Status.DONE, 0, 1)


@pytest.mark.django_db
def test_a_run_waiting_behind_a_long_queue_is_not_flooded_with_copies_of_its_chunks(walked, settings):
    settings.SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS = 1
    walked("nom_composé")
    walked("sans_genre")
    run = rescreening_run_start(kind=ScreeningRun.Kind.FULL, reason="test")
    rescreening_run_plan(run_id=run.pk)
    first = run.chunks.order_by("number").first()
    long_ago = timezone.now() - lease() - dt.timedelta(seconds=1)
    run.chunks.update(queued_at=long_ago)
    chunk_claim(chunk_id=first.pk)  # a worker is on the run: the second chunk waits its turn

    assert rescreening_sweep() == 0
    # A lease later nothing was claimed or finished: its messages are taken as lost, queued again once.
    later = timezone.now() + lease() + dt.timedelta(seconds=1)
    assert rescreening_sweep(now=later) == 2  # the waiting chunk, and the first one past its lease
    assert rescreening_sweep(now=later) == 0


@pytest.mark.django_db
def test_a_member_whose_data_breaks_the_screening_does_not_hold_back_the_chunk(walked, monkeypatch):
    broken, _ = walked("nom_composé")
    fine, _ = walked("avec_nom_dusage")
    Simulation.objects.filter(user__in=[broken, fine]).update(result=None)
    from simulator.rescreening import services

    prefilled = services.simulation_prefilled_draft

    def prefill(*, simulation, user):
        if user.pk == broken.pk:
            raise ValueError("an agency payload no one expected")
        return prefilled(simulation=simulation, user=user)

    monkeypatch.setattr(services, "simulation_prefilled_draft", prefill)
    run = rescreening_run_start(kind=ScreeningRun.Kind.FULL, reason="test")
    rescreening_run_plan(run_id=run.pk)

    assert rescreening_chunk_process(chunk_id=run.chunks.get().pk) == "done"
    run.refresh_from_db()
    assert (run.status, run.households, run.members_failed, run.failed_chunks) == (
        ScreeningRun.Status.DONE, 1, 1, 0,
    )  # fmt: skip
    assert Simulation.objects.get(user=fine).result is not None
    assert Simulation.objects.get(user=broken).result is None  # left as it was
