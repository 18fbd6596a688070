"""The France Services help desks nearest to a commune, from the ANCT's official list.

Data: `rights/data/france_services.csv` (ANCT / Banque des Territoires, "liste des France services",
Licence Ouverte 2.0) and `rights/data/communes.csv` (INSEE COG via @etalab/decoupage-administratif,
Licence Ouverte), both refreshed by `manage.py rights_update_france_services` (docs/rights.md).

Neither file gives a commune's position, so a commune is placed at the centre of the France Services
sites of the commune itself (or of its city, for an arrondissement), else at the centre of its
department's sites, and sites are ranked by great-circle distance from there: good enough to point at
the nearest desks, never shown as a distance to the person's door.
"""

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SITES_FILE = DATA_DIR / "france_services.csv"
COMMUNES_FILE = DATA_DIR / "communes.csv"
ATTRIBUTION = "ANCT / Banque des Territoires – liste des France services, 01/08/2024 (Licence Ouverte 2.0)"
DAYS = [("h_lundi", "Lundi"), ("h_mardi", "Mardi"), ("h_mercredi", "Mercredi"), ("h_jeudi", "Jeudi"),
        ("h_vendredi", "Vendredi"), ("h_samedi", "Samedi")]  # fmt: skip


@dataclass(frozen=True)
class Site:
    name: str
    address: str
    postal_code: str
    city: str
    commune: str
    department: str
    latitude: float
    longitude: float
    phone: str
    email: str
    hours: tuple[tuple[str, str], ...]
    appointment: str
    kind: str


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    department: str
    parent: str
    postal_codes: tuple[str, ...]


@cache
def sites() -> list[Site]:
    with SITES_FILE.open(encoding="utf-8", newline="") as handle:
        return [
            Site(
                name=row["lib_fs"],
                address=" ".join(filter(None, [row["adresse"], row["complement_adresse"]])),
                postal_code=row["code_postal"],
                city=row["lib_com"],
                commune=row["insee_com"],
                department=row["insee_dep"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                phone=row["telephone"],
                email=row["mail"],
                hours=tuple((label, row[column]) for column, label in DAYS if row[column]),
                appointment=row["prise_rdv"],
                kind=row["type_fs"],
            )
            for row in csv.DictReader(handle)
            if row["latitude"] and row["longitude"]
        ]


@cache
def communes() -> dict[str, Commune]:
    with COMMUNES_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: Commune(
                code=row["code"],
                name=row["nom"],
                department=row["departement"],
                parent=row["parent"],
                postal_codes=tuple(row["codes_postaux"].split()),
            )
            for row in csv.DictReader(handle)
        }


def commune_get(code: str) -> Commune | None:
    """A commune from its INSEE code (`2A004`, `75119`)."""
    return communes().get(code.strip().upper())


def commune_by_postal_code(postal_code: str) -> Commune | None:
    """The commune of a postal code; when several share it, an arrondissement or else the first."""
    postal_code = postal_code.strip()
    matches = [c for c in communes().values() if postal_code in c.postal_codes]
    return min(matches, key=lambda c: (not c.parent, c.code)) if matches else None


def _centre(points: list[Site]) -> tuple[float, float] | None:
    if not points:
        return None
    return sum(p.latitude for p in points) / len(points), sum(p.longitude for p in points) / len(points)


def _locate(commune: Commune) -> tuple[float, float] | None:
    all_sites = sites()
    for codes in ({commune.code}, {commune.code, commune.parent} | _siblings(commune)):
        centre = _centre([s for s in all_sites if s.commune in codes])
        if centre:
            return centre
    return _centre([s for s in all_sites if s.department == commune.department])


def _siblings(commune: Commune) -> set[str]:
    parent = commune.parent or commune.code
    return {c.code for c in communes().values() if c.parent == parent}


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def nearest_sites(*, commune: Commune, count: int) -> list[Site]:
    origin = _locate(commune)
    if origin is None:
        return []
    return sorted(sites(), key=lambda s: _distance_km(origin, (s.latitude, s.longitude)))[:count]
