"""SANDBOX_AGENCIES_LATENCY_MS slows every answer; gthread serves slow answers in parallel."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from sandbox.process import running_sandbox

from .conftest import ENV, TARGET, TOKEN, identity_params

LATENCY_MS = 300
RSA = "/v3/dss/revenu_solidarite_active/identite"


@pytest.fixture(scope="module")
def slow_base_url() -> Iterator[str]:
    with running_sandbox(TARGET, env={**ENV, "SANDBOX_AGENCIES_LATENCY_MS": str(LATENCY_MS)}) as base_url:
        yield base_url


def _call(base_url: str) -> int:
    response = requests.get(
        base_url + RSA,
        params=identity_params("nom_composé"),
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    return response.status_code


def test_latency_setting_delays_every_answer(slow_base_url):
    started = time.monotonic()
    assert _call(slow_base_url) == 200
    assert time.monotonic() - started >= LATENCY_MS / 1000


def test_eight_parallel_requests_are_served_concurrently(slow_base_url):
    _call(slow_base_url)  # warm up the connection pool of the server's threads
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: _call(slow_base_url), range(8)))
    elapsed = time.monotonic() - started
    assert statuses == [200] * 8
    assert elapsed < 3 * LATENCY_MS / 1000  # sequential would take 8 × 300 ms
