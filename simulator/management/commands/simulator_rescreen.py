"""Re-screen members off their login: everyone after a legislation or catalogue change (default),
or only those whose agency data changed since their last screening (``--incremental``)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from simulator.models import ScreeningRun
from simulator.rescreening.services import rescreening_run_start


class Command(BaseCommand):
    help = "Queue a re-screening of the members on the Celery workers (its progress is in the admin)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--incremental", action="store_true", help="only members whose agency data changed since"
        )
        parser.add_argument("--reason", default="", help='what changed, e.g. "barème d\'avril 2027"')

    def handle(self, *args, incremental: bool, reason: str, **options) -> None:
        kind = ScreeningRun.Kind.INCREMENTAL if incremental else ScreeningRun.Kind.FULL
        with transaction.atomic():
            run = rescreening_run_start(kind=kind, reason=reason)
        self.stdout.write(f"Re-screening run {run.pk} ({kind}) queued: follow it in the admin.")
