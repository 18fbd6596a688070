"""The agencies' files: identities joined with sandbox/data/agency_records.yaml, validated at load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import dates
from .identity import Identity, IdentityQuery

SECTIONS = frozenset(
    {"family_file", "health_insurance", "student", "scholarship", "jobseeker", "tax", "partner"}
)
DATE_KEYS = frozenset(
    {"since", "until", "computed", "start", "end", "date", "birthdate", "school_year_start", "struck_off_on"}
)
FAMILY_PROVIDERS = frozenset({"CNAF", "MSA"})


class BadRecords(ValueError):
    pass


@dataclass(frozen=True)
class Person:
    key: str
    identity: Identity
    sections: Mapping[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> Any:
        return self.sections.get(name)

    def partner(self) -> Identity | None:
        partner = self.sections.get("partner")
        return Identity.from_mapping(partner) if partner else None


@dataclass(frozen=True)
class Pupil:
    """A child known to the Éducation nationale (MEN), from a family file's children."""

    identity: Identity
    school: Mapping[str, Any]


@dataclass(frozen=True)
class RecordBook:
    people: tuple[Person, ...]
    pupils: tuple[Pupil, ...]

    def person_find(self, query: IdentityQuery, today: dt.date) -> Person | None:
        return next((person for person in self.people if query.matches(person.identity, today)), None)

    def pupil_find(self, query: IdentityQuery, today: dt.date) -> Pupil | None:
        return next((pupil for pupil in self.pupils if query.matches(pupil.identity, today)), None)

    def jobseeker_find(self, identifier: str) -> Person | None:
        wanted = identifier.strip().upper()
        for person in self.people:
            jobseeker = person.section("jobseeker")
            if jobseeker and str(jobseeker["identifier"]).upper() == wanted:
                return person
        return None

    def taxpayer_find(self, spi: str) -> Person | None:
        return next(
            (person for person in self.people if (person.section("tax") or {}).get("spi") == spi),
            None,
        )


def _dates_check(node: Any, where: str) -> None:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in DATE_KEYS and value is not None:
                try:
                    dates.validate(value)
                except dates.BadDateExpression as e:
                    raise BadRecords(f"{where}.{key}: {e}") from e
            _dates_check(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _dates_check(item, f"{where}[{index}]")


def _income_years_check(tax: Mapping[str, Any], where: str) -> None:
    for situation in tax.get("situations", []):
        try:
            dates.validate(situation["income_year"])
        except (KeyError, dates.BadDateExpression) as e:
            raise BadRecords(f"{where}.tax.situations: bad income_year in {situation!r}") from e


def _person_build(entry: Mapping[str, Any], identities: Mapping[str, Mapping[str, Any]]) -> Person:
    login = entry.get("login")
    if login not in identities:
        raise BadRecords(f"agency record for unknown login {login!r} (not in identities.yaml)")
    unknown = set(entry) - SECTIONS - {"login"}
    if unknown:
        raise BadRecords(f"{login}: unknown sections {sorted(unknown)}")
    family_file = entry.get("family_file")
    if family_file and family_file.get("provider") not in FAMILY_PROVIDERS:
        raise BadRecords(f"{login}: family_file.provider must be one of {sorted(FAMILY_PROVIDERS)}")
    _dates_check(entry, login)
    if entry.get("tax"):
        _income_years_check(entry["tax"], login)
    sections = {name: value for name, value in entry.items() if name != "login"}
    return Person(key=login, identity=Identity.from_mapping(identities[login]), sections=sections)


def _pupils(people: tuple[Person, ...]) -> tuple[Pupil, ...]:
    pupils = []
    for person in people:
        for child in (person.section("family_file") or {}).get("children", []):
            if child.get("school"):
                pupils.append(Pupil(identity=Identity.from_mapping(child), school=child["school"]))
    return tuple(pupils)


def _yaml_load(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.safe_load(stream)
    except OSError as e:
        raise BadRecords(f"cannot read {path}: {e}") from e


def records_load(*, identities_file: Path, records_file: Path) -> RecordBook:
    identities = {str(item["login"]): item for item in _yaml_load(identities_file) or []}
    entries = (_yaml_load(records_file) or {}).get("people", [])
    people = tuple(_person_build(entry, identities) for entry in entries)
    return RecordBook(people=people, pupils=_pupils(people))
