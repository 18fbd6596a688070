"""Reads of the simulator, shaped for the screens."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from simulator.models import Simulation


def resume_simulation(*, token: str) -> Simulation | None:
    """The simulation behind a resume link, unless it has expired."""
    return (
        Simulation.objects.filter(token=token)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .first()
    )


def simulation_for_user(*, user) -> Simulation | None:
    return Simulation.objects.filter(user=user).first()
