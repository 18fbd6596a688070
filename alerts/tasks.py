"""Celery tasks of the alerts: each takes ids, loads, calls a service, and is safe to run twice."""

from celery import shared_task

from alerts.services.delivery import TransientDeliveryError, deliveries_sweep, delivery_send
from alerts.services.publish import publication_send, publications_due_enqueue
from alerts.services.rules import rules_run


@shared_task(bind=True, name="alerts.deliver", max_retries=None)
def deliver(self, delivery_id: int) -> str:
    """Send one delivery; only transient channel errors come back here, to be retried with backoff
    (the service counts attempts and marks the delivery failed when they are exhausted)."""
    try:
        return delivery_send(delivery_id=delivery_id)
    except TransientDeliveryError as e:
        raise self.retry(countdown=e.countdown, exc=e) from e


@shared_task(name="alerts.publication_send")
def publication_send_task(publication_id: int) -> int:
    return publication_send(publication_id=publication_id).recipient_count


@shared_task(name="alerts.rules_run")
def rules_run_task(user_id: int | None = None) -> int:
    return rules_run(user_id=user_id)


@shared_task(name="alerts.sweep")
def sweep_task() -> int:
    """Beat: re-queue lost deliveries and due publications."""
    return deliveries_sweep() + publications_due_enqueue()
