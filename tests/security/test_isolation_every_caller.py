"""Melissandre's own objects (fetch run, error report, overpayment, notification, resume link) and the
CAF's publication, probed by every other demo citizen, an agent and an API token of every organism:
refused, and nothing of her in the answer. The route matrix (test_route_matrix.py) checks every route
for one caller of each kind; this checks every caller on the routes that name someone's object."""

import base64
import os

import pytest

from alerts.services.tokens import api_token_create
from tests.accounts.agents.conftest import agent_create, agent_login
from tests.personas import identity_claims
from tests.security.test_route_matrix import request, routes, url_for, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

ORGANISMS = (
    "caf",
    "msa",
    "cpam",
    "cnav",
    "france_travail",
    "dgfip",
    "cnous",
    "education_nationale",
    "departement",
)
CITIZENS = (
    "avec_nom_dusage", "moins_25_ans", "sans_telephone", "plusieurs_prénoms_3", "caractères_spéciaux",
    "sans_birthplace", "nom_50+_caractères", "naissance_Algérie", "test_CORSE_2A", "sans_genre", "test",
)  # fmt: skip
# Path parameters that name Melissandre's objects or the CAF's publication.
OWNED = ("run_id", "report_id", "overpayment_id", "notification_id", "publication_id", "token")
REFUSED = {302, 400, 401, 403, 404, 405}


def _owned_routes() -> list[str]:
    return [route for route, _ in routes() if any(f"{name}>" in route for name in OWNED)]


def _probe(client, world) -> list[str]:  # noqa: F811 (the fixture's value)
    owner = world["melissandre"].identity
    found = []
    for route in _owned_routes():
        url = url_for(route, world["params"])
        response = request(client, route, url)
        body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
        if response.status_code not in REFUSED:
            found.append(f"{url}: {response.status_code}")
        found += [f"{url}: {text!r}" for text in (owner.family_name, "Montant inexact.") if text in body]
        if "Publication CAF confidentielle" in body:
            found.append(f"{url}: the CAF's publication")
    return found


def test_the_probe_finds_what_the_owner_herself_may_see(world, logged_in):  # noqa: F811
    """Not a blind probe: Melissandre reaches her objects and her name is found in them."""
    assert len(_owned_routes()) >= 10
    found = _probe(logged_in(world["melissandre"]), world)
    assert any(": 200" in line for line in found)
    assert any(repr(world["melissandre"].identity.family_name) in line for line in found)


@pytest.mark.parametrize("login", CITIZENS)
def test_no_other_citizen_reaches_melissandre_s_objects(login, world, citizen_of, logged_in):  # noqa: F811
    assert identity_claims(login)
    citizen = citizen_of(login)

    assert _probe(logged_in(citizen), world) == []


@pytest.mark.parametrize("agency", [code for code in ORGANISMS if code != "caf"])
def test_no_agent_of_another_organism_reaches_melissandre_or_the_caf_s_publication(agency, world):  # noqa: F811
    from django.test import Client

    secret = base64.b32encode(os.urandom(20)).decode()
    agent = agent_create(
        first_name="Agent",
        email=f"agent@{agency.replace('_', '-')}.example",
        agency=agency,
        totp_secret=secret,
    )
    client = Client()
    agent_login(client, agent)

    assert _probe(client, world) == []


@pytest.mark.parametrize("agency", [code for code in ORGANISMS if code != "caf"])
def test_no_api_token_of_another_organism_reaches_them(agency, world):  # noqa: F811
    from django.test import Client

    _, raw = api_token_create(agency=agency, name=f"SI {agency}")

    assert _probe(Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), world) == []
