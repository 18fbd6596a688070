"""Who is asked for: identity-mode parameters, FranceConnect pivot identities, and tolerant matching.

Matching ignores case, accents, hyphens and apostrophes as the real providers do, accepts a
subset of the given names (the first one must match) and treats a presumed ``00`` day or month
as unknown.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import dates, errors

FRANCE = "99100"
COG_COMMUNE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")
COG_COUNTRY = re.compile(r"^99[0-9]{3}$")
DEPARTMENT = re.compile(r"^([0-9]{2,3}|2A|2B)$")
GENDERS = {"male": "M", "female": "F", "M": "M", "F": "F"}


def normalized(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char)).upper()
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", letters).split())


@dataclass(frozen=True)
class Identity:
    """A person as the agencies know them; ``birthdate`` may be relative (children) or presumed (00)."""

    family_name: str
    given_names: str
    gender: str  # "M", "F" or "" when unknown
    birthdate: str
    usage_name: str = ""
    birthplace: str = ""
    birthcountry: str = FRANCE

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Identity:
        usage = str(data.get("preferred_username") or data.get("usage_name") or "")
        family = str(data["family_name"])
        return cls(
            family_name=family,
            given_names=str(data.get("given_name") or data.get("given_names") or ""),
            gender=GENDERS.get(str(data.get("gender") or data.get("sex") or ""), ""),
            birthdate=str(data["birthdate"]),
            usage_name="" if normalized(usage) == normalized(family) else usage,
            birthplace=str(data.get("birthplace") or ""),
            birthcountry=str(data.get("birthcountry") or FRANCE),
        )

    def birth(self, today: dt.date) -> tuple[int, int | None, int | None]:
        match = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", self.birthdate)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return year, month or None, day or None
        born = dates.resolve(self.birthdate, today)
        return born.year, born.month, born.day

    def birthdate_iso(self, today: dt.date) -> str:
        """The birth date as agencies print it; a presumed 00 part is kept as FranceConnect sends it."""
        year, month, day = self.birth(today)
        return f"{year:04d}-{month or 0:02d}-{day or 0:02d}"

    def given_name_list(self) -> list[str]:
        return self.given_names.split()


@dataclass(frozen=True)
class IdentityQuery:
    family_name: str
    given_names: tuple[str, ...]
    year: int | None = None
    month: int | None = None
    day: int | None = None
    gender: str | None = None
    country: str | None = None
    commune: str | None = None
    department: str | None = None

    def matches(self, identity: Identity, today: dt.date) -> bool:
        if normalized(identity.family_name) != self.family_name:
            return False
        known = normalized(identity.given_names).split()
        if not self.given_names or not known or self.given_names[0] != known[0]:
            return False
        if not set(self.given_names) <= set(known):
            return False
        year, month, day = identity.birth(today)
        for asked, held in ((self.year, year), (self.month, month), (self.day, day)):
            if asked is not None and held is not None and asked != held:
                return False
        if self.gender and identity.gender and self.gender != identity.gender:
            return False
        if self.country and identity.birthcountry and self.country != identity.birthcountry:
            return False
        if self.commune and identity.birthplace and self.commune != identity.birthplace:
            return False
        return not (
            self.department and identity.birthplace and not identity.birthplace.startswith(self.department)
        )


@dataclass(frozen=True)
class IdentityRules:
    """Which identity-mode parameters an endpoint documents as required."""

    max_given_names: int = 3
    birthdate_required: bool = False
    gender_required: bool = True
    with_country: bool = True


def _integer(args: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise errors.parameter_malformed(name, f"Le paramètre {name} n'est pas correctement formaté")
    return int(raw)


def _birth_date(args: Mapping[str, str], rules: IdentityRules, today: dt.date) -> tuple[int | None, ...]:
    year = _integer(args, "anneeDateNaissance", 1800, today.year)
    month = _integer(args, "moisDateNaissance", 1, 12)
    day = _integer(args, "jourDateNaissance", 1, 31)
    if rules.birthdate_required and None in (year, month, day):
        raise errors.civility_malformed(
            "Les paramètres anneeDateNaissance, moisDateNaissance et jourDateNaissance sont obligatoires"
        )
    # As documented: the month is ignored without a year, the day without a month.
    month = month if year is not None else None
    day = day if month is not None else None
    return year, month, day


def _birthplace(args: Mapping[str, str], rules: IdentityRules, year: int | None) -> tuple[str | None, ...]:
    country = (args.get("codeCogInseePaysNaissance") or "").strip() or None
    commune = (args.get("codeCogInseeCommuneNaissance") or "").strip().upper() or None
    commune_name = (args.get("nomCommuneNaissance") or "").strip()
    department = (args.get("codeCogInseeDepartementNaissance") or "").strip().upper() or None
    if country is not None and not COG_COUNTRY.match(country):
        raise errors.parameter_malformed(
            "codeCogInseePaysNaissance", "Le code pays de naissance est invalide"
        )
    if commune is not None and not COG_COMMUNE.match(commune):
        raise errors.parameter_malformed(
            "codeCogInseeCommuneNaissance", "Le code commune de naissance est invalide"
        )
    if department is not None and not DEPARTMENT.match(department):
        raise errors.parameter_malformed(
            "codeCogInseeDepartementNaissance", "Le code département de naissance est invalide"
        )
    if rules.with_country:
        if country is None:
            raise errors.parameter_malformed(
                "codeCogInseePaysNaissance", "Le paramètre codeCogInseePaysNaissance est obligatoire"
            )
        born_in_france = country == FRANCE
        by_name = bool(commune_name and department and year)
        if born_in_france and commune is None and not by_name:
            raise errors.civility_malformed(
                "Pour une personne née en France, codeCogInseeCommuneNaissance ou le triplet "
                "nomCommuneNaissance, codeCogInseeDepartementNaissance, anneeDateNaissance est obligatoire"
            )
        if not born_in_france and (commune or commune_name or department):
            raise errors.civility_malformed(
                "La commune de naissance ne doit pas être renseignée si née à l'étranger"
            )
    return country, commune, department


def query_from_args(args: Any, rules: IdentityRules, today: dt.date) -> IdentityQuery:
    """Validate identity-mode parameters (422 as documented) into a query."""
    family_name = normalized(args.get("nomNaissance") or "")
    if not family_name:
        raise errors.parameter_malformed("nomNaissance", "Le paramètre nomNaissance est obligatoire")
    raw_given = [item for item in args.getlist("prenoms[]") if item.strip()]
    if not 1 <= len(raw_given) <= rules.max_given_names:
        raise errors.parameter_malformed(
            "prenoms[]", f"Le paramètre prenoms[] doit contenir entre 1 et {rules.max_given_names} prénom(s)"
        )
    given = tuple(token for item in raw_given for token in normalized(item).split())
    gender = (args.get("sexeEtatCivil") or "").strip() or None
    if gender is not None and gender not in ("M", "F"):
        raise errors.parameter_malformed("sexeEtatCivil", "Le paramètre sexeEtatCivil doit valoir M ou F")
    if gender is None and rules.gender_required:
        raise errors.parameter_malformed("sexeEtatCivil", "Le paramètre sexeEtatCivil est obligatoire")
    year, month, day = _birth_date(args, rules, today)
    country, commune, department = _birthplace(args, rules, year)
    return IdentityQuery(family_name, given, year, month, day, gender, country, commune, department)


def query_from_introspection(pivot: Mapping[str, Any]) -> IdentityQuery:
    """The identity API Particulier forwards to providers from FranceConnect's token_introspection."""
    birthdate = str(pivot.get("birthdate") or "")
    parts = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", birthdate)
    year, month, day = (int(part) or None for part in parts.groups()) if parts else (None, None, None)
    return IdentityQuery(
        family_name=normalized(str(pivot.get("family_name") or "")),
        given_names=tuple(normalized(str(pivot.get("given_name") or "")).split()),
        year=year,
        month=month,
        day=day,
        gender=GENDERS.get(str(pivot.get("gender") or "")),
        country=str(pivot.get("birthcountry") or "") or None,
        commune=str(pivot.get("birthplace") or "") or None,
    )
