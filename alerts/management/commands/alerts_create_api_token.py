"""Create an API token for an agency's system; the secret is printed once and never stored."""

from django.core.management.base import BaseCommand, CommandError

from agencies.registry import organisms
from alerts.services.tokens import api_token_create


class Command(BaseCommand):
    help = "Crée un jeton d'API de publication pour un organisme (affiché une seule fois)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("agency", choices=sorted(organisms()), help="code de l'organisme, ex. caf")
        parser.add_argument("--name", default="système d'information", help="à quoi sert ce jeton")

    def handle(self, *args, agency: str, name: str, **options) -> None:
        try:
            token, raw = api_token_create(agency=agency, name=name)
        except KeyError as e:
            raise CommandError(f"organisme inconnu : {agency}") from e
        self.stdout.write(f"Jeton pour {agency} ({token.name}), à conserver — il ne sera plus affiché :")
        self.stdout.write(raw)
