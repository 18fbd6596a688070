"""Invite an agent from the command line, typically to bootstrap an organism's first administrator:

manage.py invite_agent --email prenom.nom@caf.fr --agency caf --admin
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.agents import services
from agencies.models import AgentMembership
from agencies.registry import organisms


class Command(BaseCommand):
    help = "Invite un agent d'un organisme (avec --admin : son administrateur) et lui envoie le lien d'invitation."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", required=True, help="adresse e-mail professionnelle de l'agent")
        parser.add_argument(
            "--agency", required=True, choices=sorted(organisms()), help="code de l'organisme"
        )
        parser.add_argument("--admin", action="store_true", help="l'agent administre son organisme")

    def handle(self, *args, email: str, agency: str, admin: bool, **options) -> None:
        role = AgentMembership.Role.ADMIN if admin else AgentMembership.Role.AGENT
        try:
            user = services.agent_invite_as_operator(email=email, agency=agency, role=role)
        except services.InvitationRefused as e:
            raise CommandError(" ".join(e.messages)) from e
        self.stdout.write(
            self.style.SUCCESS(
                f"Invitation envoyée à {user.email} ({agency}, {user.membership.get_role_display()})."
            )
        )
