"""Rebuild ``simulator/data/communes-2026.csv.gz`` from decoupage-administratif's ``communes.json``.

Usage: ``python -m simulator.communes_build ../shared/data/decoupage-administratif/data/communes.json``
"""

import csv
import gzip
import io
import json
import sys
from pathlib import Path

from simulator.communes import COMMUNES_PATH

KEPT_TYPES = {"commune-actuelle", "arrondissement-municipal"}
# Paris, Marseille and Lyon: the engine needs their arrondissements, never the parent commune.
PARENTS_WITH_ARRONDISSEMENTS = {"75056", "13055", "69123"}


def build(source: str) -> int:
    communes = json.loads(Path(source).read_text(encoding="utf-8"))
    rows = sorted(
        (commune["code"], commune["nom"], " ".join(commune.get("codesPostaux", [])))
        for commune in communes
        if commune["type"] in KEPT_TYPES and commune["code"] not in PARENTS_WITH_ARRONDISSEMENTS
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["code_insee", "nom", "codes_postaux"])
    writer.writerows(rows)
    with gzip.GzipFile(COMMUNES_PATH, "wb", mtime=0) as output:
        output.write(buffer.getvalue().encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    print(f"{build(sys.argv[1])} communes written to {COMMUNES_PATH}")
