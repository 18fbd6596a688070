"""Simulator benchmark: portal engine vs raw OpenFisca vs OpenFisca Web API, batches, memory.

Run: ``.venv/bin/python -m bench.bench_simulator`` (about 2 minutes). Prints figures, asserts nothing.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from openfisca_core.simulation_builder import SimulationBuilder

from bench.django_setup import django_for_bench
from simulator.engine.batch import compute_scenarios, with_earnings
from simulator.engine.benefits import compute_benefits, compute_many
from simulator.engine.catalogue import load_catalogue
from simulator.engine.situation import example_situation
from simulator.engine.system import get_tax_benefit_system, warm_up

RUNS = 10
ROOT = Path(__file__).resolve().parent.parent


def p50(function, runs: int = RUNS) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def raw_situation() -> dict:
    """The example household written by hand as minimal OpenFisca JSON (inputs for the month only)."""
    month = example_situation().month
    outputs = {benefit.variable: benefit for benefit in load_catalogue() if benefit.applies_to("35238")}

    def wanted(entity: str) -> dict:
        return {
            name: {month if b.period == "month" else month[:4]: None}
            for name, b in outputs.items()
            if b.entity == entity
        }

    return {
        "individus": {
            "parent": {
                "date_naissance": {"ETERNITY": "1985-04-02"},
                "salaire_net": {month: 1100},
                "activite": {month: "actif"},
                **wanted("individu"),
            },
            "child": {"date_naissance": {"ETERNITY": "2015-09-01"}},
        },
        "familles": {"f": {"parents": ["parent"], "enfants": ["child"], **wanted("famille")}},
        "foyers_fiscaux": {"ff": {"declarants": ["parent"], "personnes_a_charge": ["child"]}},
        "menages": {
            "m": {
                "personne_de_reference": ["parent"],
                "enfants": ["child"],
                "depcom": {month: "35238"},
                "loyer": {month: 650},
                "statut_occupation_logement": {month: "locataire_vide"},
                **wanted("menage"),
            }
        },
    }


def raw_engine_once(system, situation: dict) -> None:
    simulation = SimulationBuilder().build_from_entities(system, situation)
    month = example_situation().month
    for benefit in load_catalogue():
        if benefit.applies_to("35238"):
            simulation.calculate(benefit.variable, month if benefit.period == "month" else month[:4])


def web_api_app():
    """Gunicorn factory (``bench.bench_simulator:web_api_app()``): OpenFisca's own Web API."""
    from openfisca_web_api.app import create_app

    return create_app(get_tax_benefit_system())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def web_api_server():
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "120",
            "bench.bench_simulator:web_api_app()",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/spec", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def post_calculate(base_url: str, payload: bytes) -> None:
    request = urllib.request.Request(  # noqa: S310 -- loopback URL built above
        f"{base_url}/calculate", data=payload, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        response.read()


def main() -> None:
    started = time.perf_counter()
    system = get_tax_benefit_system()
    build = time.perf_counter() - started
    started = time.perf_counter()
    warm_up()
    warm = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"system build: {build:.1f} s; warm-up (one simulation + gc.freeze): {warm:.1f} s")
    print(f"peak RSS after warm-up: {rss_mb:.0f} MB")

    situation = example_situation()
    portal = p50(lambda: compute_benefits(situation))
    print(f"portal engine, one household, all benefits + explanations: p50 {portal * 1000:.0f} ms")
    raw = raw_situation()
    raw_engine_once(system, raw)
    raw_p50 = p50(lambda: raw_engine_once(system, raw))
    print(
        f"raw OpenFisca (build_from_entities, month-only inputs): p50 {raw_p50 * 1000:.0f} ms "
        f"(portal/raw = {portal / raw_p50:.2f})"
    )

    payload = json.dumps(raw).encode()
    with web_api_server() as base_url:
        post_calculate(base_url, payload)  # warm-up of the server's parameter caches
        api = p50(lambda: post_calculate(base_url, payload))
    print(
        f"OpenFisca Web API /calculate, same household: p50 {api * 1000:.0f} ms "
        f"(portal/web API = {portal / api:.2f})"
    )

    scenarios = [with_earnings(situation, x) for x in (0, 500, 1500, 2000, 2500)]
    scenario_p50 = p50(lambda: compute_scenarios(situation, scenarios), runs=5)
    print(
        f"baseline + 5 scenarios in one run: p50 {scenario_p50 * 1000:.0f} ms "
        f"(ratio to one simulation = {scenario_p50 / portal:.2f}; goal ≤ 1.5)"
    )

    cohort = [with_earnings(situation, 30.0 * i) for i in range(100)]
    started = time.perf_counter()
    compute_many(cohort)
    hundred = time.perf_counter() - started
    print(
        f"100 households in one vectorised simulation: {hundred:.2f} s "
        f"({hundred / 100 * 1000:.0f} ms per household; {hundred / portal:.1f}× one household)"
    )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS at the end: {rss_mb:.0f} MB (pid {os.getpid()})")


def _django(tmp: Path) -> None:
    django_for_bench(tmp, ALLOWED_HOSTS="testserver,127.0.0.1")


HUGO = {
    "profil": {"birth_date": "1990-12-19", "activity": "chomeur", "jobseeker_since": "2026-04-01"},
    "foyer": {"couple": "seul", "children_count": "0"},
    "logement": {"commune_query": "75019", "depcom": "75119", "housing": "locataire_prive", "rent": "780"},
    "revenus": {"demandeur_chomage_net_amount": "1240", "demandeur_chomage_net_months": "6"},
}


def results_page_p50(runs: int = 50) -> float:
    """GET /simulateur/resultats/ once the results are stored (what a person sees after login)."""
    from django.test import Client

    client = Client()
    for step, data in HUGO.items():
        client.post(f"/simulateur/etape/{step}/", {**data, "action": "next"})
    assert client.post("/simulateur/recapitulatif/").status_code == 302
    assert client.get("/simulateur/resultats/").status_code == 200
    return p50(lambda: client.get("/simulateur/resultats/"), runs=runs)


def _smaps_rollup(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        values[name.rstrip(":")] = int(value)  # kB
    return values


def forked_worker_memory() -> tuple[float, float]:
    """(USS, PSS) in MiB of a child forked from the warmed process after it served requests."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: what a gunicorn worker does with a few requests
        os.close(read_end)
        results_page_p50(runs=5)
        compute_benefits(example_situation())
        os.write(write_end, b"1")
        time.sleep(60)
        os._exit(0)
    os.close(write_end)
    os.read(read_end, 1)
    rollup = _smaps_rollup(pid)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    uss = (rollup.get("Private_Clean", 0) + rollup.get("Private_Dirty", 0)) / 1024
    return uss, rollup.get("Pss", 0) / 1024


def web_main() -> None:
    """The web side: pre-computed results page time, unique memory of a warmed forked worker."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        _django(Path(tmp))
        from simulator.warmup import warm_process

        warm_process()  # what gunicorn's master does (when_ready) before forking
        page = results_page_p50()
        print(
            f"results page, pre-computed (GET /simulateur/resultats/): p50 {page * 1000:.0f} ms "
            f"(ratio to goal 200 ms = {page / 0.2:.2f})"
        )
        uss, pss = forked_worker_memory()
        print(
            f"forked warmed worker after requests: unique (USS) {uss:.0f} MiB, PSS {pss:.0f} MiB "
            f"(USS ratio to goal 150 MiB = {uss / 150:.2f})"
        )


if __name__ == "__main__":
    if "--web-only" not in sys.argv:
        main()
    web_main()
