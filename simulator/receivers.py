"""Reactions to other apps' signals and to process start-up."""

from celery.signals import worker_init
from django.db import transaction
from django.dispatch import receiver

from agencies.signals import consent_withdrawn, fetch_run_finished


@receiver(fetch_run_finished, dispatch_uid="simulator.precompute_after_fetch")
def precompute_after_fetch(sender, *, user_id: int, run_id: int, **kwargs) -> None:
    """New agency data: pre-fill and compute the person's simulation in the background."""
    from simulator.tasks import simulation_prefill_and_compute_task

    transaction.on_commit(lambda: simulation_prefill_and_compute_task.delay(user_id))


@receiver(consent_withdrawn, dispatch_uid="simulator.forget_withdrawn_data")
def forget_withdrawn_data(sender, *, user_id: int, source: str, **kwargs) -> None:
    """Consent withdrawn: pre-filled answers from that source, and results computed from them, go now."""
    from simulator.withdrawal import simulation_forget_withdrawn_data

    simulation_forget_withdrawn_data(user_id=user_id)


@worker_init.connect(dispatch_uid="simulator.warm_worker")
def warm_worker(**kwargs) -> None:
    """The Celery parent process warms OpenFisca before forking its pool."""
    from simulator.warmup import warm_process

    warm_process()
