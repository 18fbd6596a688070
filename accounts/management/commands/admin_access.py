"""Give an invited agent access to Django's admin, or take it back:

manage.py admin_access --email prenom.nom@exploitant.fr [--revoke]

The agent then enters /admin/ through the agents' login (password, TOTP), when ADMIN_ENABLED is on.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.agents import services


class Command(BaseCommand):
    help = "Donne (ou retire avec --revoke) l'accès à l'administration Django à un agent déjà invité."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", required=True, help="adresse e-mail du compte agent")
        parser.add_argument("--revoke", action="store_true", help="retirer l'accès")

    def handle(self, *args, email: str, revoke: bool, **options) -> None:
        try:
            user = services.agent_admin_access_set(email=email, granted=not revoke)
        except services.InvitationRefused as e:
            raise CommandError(" ".join(e.messages)) from e
        verb = "retiré à" if revoke else "donné à"
        self.stdout.write(self.style.SUCCESS(f"Accès à l'administration {verb} {user.email}."))
