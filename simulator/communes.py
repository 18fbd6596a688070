"""The official list of communes (COG 2026), searched by postcode or name.

Loaded once per process (before forking, by the warm-up) from ``data/communes-2026.csv.gz``.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

COMMUNES_PATH = Path(__file__).parent / "data" / "communes-2026.csv.gz"
MAX_RESULTS = 20


@dataclass(frozen=True)
class Commune:
    code: str  # INSEE code (COG), what the engine needs
    name: str
    postcodes: tuple[str, ...]

    @property
    def label(self) -> str:
        postcode = f" ({self.postcodes[0]})" if len(self.postcodes) == 1 else ""
        return f"{self.name}{postcode}"


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\bst\b", "saint", re.sub(r"\bste\b", "sainte", text))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass(frozen=True)
class _Index:
    by_code: dict[str, Commune]
    by_postcode: dict[str, tuple[Commune, ...]]
    names: tuple[tuple[str, Commune], ...]  # (normalised name, commune), by name


@functools.cache
def _index() -> _Index:
    with gzip.open(COMMUNES_PATH, "rb") as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"), delimiter=";"))
    communes = [Commune(row["code_insee"], row["nom"], tuple(row["codes_postaux"].split())) for row in rows]
    by_postcode: dict[str, list[Commune]] = {}
    for commune in communes:
        for postcode in commune.postcodes:
            by_postcode.setdefault(postcode, []).append(commune)
    return _Index(
        by_code={commune.code: commune for commune in communes},
        by_postcode={code: tuple(sorted(items, key=lambda c: c.name)) for code, items in by_postcode.items()},
        names=tuple(sorted(((_normalise(c.name), c) for c in communes), key=lambda item: item[0])),
    )


def load() -> None:
    """Load the list now (the warm-up calls it before forking, so workers share it)."""
    _index()


def commune_by_code(code: str) -> Commune | None:
    return _index().by_code.get((code or "").strip().upper())


def communes_search(query: str, *, limit: int = MAX_RESULTS) -> list[Commune]:
    """Communes whose postcode is ``query`` (5 digits) or whose name starts with (then contains) it."""
    query = (query or "").strip()
    if re.fullmatch(r"\d{5}", query):
        return list(_index().by_postcode.get(query, ()))[:limit]
    wanted = _normalise(query)
    if len(wanted) < 2:
        return []
    starts = [c for name, c in _index().names if name.startswith(wanted)]
    if len(starts) < limit:
        starts += [c for name, c in _index().names if f" {wanted}" in f" {name}" and c not in starts]
    return starts[:limit]


def communes_for_postcode_and_city(text: str) -> list[Commune]:
    """Communes matching a CAF/MSA address line such as ``"13013 MARSEILLE"``."""
    match = re.match(r"\s*(\d{5})\s*(.*)", text or "")
    if not match:
        return []
    candidates = communes_search(match.group(1))
    city = _normalise(match.group(2))
    if len(candidates) > 1 and city:
        narrowed = [c for c in candidates if _normalise(c.name).startswith(city)]
        return narrowed or candidates
    return candidates
