"""End to end with the real worker: a fetch run ends, the signal queues the rebuild, rights appear."""

import time
from unittest import mock

import pytest

from agencies.services.fetch import fetch_run_start
from agencies.signals import fetch_run_finished
from rights.models import Right

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def only_the_rights_receiver():
    """The simulator and alerts react to the same signal; their tasks would outlive this test."""
    ours = [r for r in fetch_run_finished.receivers if r[0][0] == "rights.rebuild_after_fetch"]
    with mock.patch.object(fetch_run_finished, "receivers", ours):
        yield


def test_a_fetch_run_builds_the_rights_in_the_worker(
    citizen_of, agencies, celery_worker, only_the_rights_receiver
):
    user = citizen_of("nom_composé", consents=("caf", "cpam"))
    fetch_run_start(user=user)  # queued on commit (autocommit here), run by the worker
    deadline = time.monotonic() + 30
    while (
        time.monotonic() < deadline
        and not Right.objects.filter(user=user, key="css_sans_participation").exists()
    ):
        time.sleep(0.2)
    assert set(Right.objects.filter(user=user).exclude(status="potential").values_list("key", "status")) == {
        ("rsa", "open"),
        ("asf", "open"),
        ("af", "open"),
        ("css_sans_participation", "renewal_due"),
    }
