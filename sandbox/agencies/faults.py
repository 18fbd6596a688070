"""Faults on demand and call counting, shared by the threads of one process (not part of any contract)."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, current_app, jsonify, request

KINDS = ("slow", "error_500", "rate_limited", "timeout", "malformed", "unavailable_503", "bad_gateway_502")
DEFAULT_DELAY_MS = {"slow": 2000, "timeout": 15000}


@dataclass
class Fault:
    path_prefix: str
    kind: str
    delay_ms: int
    times: int | None  # None: until reset

    def as_dict(self) -> dict[str, Any]:
        return {
            "path_prefix": self.path_prefix,
            "fault": self.kind,
            "delay_ms": self.delay_ms,
            "times": self.times,
        }


class FaultBoard:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._calls: Counter[str] = Counter()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def take(self, path: str) -> Fault | None:
        """The first fault armed for ``path``, spending one of its ``times``."""
        with self._lock:
            for fault in self._faults:
                if path.startswith(fault.path_prefix):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self._faults.remove(fault)
                    return Fault(fault.path_prefix, fault.kind, fault.delay_ms, fault.times)
        return None

    def call_record(self, path: str) -> None:
        with self._lock:
            self._calls[path] += 1

    def calls(self) -> dict[str, int]:
        with self._lock:
            return dict(self._calls)

    def armed(self) -> list[dict[str, Any]]:
        with self._lock:
            return [fault.as_dict() for fault in self._faults]

    def reset(self) -> None:
        with self._lock:
            self._faults.clear()
            self._calls.clear()


def board() -> FaultBoard:
    return current_app.extensions["agencies_faults"]


bp = Blueprint("agencies_control", __name__, url_prefix="/_sandbox")


def _bad_request(message: str):
    response = jsonify(error=message, faults=list(KINDS))
    response.status_code = 400
    return response


def _fault_parse(payload: Any) -> Fault | str:
    if not isinstance(payload, dict):
        return "le corps doit être un objet JSON"
    prefix, kind = payload.get("path_prefix"), payload.get("fault")
    if not isinstance(prefix, str) or not prefix.startswith("/"):
        return "path_prefix doit être un chemin commençant par /"
    if kind not in KINDS:
        return f"fault inconnue : {kind!r}"
    delay_ms = payload.get("delay_ms", DEFAULT_DELAY_MS.get(kind, 0))
    times = payload.get("times")
    if not isinstance(delay_ms, int) or isinstance(delay_ms, bool) or delay_ms < 0:
        return "delay_ms doit être un entier positif ou nul"
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
        return "times doit être un entier ≥ 1 ou null"
    return Fault(prefix, kind, delay_ms, times)


@bp.post("/faults")
def fault_add():
    fault = _fault_parse(request.get_json(silent=True))
    if isinstance(fault, str):
        return _bad_request(fault)
    board().add(fault)
    response = jsonify(armed=board().armed())
    response.status_code = 201
    return response


@bp.get("/faults")
def faults_list():
    return jsonify(armed=board().armed(), faults=list(KINDS))


@bp.post("/reset")
def reset():
    board().reset()
    return jsonify(status="reset")


@bp.get("/calls")
def calls():
    """Calls per path since the last reset; ``?prefix=`` also gives the total under that prefix."""
    counted = board().calls()
    body: dict[str, Any] = {"total": sum(counted.values()), "calls": counted}
    prefix = request.args.get("prefix")
    if prefix:
        body["prefix"] = prefix
        body["matching"] = sum(count for path, count in counted.items() if path.startswith(prefix))
    return jsonify(body)


@bp.get("/health")
def health():
    book = current_app.extensions["agencies_records"]
    return jsonify(status="ok", people=len(book.people), pupils=len(book.pupils))
