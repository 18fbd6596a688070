"""The benefit catalogue, read from `rights/catalogue/*.yaml` and validated at load.

One entry per benefit: the texts are ours, the links official. Keys of the benefits the simulator
computes are the simulator's own keys (simulator/engine/benefits.yaml), so a simulation result and
a right from an agency meet on the same key. Organisms are the agencies registry's codes, or the
local authorities of `rights/data/organisms.yaml` (towns, metropolises) that no agency API covers.
"""

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from django.core.exceptions import ImproperlyConfigured
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, TypeAdapter, ValidationError

from agencies.registry import load_organisms

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
ORGANISMS_FILE = Path(__file__).resolve().parent / "data" / "organisms.yaml"
DOMAINS: dict[str, str] = {
    "sante": "Santé",
    "famille": "Famille",
    "logement": "Logement",
    "solidarite": "Solidarité",
    "retraite": "Retraite",
    "emploi": "Emploi",
}
_http_url = TypeAdapter(HttpUrl)


def _official_url(value: str) -> str:
    """An absolute http(s) URL, kept as written (HttpUrl would rewrite it)."""
    _http_url.validate_python(value)
    if not value.startswith("https://"):
        raise ValueError("must start with https://")
    return value


Url = Annotated[str, AfterValidator(_official_url)]


class FixedTerm(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["fixed_term"]
    months: int = Field(ge=1, le=60)


class QuarterlyDeclaration(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["quarterly_declaration"]


def _month_day(value: str) -> str:
    """A "MM-DD" that every year has (so not 02-29)."""
    month, day = (int(part) for part in value.split("-"))
    dt.date(2023, month, day)  # ValueError names a month or day out of range
    return value


MonthDay = Annotated[str, Field(pattern=r"^\d{2}-\d{2}$"), AfterValidator(_month_day)]


class Season(BaseModel):
    """When a benefit is asked for each year (its campaign), both days included; it may run over the
    new year (start after end). Alerts speak of such a benefit only in its season."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    start: MonthDay
    end: MonthDay

    def opened_on(self, day: dt.date) -> dt.date | None:
        """The first day of the season `day` falls in; None outside the season."""
        start, end, today = _md(self.start), _md(self.end), (day.month, day.day)
        if start <= end:
            year = day.year if start <= today <= end else None
        else:
            year = day.year if today >= start else day.year - 1 if today <= end else None
        return None if year is None else dt.date(year, *start)


def _md(value: str) -> tuple[int, int]:
    month, day = value.split("-")
    return int(month), int(day)


class Benefit(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=3)
    short_name: str = Field(min_length=2)
    domain: Literal["sante", "famille", "logement", "solidarite", "retraite", "emploi"]
    organisms: tuple[str, ...] = Field(min_length=1)
    description: str = Field(min_length=20)
    conditions: list[str] = Field(min_length=1)
    info_url: Url
    procedures: dict[str, Url] = Field(min_length=1)
    documents: list[str] = Field(default_factory=list)
    renewal: FixedTerm | QuarterlyDeclaration | None = Field(default=None, discriminator="kind")
    openfisca_variable: str | None = None
    territory: str | None = None  # shown as "Paris", "Rennes Métropole"... for local aids
    season: Season | None = None

    @property
    def domain_label(self) -> str:
        return DOMAINS[self.domain]


class OrganismInfo(BaseModel):
    """What the pages show of an organism: the registry's entry plus our mediator contact."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    short_name: str
    with_article: str  # "la CAF", "la Ville de Paris" (see agencies.french)
    contact_url: Url
    online_services_url: Url
    mediator_url: Url | None = None
    description: str = ""


def _fields_of(error: ValidationError) -> str:
    return ", ".join(".".join(str(part) for part in item["loc"]) or "(entry)" for item in error.errors())


def load_local_organisms(path: Path = ORGANISMS_FILE) -> dict[str, OrganismInfo]:
    """Registry organisms with their mediators, plus the local authorities of our data file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise ImproperlyConfigured(f"{path}: cannot read the organisms file: {e}") from e
    mediators: dict[str, str] = data.get("mediators") or {}
    result: dict[str, OrganismInfo] = {}
    for code, entry in load_organisms().items():
        values = entry.model_dump(mode="json") | {"mediator_url": mediators.get(code)}
        result[code] = OrganismInfo.model_validate(values)
    for index, entry in enumerate(data.get("local") or []):
        try:
            item = OrganismInfo.model_validate(entry)
        except ValidationError as e:
            raise ImproperlyConfigured(
                f"{path}: local entry {index}: invalid field(s) {_fields_of(e)}: {e}"
            ) from e
        if item.code in result:
            raise ImproperlyConfigured(f"{path}: local entry {index}: duplicate code {item.code!r}")
        result[item.code] = item
    return result


def _check_references(path: Path, index: int, benefit: Benefit, known: set[str]) -> None:
    where = f"{path}: entry {index} ({benefit.key})"
    unknown = [code for code in benefit.organisms if code not in known]
    if unknown:
        raise ImproperlyConfigured(f"{where}: field 'organisms': unknown organism(s) {unknown}")
    stray = [code for code in benefit.procedures if code not in benefit.organisms]
    if stray:
        raise ImproperlyConfigured(f"{where}: field 'procedures': {stray} not among its organisms")


def load_catalogue(directory: Path = CATALOGUE_DIR) -> dict[str, Benefit]:
    known = set(load_local_organisms())
    result: dict[str, Benefit] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except (OSError, yaml.YAMLError) as e:
            raise ImproperlyConfigured(f"{path}: cannot read the catalogue file: {e}") from e
        if not isinstance(entries, list):
            raise ImproperlyConfigured(f"{path}: expected a list of benefits")
        for index, entry in enumerate(entries):
            try:
                benefit = Benefit.model_validate(entry)
            except ValidationError as e:
                key = entry.get("key", "?") if isinstance(entry, dict) else "?"
                raise ImproperlyConfigured(
                    f"{path}: entry {index} ({key}): invalid field(s) {_fields_of(e)}: {e}"
                ) from e
            _check_references(path, index, benefit, known)
            if benefit.key in result:
                raise ImproperlyConfigured(f"{path}: entry {index}: duplicate key {benefit.key!r}")
            result[benefit.key] = benefit
    return result


@cache
def benefits() -> dict[str, Benefit]:
    return load_catalogue()


def benefit(key: str) -> Benefit:
    """The catalogue entry; KeyError when the key is unknown."""
    return benefits()[key]


@cache
def organisms_info() -> dict[str, OrganismInfo]:
    return load_local_organisms()


def organism_info(code: str) -> OrganismInfo:
    return organisms_info()[code]


ORGANISM_CHOICES = [(code, item.short_name) for code, item in load_local_organisms().items()]
