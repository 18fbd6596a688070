"""Load the demo data of `make run`. Idempotent: running it twice changes nothing."""

from django.core.management.base import BaseCommand

from accounts.agents.demo import agent_demo_accounts_ensure, format_demo_credentials
from alerts.demo import alerts_demo_ensure
from rights.demo import rights_demo_ensure


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(format_demo_credentials(agent_demo_accounts_ensure()))
        rights_demo_ensure()
        self.stdout.write(alerts_demo_ensure())
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
