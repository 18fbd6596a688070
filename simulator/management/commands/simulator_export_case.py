"""Turn a "Ce résultat vous semble faux ?" report into a regression test case (YAML).

The case has the format of tests/simulator/engine/cases/*.yaml. Its ``expected`` holds what the
person expected; check it against the law before adding the case to the suite.
"""

from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from simulator.engine.catalogue import benefit_by_key
from simulator.models import ErrorReport


def report_case(report: ErrorReport) -> dict:
    situation = report.situation
    definition = benefit_by_key(report.benefit_key)
    period = situation["month"] if definition.period == "month" else situation["month"][:4]
    computed = next((b for b in report.result["benefits"] if b["key"] == report.benefit_key), {})
    return {
        "name": f"Signalement {report.pk} : {definition.label}",
        "source": {
            "report": report.pk,
            "reported_at": report.created_at.isoformat(),
            "comment": report.comment,
        },
        "situation": situation,
        "computed": {definition.variable: {"period": period, "value": computed.get("amount")}},
        "expected": {
            definition.variable: {
                "period": period,
                "value": float(report.expected_amount) if report.expected_amount is not None else None,
            }
        },
    }


class Command(BaseCommand):
    help = "Écrit un signalement d'erreur comme cas de test de régression (YAML)."

    def add_arguments(self, parser):
        parser.add_argument("report_id", type=int)
        parser.add_argument("--output", type=Path, help="File to write (default: standard output)")

    def handle(self, *args, report_id: int, output: Path | None, **options):
        try:
            report = ErrorReport.objects.get(pk=report_id)
        except ErrorReport.DoesNotExist as e:
            raise CommandError(f"Aucun signalement n° {report_id}.") from e
        text = yaml.safe_dump([report_case(report)], allow_unicode=True, sort_keys=False)
        if output is None:
            self.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
            self.stdout.write(f"Cas écrit dans {output}")
