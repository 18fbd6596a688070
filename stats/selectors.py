"""Reads of the public statistics."""

from stats.models import Snapshot


def snapshot_latest() -> Snapshot | None:
    return Snapshot.objects.order_by("-computed_at").first()
