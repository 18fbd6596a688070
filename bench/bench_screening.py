"""Personal results at login: time from consent to "results ready", and the robust screening's cost.

Starts the FranceConnect and agency sandboxes (every agency answering in 300 ms), logs demo people
in, grants every API Particulier consent, then does what the worker does after a consent: fetch
(`fetch_run_execute`), rebuild the rights, pre-fill and screen (`simulation_prefill_and_compute`).

1. Consent → results ready, for Mélissandre (CAF family, Marseille): the fetch, then the rights and
   the screened simulation. Not covered: the Celery queue hop and the rights page's 2 s polling.
2. The robust screening's cost as a ratio to one plain simulation of the same baseline situation,
   for several people (goal ≤ 1.5×). The screening's first household (every unknown at its first
   value) is computed in both, and its amounts are checked equal, so the extra cost is only the
   other variants.
   Not covered: the DGFiP (it needs a FranceConnect token, which a bench login has not).

Prints figures; asserts only that both computations agree. Run: `make bench` or
`python -m bench.bench_screening`.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.django_setup import agency_sandboxes, demo_citizen, django_for_bench

LATENCY_MS = 300
RUNS = 5
SOURCES = ("caf", "cpam", "cnous", "france_travail")
# FranceConnect sandbox logins of demo personas (see ../shared/PERSONAS.md and sandbox/data).
PEOPLE = {
    "nom_composé": "Mélissandre",
    "avec_nom_dusage": "Pierre",
    "caractères_spéciaux": "Joëlle",
    "sans_telephone": "Hugo",
    "test_CORSE_2A": "Angela",
}
FRANCE_TRAVAIL_IDS = {"sans_telephone": "3456789A", "naissance_Algérie": "4567890B"}


def _login(login: str):
    from agencies.services.consent import consent_grant

    user = demo_citizen(login)
    for source in SOURCES:
        consent_grant(user=user, source=source, identifier=FRANCE_TRAVAIL_IDS.get(login, ""))
    return user


def _consent_to_results(user) -> tuple[float, float]:
    """(fetch seconds, rights + screening seconds) for one person, as the worker runs them."""
    from django.core.cache import cache

    from agencies.services.fetch import fetch_run_execute, fetch_run_start
    from rights.services import rights_rebuild_for_user
    from simulator.services import simulation_prefill_and_compute

    cache.clear()
    started = time.perf_counter()
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)
    fetched = time.perf_counter()
    rights_rebuild_for_user(user=user)
    simulation_prefill_and_compute(user_id=user.pk)
    return fetched - started, time.perf_counter() - fetched


def _p50(function) -> float:
    durations = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


def _amounts(result) -> dict:
    return {benefit.key: (benefit.eligible, benefit.amount) for benefit in result.benefits}


def _screening_ratio(user) -> tuple[int, float, float]:
    """(variants, plain seconds, screening seconds) on the person's pre-filled answers."""
    from simulator.engine import compute_many
    from simulator.prefill import prefill_answers
    from simulator.questionnaire.answers import situation_from_answers
    from simulator.screening import screen, unknowns_of

    answers, _ = prefill_answers(user=user)
    filled, unknowns = unknowns_of(answers)
    baseline, _ = situation_from_answers(filled)
    for unknown in unknowns:  # the screening's first household: every unknown at its first value
        baseline = unknown.variants[0](baseline)
    screening, screened_baseline = screen(answers)
    plain = compute_many([baseline])[0]
    if _amounts(plain) != _amounts(screened_baseline):
        raise SystemExit(f"the screening's baseline differs from the plain simulation for user {user.pk}")
    return (
        screening.variants,
        _p50(lambda: compute_many([baseline])),
        _p50(lambda: screen(answers)),
    )


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    with tempfile.TemporaryDirectory() as tmp:
        django_for_bench(Path(tmp))

        from simulator.engine import warm_up

        warm_up()
        with agency_sandboxes(Path(tmp), latency_ms=LATENCY_MS):
            users = {login: _login(login) for login in PEOPLE}
            timings = [_consent_to_results(users["nom_composé"]) for _ in range(RUNS)]
            for login in PEOPLE:
                if login != "nom_composé":
                    _consent_to_results(users[login])
            ratios = {login: _screening_ratio(users[login]) for login in PEOPLE}

    fetch = statistics.median(t[0] for t in timings)
    compute = statistics.median(t[1] for t in timings)
    total = statistics.median(t[0] + t[1] for t in timings)
    print(f"consent → results ready (Mélissandre, agencies at {LATENCY_MS} ms), median of {RUNS}:")
    print(
        f"  fetch {fetch * 1000:.0f} ms + rights and screening {compute * 1000:.0f} ms = {total * 1000:.0f} ms"
    )
    print("robust screening vs one plain simulation of the same baseline (p50, amounts checked equal):")
    worst = 0.0
    for login, (variants, plain, screened) in ratios.items():
        ratio = screened / plain
        worst = max(worst, ratio)
        print(
            f"  {PEOPLE[login]:<12} {variants:>3} variants: {plain * 1000:6.0f} ms vs "
            f"{screened * 1000:6.0f} ms = {ratio:.2f}×"
        )
    print(f"worst ratio: {worst:.2f}× (goal ≤ 1.5)")


if __name__ == "__main__":
    main()
