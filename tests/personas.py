"""The demo people, as FranceConnect gives them (sandbox/data/identities.yaml): see PERSONAS.md."""

from pathlib import Path

import yaml

from accounts.services import citizen_login_from_franceconnect
from agencies.connectors.identity import PivotIdentity
from agencies.services.fetch import pivot_identity

IDENTITIES = Path(__file__).resolve().parents[1] / "sandbox" / "data" / "identities.yaml"


def identity_claims(login: str) -> dict:
    for entry in yaml.safe_load(IDENTITIES.read_text(encoding="utf-8")):
        if entry["login"] == login:
            return {key: value for key, value in entry.items() if key not in {"login", "label"}}
    raise LookupError(login)


def identity_of(login: str) -> PivotIdentity:
    return pivot_identity(citizen_login_from_franceconnect(claims=identity_claims(login)))
