"""Load the demo data of `make run`. Idempotent: running it twice changes nothing.

The demo data are credentials anyone can read in the README and the source (agents' password, fixed
TOTP keys, a CAF API token able to publish to every CAF member): the command refuses to run unless
DEBUG is on, which only the demo's `.env` sets.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.agents.demo import agent_demo_accounts_ensure, format_demo_credentials
from alerts.demo import alerts_demo_ensure
from rights.demo import rights_demo_ensure

logger = logging.getLogger("portal")


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent ; seulement avec DEBUG=true)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            logger.warning("load_demo_data refused: DEBUG is off, this is not the demo")
            raise CommandError(
                "Refusé : les données de démonstration (comptes agents au mot de passe publié, clés TOTP "
                "et jeton d'API connus) ne se chargent que pour la démonstration, avec DEBUG=true "
                "(`make run` l'écrit dans .env). Rien n'a été créé."
            )
        self.stdout.write(format_demo_credentials(agent_demo_accounts_ensure()))
        rights_demo_ensure()
        self.stdout.write(alerts_demo_ensure())
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
