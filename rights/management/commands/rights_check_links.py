"""Check every external link of the benefit catalogue; exit 1 if one is broken or unreachable.

Offline, every link is reported "unreachable" (not "broken"): the command says so, so that a closed
network is not mistaken for dead pages.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rights.links import catalogue_links, links_check


class Command(BaseCommand):
    help = "Vérifie les liens externes du catalogue des prestations."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--timeout", type=float, default=None, help="secondes par requête")

    def handle(self, *args, timeout: float | None, **options) -> None:
        results = links_check(links=catalogue_links(), timeout=timeout or settings.RIGHTS_LINK_CHECK_TIMEOUT)
        bad = [r for r in results if r.outcome != "ok"]
        for result in bad:
            self.stdout.write(f"{result.outcome}\t{result.where}\t{result.url}\t{result.detail}")
        summary = {o: sum(1 for r in results if r.outcome == o) for o in ("ok", "broken", "unreachable")}
        self.stdout.write(
            f"{len(results)} liens : {summary['ok']} ok, {summary['broken']} cassés (broken), "
            f"{summary['unreachable']} injoignables (unreachable)."
        )
        if summary["unreachable"] == len(results) and results:
            self.stdout.write("Aucun lien joignable : le réseau est sans doute fermé.")
        if bad:
            raise CommandError(f"{len(bad)} lien(s) à vérifier")
