"""Demo agents (../shared/PERSONAS.md), with a known password and a fixed TOTP secret.

For the demo only: `make run` prints these credentials so that anyone can try the back-office with
an authenticator app. Never call this in production.
"""

from typing import NamedTuple

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.db import transaction

from accounts.models import User
from agencies.models import AgentMembership
from agencies.registry import organism

DEMO_PASSWORD = "MesDroits-demo-2025"  # noqa: S105 -- printed by `make run` on purpose, demo only


class DemoAgent(NamedTuple):
    email: str
    password: str
    totp_secret: str
    agency: str
    role: str


class _Persona(NamedTuple):
    first_name: str
    last_name: str
    email: str
    agency: str
    role: str
    totp_secret: str  # base32, as an authenticator app takes it


_AGENT = AgentMembership.Role.AGENT
_ADMIN = AgentMembership.Role.ADMIN
_PERSONAS = [
    _Persona(
        "Claire",
        "CAF-AGENT",
        "claire.caf-agent@caf.demo.example",
        "caf",
        _AGENT,
        "JBSWY3DPEHPK3PXPCLAIRECAFAGENT22",
    ),
    _Persona(
        "Marc",
        "CPAM-AGENT",
        "marc.cpam-agent@cpam.demo.example",
        "cpam",
        _AGENT,
        "MFRGGZDFMZTWQ2LKMARCCPAMAGENT234",
    ),
    _Persona(
        "Sofia",
        "FT-AGENT",
        "sofia.ft-agent@francetravail.demo.example",
        "france_travail",
        _AGENT,
        "ONXW2ZJAMFRGGZDFSOFIAFTAGENT2345",
    ),
    _Persona(
        "Alice",
        "CAF-ADMIN",
        "alice.caf-admin@caf.demo.example",
        "caf",
        _ADMIN,
        "KRUGS4ZANFZSAYJAALICECAFADMIN234",
    ),
    _Persona(
        "Mathieu",
        "CPAM-ADMIN",
        "mathieu.cpam-admin@cpam.demo.example",
        "cpam",
        _ADMIN,
        "GEZDGNBVGY3TQOJQMATHIEUCPAMADM23",
    ),
    _Persona(
        "Fatou",
        "FT-ADMIN",
        "fatou.ft-admin@francetravail.demo.example",
        "france_travail",
        _ADMIN,
        "NBSWY3DPFQQHO33SNRSCCFATOUFTADM2",
    ),
]


@transaction.atomic
def agent_demo_accounts_ensure() -> list[DemoAgent]:
    """Create or reset the demo agents: same password, same TOTP secret, same organism at every call."""
    demo_agents = []
    for persona in _PERSONAS:
        user = User.objects.filter(kind=User.Kind.AGENT, email__iexact=persona.email).first()
        if user is None:
            user = User(username=persona.email, email=persona.email, kind=User.Kind.AGENT)
        user.first_name, user.last_name, user.is_active = persona.first_name, persona.last_name, True
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=persona.email, defaults={"verified": True, "primary": True}
        )
        AgentMembership.objects.update_or_create(
            user=user, defaults={"agency": persona.agency, "role": persona.role}
        )
        Authenticator.objects.update_or_create(
            user=user,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": encrypt(persona.totp_secret)}},
        )
        demo_agents.append(
            DemoAgent(persona.email, DEMO_PASSWORD, persona.totp_secret, persona.agency, persona.role)
        )
    return demo_agents


def format_demo_credentials(demo_agents: list[DemoAgent]) -> str:
    """The credentials as `make run` prints them, in French."""
    lines = [
        "Comptes agents de démonstration — POUR LA DÉMONSTRATION UNIQUEMENT, jamais en production.",
        "Connexion : /agents/compte/login/ — e-mail, mot de passe, puis le code à 6 chiffres d'une",
        "application d'authentification (ajoutez-y la clé TOTP ci-dessous, ou calculez le code avec",
        "`oathtool --totp -b <clé>`).",
        "",
    ]
    for agent in demo_agents:
        role = "administrateur" if agent.role == _ADMIN else "agent"
        lines.append(
            f"  {organism(agent.agency).short_name:<18} {role:<15} {agent.email:<44} "
            f"mot de passe : {agent.password}   clé TOTP : {agent.totp_secret}"
        )
    return "\n".join(lines)
