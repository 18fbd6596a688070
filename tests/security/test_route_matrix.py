"""Every route of the URLconf × every kind of caller: the expected status, and nothing of another
person in the answer.

The routes come from `django.urls.get_resolver()`, so a new route without an entry in EXPECTED
fails `test_every_route_has_an_entry` with its name. Roles: anonymous; Melissandre, the citizen who
owns the objects behind the path parameters; Angela, another citizen who must never see them;
Claire (CAF agent), Sofia (France Travail agent), Alice (CAF administrator); the CAF's and France
Travail's API tokens (sent as `Authorization: Bearer` on every route, without a session).

Each route is requested with GET (the API's POST-only routes with POST and an empty JSON body):
the matrix is about who may reach what, the forms' own tests cover what their POSTs do.
`ROUTE_MATRIX_PRINT=1` prints the observed table, to review before updating EXPECTED.
"""

import datetime as dt
import os
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from agencies.models import AgencyData, FetchRun
from alerts.models import Notification, Publication
from alerts.services.tokens import api_token_create
from rights.models import Overpayment
from rights.right_to_error import error_report_create, overpayment_create
from simulator.models import Simulation
from tests.accounts.agents.conftest import agent_create, agent_login

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "citizen",
    "other_citizen",
    "agent_caf",
    "agent_ft",
    "admin_caf",
    "token_caf",
    "token_ft",
)
# Who may see Melissandre (the owner): herself, and the CAF, which holds her data (reports, indus).
MAY_SEE_OWNER = {"citizen", "agent_caf", "admin_caf"}
# Who may see the CAF's publication: the CAF's agents, administrator and token.
MAY_SEE_CAF_PUBLICATION = {"agent_caf", "admin_caf", "token_caf"}

# Statuses in ROLES order. A set allows either (e.g. /healthz is 503 when no worker answers).
# fmt: off
ANY_UP = {200, 503}
ADMIN_LOGIN = {200, 302, 403, 404}
# Roles: anonymous, citizen, other_citizen, agent_caf, agent_ft, admin_caf, token_caf, token_ft
EXPECTED: dict[str, tuple] = {
    "": (200, 200, 200, 200, 200, 200, 200, 200),
    # The pages a public service must publish, linked from the footer: open to everyone.
    "accessibilite/": (200, 200, 200, 200, 200, 200, 200, 200),
    "donnees-personnelles/": (200, 200, 200, 200, 200, 200, 200, 200),
    "gestion-des-cookies/": (200, 200, 200, 200, 200, 200, 200, 200),
    "mentions-legales/": (200, 200, 200, 200, 200, 200, 200, 200),
    "plan-du-site/": (200, 200, 200, 200, 200, 200, 200, 200),
    # France services near a postcode for anyone; a citizen is sent to their own page (rights').
    "aide-pres-de-chez-moi/": (200, 302, 302, 200, 200, 200, 200, 200),
    # The admin's own login page (issue 12, point 1 puts it behind the agents' login or turns it off).
    "admin/login/": (ADMIN_LOGIN,) * 8,
    "agents/": (302, 403, 403, 200, 200, 200, 302, 302),
    "agents/compte/2fa/": (302, 403, 403, 200, 200, 200, 302, 302),
    "agents/compte/2fa/authenticate/": (302, 403, 403, 302, 302, 302, 302, 302),
    "agents/compte/2fa/reauthenticate/": (302, 403, 403, 200, 200, 200, 302, 302),
    "agents/compte/2fa/recovery-codes/": (302, 403, 403, 404, 404, 404, 302, 302),
    "agents/compte/2fa/recovery-codes/download/": (302, 403, 403, 404, 404, 404, 302, 302),
    "agents/compte/2fa/recovery-codes/generate/": (302, 403, 403, 302, 302, 302, 302, 302),
    "agents/compte/2fa/totp/activate/": (302, 403, 403, 302, 302, 302, 302, 302),
    "agents/compte/2fa/totp/deactivate/": (302, 403, 403, 302, 302, 302, 302, 302),
    r"agents/compte/^confirm-email/(?P<key>[-:\w]+)/$": (200, 403, 403, 200, 200, 200, 200, 200),
    "agents/compte/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (200, 403, 403, 200, 200, 200, 200, 200),
    "agents/compte/confirm-email/": (200, 403, 403, 200, 200, 200, 200, 200),
    "agents/compte/email/": (403, 403, 403, 403, 403, 403, 403, 403),
    "agents/compte/inactive/": (200, 403, 403, 200, 200, 200, 200, 200),
    "agents/compte/login/": (200, 403, 403, 302, 302, 302, 200, 200),
    "agents/compte/login/code/confirm/": (302, 403, 403, 302, 302, 302, 302, 302),
    "agents/compte/logout/": (302, 403, 403, 200, 200, 200, 302, 302),
    "agents/compte/password/change/": (302, 403, 403, 200, 200, 200, 302, 302),
    "agents/compte/password/reset/": (200, 403, 403, 200, 200, 200, 200, 200),
    "agents/compte/password/reset/done/": (200, 403, 403, 200, 200, 200, 200, 200),
    "agents/compte/password/reset/key/done/": (200, 403, 403, 200, 200, 200, 200, 200),
    "agents/compte/password/set/": (302, 403, 403, 302, 302, 302, 302, 302),
    "agents/compte/reauthenticate/": (302, 403, 403, 200, 200, 200, 302, 302),
    "agents/compte/signup/": (403, 403, 403, 403, 403, 403, 403, 403),
    "agents/droits/": (302, 403, 403, 200, 200, 200, 302, 302),
    "agents/droits/indus/nouveau/": (302, 403, 403, 200, 200, 200, 302, 302),
    "agents/droits/signalements/<int:report_id>/": (302, 403, 403, 200, 404, 200, 302, 302),
    "agents/invitations/": (302, 403, 403, 403, 403, 200, 302, 302),
    "agents/publications/": (302, 403, 403, 200, 200, 200, 302, 302),
    "agents/publications/<int:publication_id>/": (302, 403, 403, 200, 404, 200, 302, 302),
    "agents/publications/<int:publication_id>/relancer/": (302, 403, 403, 405, 405, 405, 302, 302),
    "agents/publications/nouvelle/": (302, 403, 403, 200, 200, 200, 302, 302),
    "alertes/": (302, 200, 200, 403, 403, 403, 302, 302),
    "alertes/<int:notification_id>/archiver/": (302, 405, 405, 403, 403, 403, 302, 302),
    "alertes/<int:notification_id>/desarchiver/": (302, 405, 405, 403, 403, 403, 302, 302),
    "alertes/<int:notification_id>/lue/": (302, 405, 405, 403, 403, 403, 302, 302),
    "alertes/<int:notification_id>/ouvrir/": (302, 405, 405, 403, 403, 403, 302, 302),
    "alertes/preferences/": (302, 200, 200, 403, 403, 403, 302, 302),
    "alertes/tout-lire/": (302, 405, 405, 403, 403, 403, 302, 302),
    "api/docs/": (200, 200, 200, 200, 200, 200, 200, 200),
    "api/notifications/publications/": (401, 401, 401, 401, 401, 401, 400, 400),
    "api/notifications/publications/<int:publication_id>/": (401, 401, 401, 401, 401, 401, 200, 404),
    "api/schema/": (200, 200, 200, 200, 200, 200, 200, 200),
    "api/simulateur/simulation/": (400, 400, 400, 400, 400, 400, 401, 401),
    "connexion/": (200, 200, 200, 200, 200, 200, 200, 200),
    "deconnexion/": (405, 405, 405, 405, 405, 405, 405, 405),
    "deconnexion/retour/": (302, 302, 302, 302, 302, 302, 302, 302),
    "healthz": (ANY_UP, ANY_UP, ANY_UP, ANY_UP, ANY_UP, ANY_UP, ANY_UP, ANY_UP),
    "mes-donnees/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mes-donnees/accord/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mes-donnees/connexion/": (302, 302, 302, 403, 403, 403, 302, 302),
    "mes-donnees/historique/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mes-donnees/mettre-a-jour/": (302, 405, 405, 403, 403, 403, 302, 302),
    "mes-donnees/recuperation/<int:run_id>/": (302, 200, 404, 403, 403, 403, 302, 302),
    "mes-donnees/recuperation/<int:run_id>/etat.json": (302, 200, 404, 403, 403, 403, 302, 302),
    "mes-donnees/retirer/<slug:source>/": (302, 405, 405, 403, 403, 403, 302, 302),
    "mes-droits/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mes-droits/aide-pres-de-chez-moi/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mes-droits/domaine/<slug:domain>/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mes-droits/indus/<int:overpayment_id>/": (302, 200, 404, 403, 403, 403, 302, 302),
    "mes-droits/recapitulatif.pdf": (302, 200, 200, 403, 403, 403, 302, 302),
    "mes-droits/signalements/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mes-droits/signalements/<int:report_id>/": (302, 200, 404, 403, 403, 403, 302, 302),
    "mes-droits/signaler/<slug:dataset>/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mes-droits/versements/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mon-compte/": (302, 200, 200, 403, 403, 403, 302, 302),
    "mon-compte/appareils/deconnecter/": (302, 405, 405, 403, 403, 403, 302, 302),
    "mon-compte/mes-donnees.json": (302, 200, 200, 403, 403, 403, 302, 302),
    "mon-compte/mes-donnees.pdf": (302, 200, 200, 403, 403, 403, 302, 302),
    "mon-compte/supprime/": (200, 200, 200, 200, 200, 200, 200, 200),
    "mon-compte/supprimer/": (302, 200, 200, 403, 403, 403, 302, 302),
    "oidc/authenticate/": (503, 503, 503, 503, 503, 503, 503, 503),
    "oidc/callback/": (403, 403, 403, 403, 403, 403, 403, 403),
    "simulateur/": (200, 200, 200, 200, 200, 200, 200, 200),
    "simulateur/changement/": (302, 302, 302, 302, 302, 302, 302, 302),
    # Only a what-if this session asked for: anyone else's key is unknown.
    "simulateur/changement/etat/<slug:key>/": (404, 404, 404, 404, 404, 404, 404, 404),
    "simulateur/communes/": (200, 200, 200, 200, 200, 200, 200, 200),
    "simulateur/ma-commune/": (302, 200, 200, 403, 403, 403, 302, 302),
    # The "key" parameter is "profil", a step and not a question: 404 to any citizen.
    "simulateur/ma-situation/<slug:key>/": (302, 404, 404, 403, 403, 403, 302, 302),
    "simulateur/etape/<slug:key>/": (200, 200, 200, 200, 200, 200, 200, 200),
    "simulateur/lien/": (405, 405, 405, 405, 405, 405, 405, 405),
    "simulateur/recapitulatif/": (200, 200, 200, 200, 200, 200, 200, 200),
    "simulateur/recommencer/": (405, 405, 405, 405, 405, 405, 405, 405),
    "simulateur/reprendre/<str:token>/": (404, 302, 404, 404, 404, 404, 404, 404),
    "simulateur/resultats/": (302, 302, 302, 302, 302, 302, 302, 302),
    "simulateur/resultats/envoyer/": (405, 405, 405, 405, 405, 405, 405, 405),
    "simulateur/resultats/signaler/": (302, 302, 302, 302, 302, 302, 302, 302),
    # No result yet for anyone in the matrix: back to the recap, as the other results routes.
    "simulateur/resultats/montant-inattendu/<slug:key>/": (302, 302, 302, 302, 302, 302, 302, 302),
    # No results, no PDF: a 404 page saying why and where to start (the results page redirects).
    "simulateur/resultats/synthese.pdf": (404, 404, 404, 404, 404, 404, 404, 404),
    # Public statistics for everyone; the counted way out to a procedure ("profil" is no benefit: 404).
    "stats/": (200, 200, 200, 200, 200, 200, 200, 200),
    "stats/demarche/<slug:key>/": (404, 404, 404, 404, 404, 404, 404, 404),
}
# fmt: on

# The admin is generated from ModelAdmin registrations (one route per model and action): no role of
# this matrix is staff, so every one of them must be turned away (login redirect, 403 or 404),
# whatever models get registered. A route outside admin/ must have its own entry above.
ADMIN_PREFIX = "admin/"
ADMIN_REFUSED = {302, 403, 404}


def routes() -> list[tuple[str, str]]:
    """(route pattern, name) of every URL pattern, namespaces included."""

    def walk(patterns, prefix: str, namespace: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), f"{namespace}{pattern.name or ''}"

    return sorted(set(walk(get_resolver().url_patterns, "", "")))


# --- The world: two citizens, agents of two agencies, tokens, and the owner's objects ----------------


@pytest.fixture(autouse=True)
def _allauth_and_rate_counters_cleared():
    """Used TOTP codes and rate counters of earlier tests must not refuse these logins."""

    def clear() -> None:
        client = cache._cache.get_client(write=True)  # Django's RedisCache has no public key listing.
        for pattern in ("*:allauth*", "*throttle_*", "*:rl:*"):
            for key in client.scan_iter(match=pattern):
                client.delete(key)

    clear()
    yield
    clear()


def _caf_member(citizen_of, login: str):
    user = citizen_of(login, consents=("caf",))
    now = dt.datetime.now(dt.UTC)
    AgencyData.objects.create(
        user=user, source="caf", dataset="revenu_solidarite_active", organism="caf",
        status=AgencyData.Status.FOUND, payload={"est_beneficiaire": True}, fetched_at=now, last_attempt_at=now,
    )  # fmt: skip
    return user


@pytest.fixture
def world(citizen_of):
    melissandre = _caf_member(citizen_of, "nom_composé")
    angela = _caf_member(citizen_of, "test")
    data = AgencyData.objects.get(user=melissandre)
    report = error_report_create(user=melissandre, data=data, subject="RSA", message="Montant inexact.")
    overpayment = overpayment_create(
        user=melissandre, organism="caf", benefit_key="rsa", amount="342.18", reason="Ressources non déclarées.",
        period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 5, 31), notified_on=dt.date(2026, 10, 1),
        repayment=Overpayment.Repayment.choices[0][0],
    )  # fmt: skip
    notification = Notification.objects.create(
        user=melissandre, kind="test", dedup_key="matrix", category="agency", title="Message pour Melissandre",
        body="Votre dossier RSA.", organism="caf",
    )  # fmt: skip
    publication = Publication.objects.create(
        agency="caf", via=Publication.Via.BACKOFFICE, title="Publication CAF confidentielle",
        body="Réservée à la CAF.", audience=Publication.Audience.ALL,
    )  # fmt: skip
    simulation = Simulation.objects.create(user=melissandre, answers={"profil": {"birth_date": "1981-07-27"}})
    run = FetchRun.objects.create(user=melissandre)
    return {
        "melissandre": melissandre,
        "angela": angela,
        "claire": agent_create(
            first_name="Claire",
            email="claire@caf.example",
            agency="caf",
            totp_secret="JBSWY3DPEHPK3PXPCLAIRECAFAGENT22",
        ),
        "sofia": agent_create(
            first_name="Sofia",
            email="sofia@francetravail.example",
            agency="france_travail",
            totp_secret="ONXW2ZJAMFRGGZDFSOFIAFTAGENT2345",
        ),
        "alice": agent_create(
            first_name="Alice",
            email="alice@caf.example",
            agency="caf",
            role="admin",
            totp_secret="KRUGS4ZANFZSAYJAALICECAFADMIN234",
        ),
        "token_caf": api_token_create(agency="caf", name="SI CAF")[1],
        "token_ft": api_token_create(agency="france_travail", name="SI France Travail")[1],
        "params": {
            "run_id": run.pk,
            "source": "caf",
            "dataset": "revenu_solidarite_active",
            "report_id": report.pk,
            "overpayment_id": overpayment.pk,
            "domain": "solidarite",
            "key": "profil",
            "token": simulation.token,
            "notification_id": notification.pk,
            "publication_id": publication.pk,
            "key_regex": "abc-def",
            "uidb36": "1",
            "id": melissandre.pk,
            "content_type_id": "1",
            "object_id": "1",
            "url": "x",
            "app_label": "auth",
        },
    }


def client_for(role: str, world: dict, logged_in) -> Client:
    if role == "citizen":
        return logged_in(world["melissandre"])
    if role == "other_citizen":
        return logged_in(world["angela"])
    if role in {"agent_caf", "agent_ft", "admin_caf"}:
        client = Client()
        agent_login(client, world[{"agent_caf": "claire", "agent_ft": "sofia", "admin_caf": "alice"}[role]])
        return client
    if role in {"token_caf", "token_ft"}:
        return Client(HTTP_AUTHORIZATION=f"Bearer {world[role]}")
    return Client()


# --- Turning a route pattern into a URL with the owner's objects -----------------------------------

_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def url_for(route: str, params: dict) -> str:
    # Regex patterns first (allauth's and the admin's), whose groups also contain "<name>".
    path = _REGEX_GROUP.sub(
        lambda m: str(params.get(f"{m.group(1)}_regex", params.get(m.group(1), "x"))), route
    )
    path = _PARAM.sub(lambda m: str(params[m.group(1)]), path.replace("^", "").replace("$", ""))
    return "/" + path


def request(client: Client, route: str, url: str):
    if route.startswith("api/") and route.endswith(("simulation/", "publications/")):
        return client.post(url, {}, content_type="application/json")
    return client.get(url)


def leaks(role: str, body: str, world: dict) -> list[str]:
    """What of someone else this role saw."""
    owner, other = world["melissandre"].identity, world["angela"].identity
    found = []
    if role not in MAY_SEE_OWNER:
        found += [text for text in (owner.family_name, owner.given_name, "Montant inexact.") if text in body]
    if role != "other_citizen":
        found += [text for text in (other.family_name, other.given_name) if text in body]
    if role not in MAY_SEE_CAF_PUBLICATION:
        found += [text for text in ("Publication CAF confidentielle",) if text in body]
    return found


# --- The tests ----------------------------------------------------------------------------------


def test_every_route_has_an_entry():
    missing = [
        f"{route} ({name})"
        for route, name in routes()
        if route not in EXPECTED and not route.startswith(ADMIN_PREFIX)
    ]
    assert not missing, (
        "Routes without an entry in EXPECTED (tests/security/test_route_matrix.py): " + ", ".join(missing)
    )
    stale = sorted(set(EXPECTED) - {route for route, _ in routes()})
    assert not stale, f"Entries for routes that no longer exist: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_and_nothing_of_another_person(role, world, logged_in):
    client = client_for(role, world, logged_in)
    index = ROLES.index(role)
    wrong, leaked, observed, own_name_seen = [], [], {}, False
    for route, name in routes():
        url = url_for(route, world["params"])
        response = request(client, route, url)
        observed[route] = response.status_code
        if route in EXPECTED:
            expected = EXPECTED[route][index]
        elif route.startswith(ADMIN_PREFIX):
            expected = ADMIN_REFUSED
        else:
            continue  # reported by test_every_route_has_an_entry
        allowed = expected if isinstance(expected, set) else {expected}
        if response.status_code not in allowed:
            wrong.append(f"{route} ({name}) {url}: {response.status_code}, expected {expected}")
        body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
        leaked += [f"{route} ({name}): {text!r}" for text in leaks(role, body, world)]
        own_name_seen |= world["melissandre"].identity.family_name in body
    if os.environ.get("ROUTE_MATRIX_PRINT"):
        print(f"\n# {role}\n" + "\n".join(f"{route!r}: {status}," for route, status in observed.items()))
    assert not leaked, f"{role} saw another person's data:\n" + "\n".join(leaked)
    assert not wrong, f"{role}: unexpected statuses:\n" + "\n".join(wrong)
    if role in MAY_SEE_OWNER:  # the probe does look for what the pages show
        assert own_name_seen, f"{role} never saw Melissandre's name: the leak probe would find nothing"
