"""Load the demo data of `make run`. Idempotent: running it twice changes nothing."""

from django.core.management.base import BaseCommand

from accounts.agents.demo import agent_demo_accounts_ensure, format_demo_credentials


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(format_demo_credentials(agent_demo_accounts_ensure()))
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
