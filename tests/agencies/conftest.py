"""Citizens of the demo, as FranceConnect gives them (sandbox/data/identities.yaml)."""

from pathlib import Path

import pytest
import yaml

from accounts.models import User
from accounts.services import citizen_login_from_franceconnect
from agencies.connectors.identity import PivotIdentity
from agencies.services.consent import consent_grant
from agencies.services.fetch import pivot_identity

IDENTITIES = Path(__file__).resolve().parents[2] / "sandbox" / "data" / "identities.yaml"


def identity_claims(login: str) -> dict:
    for entry in yaml.safe_load(IDENTITIES.read_text(encoding="utf-8")):
        if entry["login"] == login:
            return {key: value for key, value in entry.items() if key not in {"login", "label"}}
    raise LookupError(login)


@pytest.fixture
def citizen_of():
    """`citizen_of("nom_composé")`: the citizen as a FranceConnect login would have created them."""

    def make(login: str, *, consents: tuple[str, ...] = (), france_travail_id: str = "") -> User:
        user = citizen_login_from_franceconnect(claims=identity_claims(login))
        for source in consents:
            consent_grant(
                user=user, source=source, identifier=france_travail_id if source == "france_travail" else ""
            )
        return user

    return make


def identity_of(login: str) -> PivotIdentity:
    return pivot_identity(citizen_login_from_franceconnect(claims=identity_claims(login)))
