"""Reads of the rights app, shaped for the pages (a bounded number of queries each)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from agencies.french import french_date
from agencies.models import AgencyData
from agencies.sources import sources
from rights.catalogue import Benefit, OrganismInfo, benefit, organism_info
from rights.models import ErrorReport, Overpayment, Right

MONTHS_FR = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


@dataclass
class Freshness:
    """How fresh one source's data is: "données CAF du 12 novembre 2026", stale when the last call failed."""

    source: str
    organism: str
    fetched_at: dt.datetime
    is_stale: bool

    @property
    def label(self) -> str:
        day = french_date(timezone.localtime(self.fetched_at))
        return f"données {organism_info(self.organism).short_name} du {day}"


@dataclass
class RightView:
    right: Right
    benefit: Benefit
    organism: OrganismInfo
    freshness: Freshness | None
    reports: list[ErrorReport] = field(default_factory=list)

    @property
    def procedure_url(self) -> str:
        return self.benefit.procedures.get(self.right.organism) or self.organism.online_services_url


def freshness_by_source(*, user: User) -> dict[str, Freshness]:
    result: dict[str, Freshness] = {}
    for row in AgencyData.objects.filter(user=user).only(
        "source", "organism", "fetched_at", "last_attempt_at", "last_error"
    ):
        current = result.get(row.source)
        if current is None:
            result[row.source] = Freshness(row.source, row.organism, row.fetched_at, row.is_stale)
        else:
            current.fetched_at = min(current.fetched_at, row.fetched_at)
            current.is_stale = current.is_stale or row.is_stale
    return result


def right_views(*, user: User, domain: str | None = None) -> list[RightView]:
    """The person's rights (all, or one domain's), held first, with their freshness and reports."""
    rights = Right.objects.filter(user=user).order_by("status", "key")
    if domain:
        rights = rights.filter(domain=domain)
    freshness = freshness_by_source(user=user)
    reports = defaultdict(list)
    for report in ErrorReport.objects.filter(user=user):
        reports[report.dataset].append(report)
    order = {
        Right.Status.RENEWAL_DUE: 0,
        Right.Status.OPEN: 1,
        Right.Status.POTENTIAL: 2,
        Right.Status.TO_CHECK: 3,
        Right.Status.CLOSED: 4,
    }
    views = [
        RightView(
            right=right,
            benefit=benefit(right.key),
            organism=organism_info(right.organism),
            freshness=freshness.get(right.source),
            reports=reports.get(right.dataset, []) if right.dataset else [],
        )
        for right in rights
    ]
    return sorted(views, key=lambda view: (order[view.right.status], view.benefit.short_name))


def missing_commune(*, views: list[RightView]) -> bool:
    """The simulator could not screen local aids and housing: no agency gave where the person lives."""
    return any(question["key"] == "commune" for view in views for question in view.right.questions)


@dataclass
class PaymentTable:
    months: list[str]  # "2026-05"
    organisms: list[str]  # short names
    cells: dict[tuple[str, str], Decimal]  # (month, organism) → amount

    def month_label(self, month: str) -> str:
        year, number = month.split("-")
        return f"{MONTHS_FR[int(number) - 1]} {year}"

    @property
    def rows(self) -> list[tuple[str, list[Decimal]]]:
        return [
            (self.month_label(m), [self.cells.get((m, o), Decimal(0)) for o in self.organisms])
            for m in self.months
        ]


def payments_table(*, user: User) -> PaymentTable:
    """Amounts received per month and organism, from every right that carries payments."""
    cells: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    organisms: list[str] = []
    for right in Right.objects.filter(user=user).exclude(payments=[]).only("organism", "payments"):
        name = organism_info(right.organism).short_name
        if name not in organisms:
            organisms.append(name)
        for payment in right.payments:
            cells[(payment["date"][:7], name)] += Decimal(str(payment["amount"]))
    months = sorted({month for month, _ in cells})
    return PaymentTable(months=months, organisms=organisms, cells=dict(cells))


def agency_data_for_report(*, user: User, dataset: str) -> AgencyData:
    """The person's own row of that dataset (AgencyData.DoesNotExist otherwise)."""
    return AgencyData.objects.get(user=user, dataset=dataset, status=AgencyData.Status.FOUND)


def dataset_label(source: str, dataset: str) -> str:
    for item in sources()[source].datasets:
        if item.key == dataset:
            return item.label
    return dataset


def error_reports_for_user(*, user: User):
    return ErrorReport.objects.filter(user=user)


def error_report_for_user(*, user: User, report_id: int) -> ErrorReport:
    return ErrorReport.objects.get(pk=report_id, user=user)


def overpayments_for_user(*, user: User):
    return Overpayment.objects.filter(user=user).prefetch_related("requests")


def overpayment_for_user(*, user: User, overpayment_id: int) -> Overpayment:
    return Overpayment.objects.prefetch_related("requests").get(pk=overpayment_id, user=user)


def error_reports_for_organism(*, organism: str):
    return ErrorReport.objects.filter(organism=organism).select_related("user__identity")


def error_report_for_organism(*, organism: str, report_id: int) -> ErrorReport:
    return ErrorReport.objects.select_related("user__identity").get(pk=report_id, organism=organism)


def overpayments_for_organism(*, organism: str):
    return (
        Overpayment.objects.filter(organism=organism)
        .select_related("user__identity")
        .prefetch_related("requests")
    )
