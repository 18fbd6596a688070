"""First-login aggregation time: every agency answering in 300 ms, as a ratio to the slowest one.

Starts the FranceConnect and agency sandboxes (SANDBOX_AGENCIES_LATENCY_MS=300), then fetches a
demo person's data from all their consented sources, as the login task does. Goal: ratio ≤ 1.3.
Prints figures; asserts nothing. Run: `make bench` or `python -m bench.bench_agencies`.
"""

import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.django_setup import agency_sandboxes, demo_citizen, django_for_bench

LATENCY_MS = 300
RUNS = 7


def _django(tmp: Path) -> None:
    django_for_bench(tmp)


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        _django(tmp_path)
        from django.core.cache import cache

        from agencies.models import FetchRun
        from agencies.services.consent import consent_grant
        from agencies.services.fetch import fetch_run_execute

        with agency_sandboxes(tmp_path, latency_ms=LATENCY_MS):
            user = demo_citizen("sans_telephone")
            for source in ("caf", "cpam", "cnous", "france_travail"):
                consent_grant(
                    user=user, source=source, identifier="3456789A" if source == "france_travail" else ""
                )
            calls = sum(
                6 if s == "caf" else 2 if s in {"cnous", "france_travail"} else 1
                for s in ("caf", "cpam", "cnous", "france_travail")
            )
            from agencies.connectors.api_particulier import ApiParticulierClient
            from agencies.connectors.errors import ConnectorError
            from agencies.services.fetch import pivot_identity

            identity = pivot_identity(user)
            single = []
            for dataset in (
                "quotient_familial",
                "complementaire_sante_solidaire",
                "statut_etudiant",
                "france_travail_statut",
            ):
                started = time.perf_counter()
                with contextlib.suppress(ConnectorError):  # a 404 still took the agency's time
                    ApiParticulierClient().fetch(dataset, identity=identity, identifier="3456789A")
                single.append(time.perf_counter() - started)
            durations = []
            for _ in range(RUNS):
                cache.clear()
                run = FetchRun.objects.create(
                    user=user,
                    progress={
                        s: {"state": "pending", "label": s}
                        for s in ("caf", "cpam", "cnous", "france_travail")
                    },
                )
                started = time.perf_counter()
                fetch_run_execute(run_id=run.pk)
                durations.append(time.perf_counter() - started)
    median = statistics.median(durations)
    slowest = max(single)
    print(f"agency calls per login:           {calls} (4 sources), each answering in {LATENCY_MS} ms")
    print(
        f"aggregation time, median of {RUNS}:   {median * 1000:.0f} ms (min {min(durations) * 1000:.0f}, max {max(durations) * 1000:.0f})"
    )
    print(f"sequential would be:              {calls * slowest * 1000:.0f} ms")
    print(f"slowest agency, one call alone:   {slowest * 1000:.0f} ms")
    print(f"ratio to the slowest agency:      {median / slowest:.2f} (goal ≤ 1.3)")


if __name__ == "__main__":
    main()
