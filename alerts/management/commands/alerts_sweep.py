"""Re-queue the deliveries and publications the broker lost (what the beat does every few minutes)."""

from django.core.management.base import BaseCommand

from alerts.services.delivery import deliveries_sweep
from alerts.services.publish import publications_due_enqueue


class Command(BaseCommand):
    help = "Remet en file les envois d'alertes perdus par le broker."

    def handle(self, *args, **options) -> None:
        deliveries = deliveries_sweep()
        publications = publications_due_enqueue()
        self.stdout.write(f"{deliveries} envoi(s) et {publications} publication(s) remis en file.")
