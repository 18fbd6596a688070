"""Demo agents: created idempotently, with a known password and a fixed TOTP secret."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt

from accounts.agents.demo import agent_demo_accounts_ensure, format_demo_credentials
from accounts.models import User
from agencies.models import AgentMembership
from tests.accounts.agents.conftest import LOGIN_URL, MFA_URL, totp_code


def test_it_is_idempotent(db):
    first = agent_demo_accounts_ensure()
    second = agent_demo_accounts_ensure()

    assert first == second
    assert User.objects.filter(kind=User.Kind.AGENT).count() == len(first) == 6
    assert AgentMembership.objects.count() == 6
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 6
    roles = {(agent.agency, agent.role) for agent in first}
    assert {("caf", "agent"), ("cpam", "agent"), ("france_travail", "agent")} <= roles
    assert {("caf", "admin"), ("cpam", "admin"), ("france_travail", "admin")} <= roles


def test_it_stores_the_fixed_totp_secret_encrypted_with_allauth(db):
    demo_agents = agent_demo_accounts_ensure()

    for agent in demo_agents:
        authenticator = Authenticator.objects.get(user__email=agent.email, type=Authenticator.Type.TOTP)
        assert decrypt(authenticator.data["secret"]) == agent.totp_secret


def test_claire_logs_in_with_the_printed_credentials(client, db):
    claire = next(agent for agent in agent_demo_accounts_ensure() if agent.email.startswith("claire"))

    response = client.post(LOGIN_URL, {"login": claire.email, "password": claire.password})
    assert response["Location"] == MFA_URL
    response = client.post(MFA_URL, {"code": totp_code(claire.totp_secret)})

    assert response.status_code == 302
    assert client.get("/agents/").status_code == 200


def test_credentials_are_printed_in_french_for_the_demo_only(db):
    demo_agents = agent_demo_accounts_ensure()

    text = format_demo_credentials(demo_agents)

    assert "DÉMONSTRATION UNIQUEMENT" in text
    for agent in demo_agents:
        assert agent.email in text
        assert agent.totp_secret in text
    assert "France Travail" in text
