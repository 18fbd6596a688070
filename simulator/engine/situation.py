"""The portal's household situation: typed, validated, with French field-addressed errors.

This is what forms and the API fill in; ``simulator.engine.mapping`` turns it into OpenFisca inputs.
Nothing here is defaulted when a default would silently change a result (birth dates, commune).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

MAX_CHILDREN = 12
MAX_MONTHLY_AMOUNT = Decimal(50_000)  # above this a monthly amount is a typo (yearly, or cents)
MAX_RENT = Decimal(10_000)
MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# INSEE commune code (COG): 5 digits, or Corsica 2A/2B + 3 digits. Not a postcode.
DEPCOM_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
POSTCODE_RE = re.compile(r"^\d{5}$")
PARIS = ZoneInfo("Europe/Paris")


def today() -> dt.date:
    """Today in France, whatever the server's time zone (dates of birth, simulated month)."""
    return dt.datetime.now(tz=PARIS).date()


def _error(message: str) -> PydanticCustomError:
    # A custom error keeps the French message as is (no "Value error, " prefix).
    return PydanticCustomError("situation", message)


class Role(StrEnum):
    DEMANDEUR = "demandeur"
    CONJOINT = "conjoint"
    ENFANT = "enfant"


class Activity(StrEnum):
    SALARIE = "salarie"
    CHOMEUR = "chomeur"
    ETUDIANT = "etudiant"
    RETRAITE = "retraite"
    INACTIF = "inactif"


class SchoolLevel(StrEnum):
    MATERNELLE = "maternelle"
    PRIMAIRE = "primaire"
    COLLEGE = "college"
    LYCEE = "lycee"
    SUPERIEUR = "enseignement_superieur"


class IncomeKind(StrEnum):
    SALAIRE_NET = "salaire_net"
    CHOMAGE_NET = "chomage_net"  # ARE
    ASS = "ass"
    RETRAITE_NETTE = "retraite_nette"
    AAH = "aah"
    PENSION_INVALIDITE = "pension_invalidite"
    PENSION_ALIMENTAIRE = "pension_alimentaire_percue"
    INDEMNITES_STAGE = "indemnites_stage"


class Housing(StrEnum):
    LOCATAIRE_PRIVE = "locataire_prive"
    LOCATAIRE_MEUBLE = "locataire_meuble"
    LOCATAIRE_HLM = "locataire_hlm"
    LOCATAIRE_FOYER = "locataire_foyer"
    CROUS = "crous"
    PROPRIETAIRE = "proprietaire"
    HEBERGE = "heberge"


RENTING = {
    Housing.LOCATAIRE_PRIVE,
    Housing.LOCATAIRE_MEUBLE,
    Housing.LOCATAIRE_HLM,
    Housing.LOCATAIRE_FOYER,
    Housing.CROUS,
}


class CoupleStatus(StrEnum):
    MARIE = "marie"
    PACSE = "pacse"
    UNION_LIBRE = "union_libre"


Amount = Annotated[Decimal, Field(ge=0, le=MAX_MONTHLY_AMOUNT)]


class Income(BaseModel):
    """One kind of income, with the net amount received each month (``YYYY-MM`` keys).

    A month inside the declared range but absent counts as 0 (no income that month).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: IncomeKind
    amounts: dict[str, Amount]
    # Paid hours per month, for part-time work: OpenFisca derives contributions and the prime
    # d'activité from the contract; without hours a part-time salary is treated as full-time.
    monthly_hours: Annotated[Decimal, Field(gt=0, le=300)] | None = None

    @field_validator("amounts")
    @classmethod
    def _months_are_valid(cls, amounts: dict[str, Decimal]) -> dict[str, Decimal]:
        for month in amounts:
            if not MONTH_RE.match(month):
                raise _error(f"Le mois « {month} » doit être au format AAAA-MM.")
        return amounts


class Person(BaseModel):
    """A member of the household. The birth date is required: OpenFisca would assume 1970-01-01."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=40)
    role: Role
    birth_date: dt.date
    activity: Activity = Activity.INACTIF
    disability_rate: Annotated[int, Field(ge=0, le=100)] = 0
    student: bool = False
    scholarship: bool = False
    school_level: SchoolLevel | None = None
    # Start of the current unemployment spell; housing aid's 30% allowance depends on it.
    jobseeker_since: dt.date | None = None
    # ASS's work condition (5 years of salaried work in the 10 before the end of the contract);
    # None = not known: the engine then never opens the ASS.
    ass_work_condition: bool | None = None
    incomes: list[Income] = Field(default_factory=list)

    @field_validator("birth_date")
    @classmethod
    def _birth_date_is_plausible(cls, value: dt.date) -> dt.date:
        if value > today():
            raise _error("La date de naissance ne peut pas être dans le futur.")
        if value.year < 1900:
            raise _error("La date de naissance doit être postérieure à 1900.")
        return value

    @model_validator(mode="after")
    def _jobseeker_has_a_start_date(self) -> Person:
        if self.activity == Activity.CHOMEUR and self.jobseeker_since is None:
            raise _error("Indiquez depuis quand cette personne est au chômage.")
        if self.jobseeker_since and self.jobseeker_since > today():
            raise _error("La date de début de chômage ne peut pas être dans le futur.")
        return self


class Household(BaseModel):
    """Where and how the household lives. ``depcom`` is required: OpenFisca would assume APL zone 2."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    depcom: str
    postcode: str | None = None
    housing: Housing
    rent: Annotated[Decimal, Field(ge=0, le=MAX_RENT)] | None = None
    colocation: bool = False
    couple: CoupleStatus | None = None
    # Paris's own aids require 3 years of residence in the last 5; None = not asked (assumed met).
    resident_since: dt.date | None = None

    @property
    def in_paris(self) -> bool:
        return self.depcom.startswith("751")

    @field_validator("depcom")
    @classmethod
    def _depcom_is_an_insee_code(cls, value: str) -> str:
        value = value.strip().upper()
        if not DEPCOM_RE.match(value):
            raise _error("Le code commune INSEE doit compter 5 caractères (ex. 75119, 2A004).")
        return value

    @field_validator("postcode")
    @classmethod
    def _postcode_has_five_digits(cls, value: str | None) -> str | None:
        if value is not None and not POSTCODE_RE.match(value.strip()):
            raise _error("Le code postal doit compter 5 chiffres.")
        return value and value.strip()

    @model_validator(mode="after")
    def _tenants_give_a_rent(self) -> Household:
        if self.housing in RENTING and self.rent is None:
            raise _error("Indiquez le montant du loyer (hors charges).")
        return self


class ReceivedBenefit(BaseModel):
    """A household benefit already paid (RSA, prime d'activité, aides au logement...)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    monthly_amount: Amount
    since: dt.date | None = None


class FiscalItems(BaseModel):
    """Items of the tax notice for year N-2 (the year whose income the CAF and the chèque énergie use)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rfr_n2: Annotated[Decimal, Field(ge=0, le=Decimal(10_000_000))] | None = None


class Situation(BaseModel):
    """A whole household situation, for one simulated month (``YYYY-MM``, default: this month)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    month: str = Field(default_factory=lambda: today().strftime("%Y-%m"))
    persons: list[Person] = Field(min_length=1)
    household: Household
    received: list[ReceivedBenefit] = Field(default_factory=list)
    fiscal: FiscalItems = Field(default_factory=FiscalItems)

    @field_validator("month")
    @classmethod
    def _month_format(cls, value: str) -> str:
        if not MONTH_RE.match(value):
            raise _error("Le mois simulé doit être au format AAAA-MM.")
        return value

    @field_validator("persons")
    @classmethod
    def _roles_are_consistent(cls, persons: list[Person]) -> list[Person]:
        roles = [person.role for person in persons]
        if roles.count(Role.DEMANDEUR) != 1:
            raise _error("La situation doit compter exactement un demandeur.")
        if roles.count(Role.CONJOINT) > 1:
            raise _error("La situation ne peut compter qu'un conjoint.")
        if roles.count(Role.ENFANT) > MAX_CHILDREN:
            raise _error(f"La situation ne peut pas compter plus de {MAX_CHILDREN} enfants.")
        ids = [person.id for person in persons]
        if len(set(ids)) != len(ids):
            raise _error("Chaque personne doit avoir un identifiant distinct.")
        return persons

    @property
    def demandeur(self) -> Person:
        return next(p for p in self.persons if p.role == Role.DEMANDEUR)

    def received_keys(self) -> set[str]:
        """Keys of benefits already received, declared at household level or as a person's income."""
        keys = {benefit.key for benefit in self.received}
        for person in self.persons:
            keys.update(income.kind.value for income in person.incomes if income.kind in BENEFIT_INCOMES)
        return keys


# Incomes that are themselves benefits we compute: declaring them means "already received".
BENEFIT_INCOMES = {IncomeKind.ASS, IncomeKind.AAH}

# French labels for pydantic's own error types (the custom ones above are already in French).
_FRENCH_MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "greater_than_equal": "La valeur doit être positive ou nulle.",
    "greater_than": "La valeur doit être strictement positive.",
    "less_than_equal": "La valeur est trop élevée (maximum {le}).",
    "date_parsing": "La date doit être au format AAAA-MM-JJ.",
    "date_from_datetime_parsing": "La date doit être au format AAAA-MM-JJ.",
    "decimal_parsing": "Le montant doit être un nombre.",
    "int_parsing": "La valeur doit être un nombre entier.",
    "enum": "Valeur inconnue ; choix possibles : {expected}.",
    "too_short": "Ce champ ne peut pas être vide.",
    "extra_forbidden": "Champ inconnu.",
    "bool_parsing": "La valeur doit être oui ou non.",
}


def french_errors(error: ValidationError) -> dict[str, list[str]]:
    """Map a ValidationError to ``{"persons.0.birth_date": ["message en français"]}`` for forms/API."""
    errors: dict[str, list[str]] = {}
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "__all__"
        template = _FRENCH_MESSAGES.get(item["type"])
        message = template.format(**item.get("ctx", {})) if template else item["msg"]
        errors.setdefault(field, []).append(message)
    return errors


def example_situation() -> Situation:
    """A small but complete household (single parent, part-time job, private rent) for warm-ups."""
    months = [f"2026-{m:02d}" for m in range(1, 11)]
    return Situation(
        month="2026-11",
        persons=[
            Person(
                id="parent",
                role=Role.DEMANDEUR,
                birth_date=dt.date(1985, 4, 2),
                activity=Activity.SALARIE,
                incomes=[
                    Income(
                        kind=IncomeKind.SALAIRE_NET,
                        amounts={m: Decimal(1100) for m in months},
                        monthly_hours=Decimal(104),
                    )
                ],
            ),
            Person(
                id="child",
                role=Role.ENFANT,
                birth_date=dt.date(2015, 9, 1),
                school_level=SchoolLevel.PRIMAIRE,
            ),
        ],
        household=Household(depcom="35238", housing=Housing.LOCATAIRE_PRIVE, rent=Decimal(650)),
    )
