"""Celery tasks of the public statistics."""

from celery import shared_task

from stats.services import snapshot_compute


@shared_task(name="stats.snapshot_compute")
def snapshot_compute_task() -> int:
    """Beat: recompute the day's snapshot; running it twice leaves one snapshot for the day."""
    return snapshot_compute().pk
