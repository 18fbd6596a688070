"""Full runs re-screen every member; incremental runs only those whose agency data changed."""

import datetime as dt
import io
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from agencies.models import AgencyData
from rights.models import Right
from simulator.models import ScreeningChunk, ScreeningRun, Simulation
from simulator.rescreening.services import lease, rescreening_run_start
from simulator.rescreening.tasks import rescreening_full_task, rescreening_sweep_task
from tests.conftest import _worker_is_idle
from tests.simulator.rescreening.conftest import run_to_the_end

LONG_AGO = timezone.now() - dt.timedelta(days=40)


@pytest.mark.django_db
def test_a_full_run_rescreens_every_member_whose_stored_result_is_out_of_date(walked):
    """As after a legislation change: what was stored no longer is what the screening says."""
    expected = {}
    for login in ("nom_composé", "avec_nom_dusage", "sans_genre"):
        user, simulation = walked(login)
        expected[user.pk] = (
            simulation.result,
            dict(Right.objects.filter(user=user).values_list("key", "status")),
        )
    Simulation.objects.filter(user_id__in=expected).update(result={"stale": True}, computed_at=LONG_AGO)
    Right.objects.filter(user_id__in=expected, status=Right.Status.POTENTIAL).delete()
    anonymous = Simulation.objects.create(answers={"profil": {"birth_date": "1990-01-01"}})

    run = run_to_the_end(ScreeningRun.Kind.FULL)

    assert (run.status, run.households, run.skipped, run.failed_chunks) == (ScreeningRun.Status.DONE, 3, 0, 0)
    for user_id, (result, rights) in expected.items():
        simulation = Simulation.objects.get(user_id=user_id)
        assert simulation.result == result
        assert simulation.computed_at > LONG_AGO
        assert dict(Right.objects.filter(user_id=user_id).values_list("key", "status")) == rights
    anonymous.refresh_from_db()
    assert anonymous.result is None  # a resume link is nobody's to re-screen


@pytest.mark.django_db
def test_members_are_split_into_chunks_of_the_configured_size(walked, settings):
    settings.SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS = 2
    for login in ("nom_composé", "avec_nom_dusage", "sans_genre"):
        walked(login)

    run = run_to_the_end(ScreeningRun.Kind.FULL)

    assert [chunk.households for chunk in run.chunks.order_by("number")] == [2, 1]
    assert (run.chunks_total, run.households) == (2, 3)


@pytest.mark.django_db
def test_an_unchanged_member_is_not_recomputed_by_the_incremental_run(walked):
    unchanged, _ = walked("nom_composé")
    changed, _ = walked("avec_nom_dusage")
    Simulation.objects.filter(user__in=[unchanged, changed]).update(computed_at=timezone.now())
    before = Simulation.objects.get(user=unchanged)
    AgencyData.objects.filter(user=changed).update(fetched_at=timezone.now())  # new data since

    run = run_to_the_end(ScreeningRun.Kind.INCREMENTAL)

    assert [chunk.user_ids for chunk in run.chunks.all()] == [[changed.pk]]
    assert (run.status, run.households) == (ScreeningRun.Status.DONE, 1)
    after = Simulation.objects.get(user=unchanged)
    assert (after.computed_at, after.updated_at) == (before.computed_at, before.updated_at)
    assert Simulation.objects.get(user=changed).computed_at > before.computed_at

    again = run_to_the_end(ScreeningRun.Kind.INCREMENTAL)  # the next night: nothing new
    assert (again.status, again.chunks_total, again.households) == (ScreeningRun.Status.DONE, 0, 0)


@pytest.mark.django_db
def test_a_night_whose_incremental_run_is_not_finished_starts_no_other():
    running = rescreening_run_start(kind=ScreeningRun.Kind.INCREMENTAL, reason="nightly")

    assert rescreening_run_start(kind=ScreeningRun.Kind.INCREMENTAL, reason="nightly") == running
    assert rescreening_run_start(kind=ScreeningRun.Kind.FULL, reason="barème") != running
    assert ScreeningRun.objects.count() == 2


@pytest.mark.django_db
def test_the_command_queues_a_run_after_commit_on_the_rescreening_queue(
    django_capture_on_commit_callbacks, monkeypatch, settings
):
    from simulator.rescreening import tasks

    settings.SIMULATOR_RESCREENING_QUEUE = "rescreening"

    queued = []
    monkeypatch.setattr(
        tasks.rescreening_plan_task, "apply_async", lambda args, **options: queued.append((args[0], options))
    )
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("simulator_rescreen", "--reason", "barème d'avril", stdout=out)

    run = ScreeningRun.objects.get()
    assert (run.kind, run.status, run.reason) == (
        ScreeningRun.Kind.FULL,
        ScreeningRun.Status.PLANNING,
        "barème d'avril",
    )
    assert queued == [(run.pk, {"queue": "rescreening"})]
    assert f"run {run.pk}" in out.getvalue()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_full_run_on_the_real_worker_rescreens_everyone(walked, celery_worker):
    users = [walked(login)[0] for login in ("nom_composé", "sans_genre")]
    Simulation.objects.filter(user__in=users).update(result=None, computed_at=LONG_AGO)
    deadline = time.monotonic() + 60
    while not _worker_is_idle(celery_worker) and time.monotonic() < deadline:  # login tasks done
        time.sleep(0.2)

    run_id = rescreening_full_task.delay("test").get(timeout=30)
    while time.monotonic() < deadline + 60:
        run = ScreeningRun.objects.get(pk=run_id)
        if run.status == ScreeningRun.Status.DONE:
            break
        time.sleep(0.2)

    assert (run.status, run.households, run.failed_chunks) == (ScreeningRun.Status.DONE, 2, 0)
    assert all(simulation.result for simulation in Simulation.objects.filter(user__in=users))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_sweeper_on_the_real_worker_redoes_the_chunk_of_a_worker_that_died(walked, celery_worker):
    user, _ = walked("nom_composé")
    deadline = time.monotonic() + 60
    while not _worker_is_idle(celery_worker) and time.monotonic() < deadline:  # login tasks done
        time.sleep(0.2)
    long_ago = timezone.now() - lease() - dt.timedelta(seconds=1)
    run = ScreeningRun.objects.create(
        kind=ScreeningRun.Kind.FULL, status=ScreeningRun.Status.RUNNING, chunk_households=500, chunks_total=1
    )
    chunk = ScreeningChunk.objects.create(
        run=run, number=0, first_user_id=user.pk, last_user_id=user.pk,
        status=ScreeningChunk.Status.RUNNING, attempts=1, claimed_at=long_ago, queued_at=long_ago,
    )  # fmt: skip

    assert rescreening_sweep_task.delay().get(timeout=30) == 1
    while run.status != ScreeningRun.Status.DONE and time.monotonic() < deadline + 60:
        time.sleep(0.2)
        run.refresh_from_db()

    chunk.refresh_from_db()
    assert (chunk.status, chunk.attempts, chunk.households) == (ScreeningChunk.Status.DONE, 2, 1)
    assert (run.status, run.households, run.failed_chunks) == (ScreeningRun.Status.DONE, 1, 0)
