"""Faults on demand under /_sandbox/, and the call counter portal tests rely on."""

from __future__ import annotations

import json
import time

import pytest
import requests

from .conftest import RECIPIENT, identity_params

RSA = "/v3/dss/revenu_solidarite_active/identite"
PREFIX = "/v3/dss/revenu_solidarite_active"


def _rsa(agencies, **kwargs):
    return agencies.get(RSA, **identity_params("nom_composé"), **kwargs)


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [("error_500", 500, "00500"), ("unavailable_503", 503, "37001"), ("bad_gateway_502", 502, "37999")],
)
def test_error_faults_answer_in_the_error_format(agencies, fault, status, code):
    agencies.fault(PREFIX, fault)
    response = _rsa(agencies)
    assert response.status_code == status
    assert response.json()["errors"][0]["code"] == code


def test_rate_limited_fault_answers_429_with_rate_limit_headers(agencies):
    agencies.fault(PREFIX, "rate_limited")
    response = _rsa(agencies)
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "00429"
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["RateLimit-Remaining"] == "0"
    assert int(response.headers["RateLimit-Limit"]) > 0
    assert int(response.headers["RateLimit-Reset"]) > time.time()


def test_malformed_fault_answers_a_body_that_is_not_json(agencies):
    agencies.fault(PREFIX, "malformed")
    response = _rsa(agencies)
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.text)


def test_slow_fault_delays_a_normal_answer(agencies):
    agencies.fault(PREFIX, "slow", delay_ms=300)
    started = time.monotonic()
    response = _rsa(agencies)
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 200


def test_timeout_fault_makes_a_patient_client_wait_then_answers_504(agencies):
    agencies.fault(PREFIX, "timeout", delay_ms=1500, times=2)
    with pytest.raises(requests.Timeout):
        agencies.http.get(agencies.base_url + RSA, params=identity_params("nom_composé"), timeout=0.3)
    response = _rsa(agencies)
    assert response.status_code == 504
    assert response.json()["errors"][0]["code"] == "37002"


def test_fault_with_times_stops_after_that_many_calls(agencies):
    agencies.fault(PREFIX, "error_500", times=2)
    assert [_rsa(agencies).status_code for _ in range(3)] == [500, 500, 200]


def test_fault_hits_only_its_path_prefix(agencies):
    agencies.fault(PREFIX, "error_500")
    response = agencies.get("/v3/dss/prime_activite/identite", **identity_params("nom_composé"))
    assert response.status_code == 200


def test_reset_clears_faults_and_calls(agencies):
    agencies.fault(PREFIX, "error_500")
    _rsa(agencies)
    assert agencies.control("reset").status_code == 200
    assert _rsa(agencies).status_code == 200
    assert agencies.calls()["total"] == 1


def test_calls_are_counted_per_path(agencies):
    for _ in range(3):
        _rsa(agencies)
    agencies.get("/v3/france_travail/statut/identifiant", recipient=RECIPIENT, identifiant="3456789A")
    calls = agencies.calls(prefix="/v3/dss/")
    assert calls["calls"] == {RSA: 3, "/v3/france_travail/statut/identifiant": 1}
    assert calls["matching"] == 3
    assert agencies.calls(prefix="/impotparticulier/")["matching"] == 0


def test_faulty_calls_are_counted_too(agencies):
    agencies.fault(PREFIX, "unavailable_503")
    _rsa(agencies)
    assert agencies.calls()["calls"] == {RSA: 1}


def test_tax_paths_fail_in_the_dgfip_format(agencies):
    agencies.fault("/impotparticulier/", "unavailable_503")
    response = agencies.dgfip(
        "/impotparticulier/1.0/spi/3012345678905/dernieresituation/ir/assiettes/deuxans"
    )
    assert response.status_code == 503
    assert set(response.json()) == {"codeapp", "message"}


@pytest.mark.parametrize(
    "payload",
    [
        {"path_prefix": "v3/dss", "fault": "slow"},
        {"path_prefix": "/v3/dss", "fault": "explode"},
        {"path_prefix": "/v3/dss", "fault": "slow", "delay_ms": -1},
        {"path_prefix": "/v3/dss", "fault": "slow", "times": 0},
    ],
)
def test_bad_fault_is_refused(agencies, payload):
    assert agencies.control("faults", payload).status_code == 400


def test_health_answers_without_counting_a_call(agencies):
    response = agencies.http.get(f"{agencies.base_url}/_sandbox/health", timeout=10)
    assert response.json()["status"] == "ok"
    assert agencies.calls()["total"] == 0
