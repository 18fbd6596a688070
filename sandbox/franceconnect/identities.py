"""The demo identities, loaded from ``sandbox/data/identities.yaml`` and checked at load."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

SUB_PATTERN = re.compile(r"^[0-9a-f]{64}v1$")
BIRTHDATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GENDERS = ("female", "male", "")


class InvalidIdentities(ValueError):
    pass


@dataclass(frozen=True)
class Identity:
    login: str
    sub: str
    given_name: str
    family_name: str
    preferred_username: str
    gender: str
    birthdate: str
    birthplace: str
    birthcountry: str
    email: str
    label: str

    @property
    def given_name_array(self) -> list[str]:
        return self.given_name.split()

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def claim(self, name: str) -> object:
        if name == "given_name_array":
            return self.given_name_array
        return getattr(self, name)


FIELD_NAMES = tuple(field.name for field in fields(Identity))


def _check(entry: object, position: int) -> Identity:
    if not isinstance(entry, dict) or set(entry) != set(FIELD_NAMES):
        raise InvalidIdentities(f"entry {position} must have exactly the keys {FIELD_NAMES}")
    values = {name: entry[name] for name in FIELD_NAMES}
    if not all(isinstance(value, str) for value in values.values()):
        raise InvalidIdentities(f"entry {position}: every value must be a string")
    identity = Identity(**values)
    if not SUB_PATTERN.match(identity.sub):
        raise InvalidIdentities(f"{identity.login}: sub must be 64 hex characters followed by 'v1'")
    if not BIRTHDATE_PATTERN.match(identity.birthdate):
        raise InvalidIdentities(f"{identity.login}: birthdate must look like YYYY-MM-DD (00 allowed)")
    if identity.gender not in GENDERS:
        raise InvalidIdentities(f"{identity.login}: gender must be one of {GENDERS}")
    return identity


def load_identities(path: Path) -> dict[str, Identity]:
    """Identities by login, in file order; duplicated logins or subs are refused."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list) or not entries:
        raise InvalidIdentities(f"{path} must hold a non-empty list")
    identities = [_check(entry, position) for position, entry in enumerate(entries)]
    by_login = {identity.login: identity for identity in identities}
    if len(by_login) != len(identities) or len({i.sub for i in identities}) != len(identities):
        raise InvalidIdentities(f"{path}: logins and subs must be unique")
    return by_login
