"""Test-side driver of the agency sandbox's control endpoints (faults, call counts)."""

import requests

TIMEOUT = 10


class AgencySandbox:
    def __init__(self, *, base_url: str):
        self.base_url = base_url

    def reset(self) -> None:
        requests.post(f"{self.base_url}/_sandbox/reset", timeout=TIMEOUT).raise_for_status()

    def fault(
        self, path_prefix: str, fault: str, *, delay_ms: int | None = None, times: int | None = None
    ) -> None:
        body = {"path_prefix": path_prefix, "fault": fault, "times": times}
        if delay_ms is not None:
            body["delay_ms"] = delay_ms
        requests.post(f"{self.base_url}/_sandbox/faults", json=body, timeout=TIMEOUT).raise_for_status()

    def calls(self, prefix: str = "/") -> int:
        response = requests.get(f"{self.base_url}/_sandbox/calls", params={"prefix": prefix}, timeout=TIMEOUT)
        return response.json()["matching"]
