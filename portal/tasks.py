"""Tasks of the shell itself."""

from celery import shared_task


@shared_task(name="portal.echo")
def echo(payload: dict) -> dict:
    """Return the payload unchanged: a round-trip probe through the broker, a worker and the result
    backend (used by `manage.py check_worker` and the test suite)."""
    return payload
