"""Personas of the agents' tests: claire (CAF agent), sofia (France Travail agent), alice (CAF
administrator), dave (CAF agent who has not set up TOTP yet) and a citizen, camille."""

import time

import factory
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import encrypt
from django.core.cache import cache

from accounts.models import User
from agencies.models import AgentMembership

PASSWORD = "Un-mot-de-passe-solide-42"
LOGIN_URL = "/agents/compte/login/"
MFA_URL = "/agents/compte/2fa/authenticate/"
HOME_URL = "/agents/"


class AgentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    email = factory.Sequence(lambda n: f"agent{n}@organisme.example")
    username = factory.LazyAttribute(lambda user: user.email)
    kind = User.Kind.AGENT
    password = factory.django.Password(PASSWORD)


def agent_create(
    *, first_name: str, email: str, agency: str, role: str = "agent", totp_secret: str | None = None
) -> User:
    user = AgentFactory(first_name=first_name, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    AgentMembership.objects.create(user=user, agency=agency, role=role)
    if totp_secret:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(totp_secret)}
        )
    user.totp_secret = totp_secret
    return user


def totp_code(secret: str, *, at: float | None = None) -> str:
    return format_hotp_value(hotp_value(secret, int(at or time.time()) // 30))


def agent_login(client, user: User) -> None:
    """Password then TOTP, as an agent does it; the session is then MFA-authenticated."""
    response = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == MFA_URL
    response = client.post(MFA_URL, {"code": totp_code(user.totp_secret)})
    assert response.status_code == 302
    assert response["Location"] == HOME_URL


@pytest.fixture(autouse=True)
def _allauth_cache_cleared():
    """Forget allauth's rate-limit counters and used TOTP codes between tests.

    Only allauth's keys: `cache.clear()` would flush the whole Redis database, Celery's queues included.
    """

    def clear() -> None:
        client = cache._cache.get_client(write=True)  # Django's RedisCache has no public key listing.
        for key in client.scan_iter(match="*:allauth*"):
            client.delete(key)

    clear()
    yield
    clear()


@pytest.fixture
def claire(db) -> User:
    return agent_create(
        first_name="Claire",
        email="claire@caf.example",
        agency="caf",
        totp_secret="JBSWY3DPEHPK3PXPCLAIRECAFAGENT22",
    )


@pytest.fixture
def sofia(db) -> User:
    return agent_create(
        first_name="Sofia",
        email="sofia@francetravail.example",
        agency="france_travail",
        totp_secret="ONXW2ZJAMFRGGZDFSOFIAFTAGENT2345",
    )


@pytest.fixture
def alice(db) -> User:
    return agent_create(
        first_name="Alice",
        email="alice@caf.example",
        agency="caf",
        role="admin",
        totp_secret="KRUGS4ZANFZSAYJAALICECAFADMIN234",
    )


@pytest.fixture
def dave(db) -> User:
    return agent_create(first_name="Dave", email="dave@caf.example", agency="caf")


@pytest.fixture
def camille(db) -> User:
    """A citizen, with a usable password to prove the password alone never opens the agents' door."""
    user = User.objects.create(
        username="fc-camille", email="camille@example.org", kind=User.Kind.CITIZEN, fc_sub="sub-camille"
    )
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def claire_client(client, claire):
    agent_login(client, claire)
    return client


@pytest.fixture
def alice_client(client, alice):
    agent_login(client, alice)
    return client
