"""Create a partner token for the simulation API; the secret is printed once and never stored."""

from django.core.management.base import BaseCommand

from simulator.api.tokens import partner_token_create


class Command(BaseCommand):
    help = "Crée un jeton d'API de simulation pour un partenaire (affiché une seule fois)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--name", required=True, help="le partenaire et l'usage, ex. « France Services Rennes »"
        )

    def handle(self, *args, name: str, **options) -> None:
        token, raw = partner_token_create(name=name)
        self.stdout.write(f"Jeton pour {token.name}, à conserver — il ne sera plus affiché :")
        self.stdout.write(raw)
