"""Celery tasks of the simulator: take ids, call a service."""

from celery import shared_task

from simulator.rescreening import tasks as rescreening_tasks  # noqa: F401 (registers them with Celery)
from simulator.services import resume_links_purge, simulation_prefill_and_compute
from simulator.whatif import whatif_compute


@shared_task(name="simulator.simulation_prefill_and_compute")
def simulation_prefill_and_compute_task(user_id: int) -> None:
    simulation_prefill_and_compute(user_id=user_id)


@shared_task(name="simulator.resume_links_purge")
def resume_links_purge_task() -> int:
    return resume_links_purge()


@shared_task(name="simulator.whatif_compute")
def whatif_compute_task(key: str) -> bool:
    return whatif_compute(key=key)
