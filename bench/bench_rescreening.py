"""Re-screening members off their login: members per second for one worker process, and its peak RSS.

N synthetic members (BENCH_RESCREENING_MEMBERS, default 1,000) with varied answers: 14 communes in
13 départements, alone or in a couple, 0–3 children, renting, in social housing, lodged or owner,
earnings from none to 2,500 € a month; a third answered everything (1 household to compute), a
third did not say their housing (4 variants), a third neither their housing nor their activity
(16 variants). With BENCH_RESCREENING_WORST=1, every member is instead a couple nobody said
anything about (no commune, housing, activity: 144 variants), to check the memory bound when
chunks must be split into several simulations. Then a full run is planned and each of its chunks processed in this process, as one
Celery worker would (pre-fill, ONE vectorised simulation per chunk, classification, simulations and
potential rights written).

Prints members/s end to end, households computed per second (then those of a second full run, whose
members' rights are already written: the nights after the first), the share of the time spent in
OpenFisca, and the process's peak RSS (VmHWM); asserts only that every member was screened.
SQLite in a temporary directory unless BENCH_DATABASE_URL is set. Run: `make bench` or
`python -m bench.bench_rescreening`.
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.django_setup import django_for_bench

MEMBERS = int(os.environ.get("BENCH_RESCREENING_MEMBERS", "1000"))
WORST = os.environ.get("BENCH_RESCREENING_WORST", "") == "1"
COMMUNES = [  # (postcode, depcom)
    ("75019", "75119"), ("13013", "13213"), ("69003", "69383"), ("33000", "33063"), ("31000", "31555"),
    ("35000", "35238"), ("59000", "59350"), ("67000", "67482"), ("44000", "44109"), ("34000", "34172"),
    ("15000", "15014"), ("20000", "2A004"), ("42000", "42218"), ("93200", "93066"),
]  # fmt: skip
HOUSING = [("locataire_prive", "750"), ("locataire_hlm", "450"), ("heberge", ""), ("proprietaire", "")]


def _answers(rng: random.Random, index: int) -> dict:
    postcode, depcom = rng.choice(COMMUNES)
    housing, rent = rng.choice(HOUSING)
    children = rng.choice([0, 0, 1, 2, 3])
    couple = rng.choice(["seul", "seul", "marie"])
    earnings = rng.choice([0, 800, 1200, 1450, 1900, 2500])
    answers = {
        "profil": {
            "birth_date": f"{rng.randint(1960, 2002)}-{rng.randint(1, 12):02d}-15",
            "activity": "salarie",
        },
        "foyer": {"couple": couple, "children_count": str(children)},
        "logement": {"commune_query": postcode, "depcom": depcom, "housing": housing, "rent": rent},
        "revenus": {"demandeur_salaire_net_amount": str(earnings), "demandeur_salaire_net_months": "12"},
        "_submitted": ["profil", "foyer", "enfants", "logement", "revenus"],
    }
    if earnings == 0:
        answers["profil"]["activity"] = "inactif"
        answers["revenus"] = {}
    if couple != "seul":
        answers["foyer"].update(partner_birth_date="1980-06-01", partner_activity="inactif")
    if children:
        answers["enfants"] = {}
        for child in range(children):
            answers["enfants"][f"child_{child}_birth_date"] = f"{rng.randint(2008, 2024)}-09-01"
            answers["enfants"][f"child_{child}_school_level"] = ""
    if WORST:  # a couple nobody said anything about: 3 communes × 4 housings × 4 activities × 3
        answers["foyer"].update(couple="marie", partner_birth_date="1980-06-01", partner_activity="")
        answers["logement"] = {}
        answers["profil"]["activity"] = ""
        answers["revenus"] = {}
        return answers
    if index % 3 >= 1:  # housing not said: 4 variants
        answers["logement"].update(housing="", rent="")
    if index % 3 == 2:  # nor the activity: 4 × 4 variants
        answers["profil"]["activity"] = ""
        answers["revenus"] = {}
    return answers


def _members(count: int) -> None:
    from accounts.models import User
    from simulator.models import Simulation

    rng = random.Random(13)
    users = User.objects.bulk_create(
        User(username=f"bench-{index}", fc_sub=f"bench-{index}", kind="citizen") for index in range(count)
    )
    Simulation.objects.bulk_create(
        Simulation(user=user, answers=_answers(rng, index)) for index, user in enumerate(users)
    )


def _peak_rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    with tempfile.TemporaryDirectory() as tmp:
        django_for_bench(Path(tmp))
        from django.conf import settings
        from django.db.models import Sum

        from simulator.engine import warm_up
        from simulator.models import ScreeningRun
        from simulator.rescreening.services import (
            rescreening_chunk_process,
            rescreening_run_plan,
            rescreening_run_start,
        )

        def full_run() -> tuple[ScreeningRun, float]:
            started = time.perf_counter()
            run = rescreening_run_start(kind=ScreeningRun.Kind.FULL, reason="bench")
            while rescreening_run_plan(run_id=run.pk):
                pass
            for chunk_id in run.chunks.order_by("number").values_list("pk", flat=True):
                rescreening_chunk_process(chunk_id=chunk_id)
            run.refresh_from_db()
            return run, time.perf_counter() - started

        warm_up()
        _members(MEMBERS)
        warmed = _peak_rss_mb()
        run, elapsed = full_run()
        totals = run.chunks.aggregate(variants=Sum("variants"), seconds=Sum("compute_seconds"))
        # The next nights: every member's rights are there already, and are replaced (updates, not inserts).
        again, again_elapsed = full_run()

    if run.households != MEMBERS:
        raise SystemExit(
            f"{run.households} of {MEMBERS} members screened ({run.failed_chunks} failed chunks)"
        )
    print(
        f"re-screening {MEMBERS} synthetic members, chunks of {settings.SIMULATOR_RESCREENING_CHUNK_HOUSEHOLDS}, "
        f"one process, {totals['variants']} households computed ({totals['variants'] / MEMBERS:.1f} a member):"
    )
    print(
        f"  {elapsed:.1f} s end to end = {MEMBERS / elapsed:.0f} members/s ({totals['variants'] / elapsed:.0f} households/s)"
    )
    print(
        f"  chunks' own time (pre-fill + simulation + classification): {totals['seconds']:.1f} s; the rest is writing"
    )
    print(
        f"  a second full run (rights already written, replaced): {again_elapsed:.1f} s = "
        f"{totals['variants'] / again_elapsed:.0f} households/s ({again.households} screened)"
    )
    print(f"  peak RSS {_peak_rss_mb():.0f} MB (warmed, members created: {warmed:.0f} MB; goal ≤ 1,024 MB)")
    print(
        f"  at this rate one worker re-screens 30 million members in {30e6 / (MEMBERS / elapsed) / 3600:.0f} h"
    )


if __name__ == "__main__":
    main()
