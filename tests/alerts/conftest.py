"""Personas of the alerts' tests.

Citizens (FranceConnect demo identities): melissandre (CAF member, RSA, C2S, Marseille 13),
pierre (CAF member, Rennes 35), remi (MSA member, prime d'activité, Aurillac 15), hugo (France
Travail member). Agents: claire (CAF), sofia (France Travail, the agent of another agency in
isolation tests).
"""

import datetime as dt

import pytest
from django.utils import timezone

from agencies.models import AgencyData
from rights.models import Right
from tests.accounts.agents.conftest import agent_create, agent_login

CLAIRE_TOTP = "JBSWY3DPEHPK3PXPCLAIRECAFAGENT22"
SOFIA_TOTP = "ONXW2ZJAMFRGGZDFSOFIAFTAGENT2345"
SOURCE_OF = {"caf": "caf", "msa": "caf", "cpam": "cpam", "france_travail": "france_travail"}


def agency_data_add(user, *, organism: str, dataset: str = "quotient_familial", payload: dict | None = None):
    now = timezone.now()
    return AgencyData.objects.create(
        user=user, source=SOURCE_OF[organism], dataset=dataset, organism=organism,
        status=AgencyData.Status.FOUND, payload=payload or {}, fetched_at=now, last_attempt_at=now,
    )  # fmt: skip


def right_add(user, key: str, *, organism: str = "caf", status: str = "open", **fields) -> Right:
    domain = {"css_sans_participation": "sante", "css_participation": "sante"}.get(key, "solidarite")
    return Right.objects.create(user=user, key=key, organism=organism, status=status, domain=domain, **fields)


def address(postal_code_city: str) -> dict:
    return {"adresse": {"code_postal_ville": postal_code_city}, "quotient_familial": {"fournisseur": "CNAF"}}


@pytest.fixture
def member_of(citizen_of):
    """`member_of("nom_composé", "caf", postal="13013 MARSEILLE")`: a citizen whose data that
    organism provided, with consent (so a member of it)."""

    def make(login: str, organism: str, *, postal: str | None = None, consent: bool = True):
        user = citizen_of(login, consents=(SOURCE_OF[organism],) if consent else ())
        dataset = "quotient_familial" if organism in {"caf", "msa"} else f"{organism}_statut"
        agency_data_add(user, organism=organism, dataset=dataset, payload=address(postal) if postal else {})
        return user

    return make


@pytest.fixture
def melissandre(member_of):
    return member_of("nom_composé", "caf", postal="13013 MARSEILLE")


@pytest.fixture
def pierre(member_of):
    return member_of("avec_nom_dusage", "caf", postal="35000 RENNES")


@pytest.fixture
def remi(member_of):
    return member_of("sans_birthplace", "msa", postal="15000 AURILLAC")


@pytest.fixture
def hugo(member_of):
    return member_of("sans_telephone", "france_travail")


@pytest.fixture
def claire(db):
    return agent_create(
        first_name="Claire", email="claire@caf.example", agency="caf", totp_secret=CLAIRE_TOTP
    )


@pytest.fixture
def sofia(db):
    return agent_create(
        first_name="Sofia",
        email="sofia@francetravail.example",
        agency="france_travail",
        totp_secret=SOFIA_TOTP,
    )


@pytest.fixture
def claire_client(client, claire):
    agent_login(client, claire)
    return client


@pytest.fixture
def sofia_client(client, sofia):
    agent_login(client, sofia)
    return client


@pytest.fixture(autouse=True)
def _allauth_cache_cleared():
    from django.core.cache import cache

    def clear() -> None:
        redis = cache._cache.get_client(write=True)
        for key in redis.scan_iter(match="*:allauth*"):
            redis.delete(key)
        for key in redis.scan_iter(match="*throttle_alerts*"):
            redis.delete(key)

    clear()
    yield
    clear()


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
