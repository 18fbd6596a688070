"""Load the demo data of `make run`. Idempotent: running it twice changes nothing."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def handle(self, *args, **options) -> None:
        # Each product app contributes its demo data here as it lands (agents, schedules...).
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
