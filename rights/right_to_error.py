"""Writes of the right to error (loi ESSOC): error reports and overpayments (indus).

Every report is journaled like any access to the person's data, so the person sees in "Historique
de mes données" that their report went to the organism, and when an agent read it.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from agencies.models import AgencyData
from agencies.services.journal import journal_record
from rights.building import add_months
from rights.models import ErrorReport, Overpayment, OverpaymentRequest

RECOURSE_MONTHS = 2  # the prior administrative appeal (recours amiable) is open two months


@transaction.atomic
def error_report_create(*, user: User, data: AgencyData, subject: str, message: str) -> ErrorReport:
    """Store the report against the organism that holds `data` (the person's own row)."""
    report = ErrorReport(
        user=user, organism=data.organism, source=data.source, dataset=data.dataset,
        subject=subject[:255], message=message,
    )  # fmt: skip
    report.full_clean()
    report.save()
    journal_record(
        person_id=user.pk, actor=f"citizen:{user.pk}", source=data.source,
        endpoint=f"signalement d'erreur n° {report.pk}", purpose="droit à l'erreur : transmis à l'organisme",
        outcome="ok",
    )  # fmt: skip
    return report


@transaction.atomic
def error_report_answer(*, report: ErrorReport, agent: User, status: str, answer: str) -> ErrorReport:
    report.status, report.answer, report.answered_by = status, answer, agent
    report.full_clean()
    report.save()
    journal_record(
        person_id=report.user_id, actor=f"agent:{agent.pk}", source=report.source,
        endpoint=f"signalement d'erreur n° {report.pk}", purpose="réponse de l'organisme au signalement",
        outcome="ok",
    )  # fmt: skip
    return report


def recourse_deadline_for(notified_on: dt.date) -> dt.date:
    return add_months(notified_on, RECOURSE_MONTHS)


@transaction.atomic
def overpayment_create(
    *,
    user: User,
    organism: str,
    benefit_key: str,
    amount: Decimal,
    reason: str,
    period_start: dt.date,
    period_end: dt.date,
    notified_on: dt.date,
    repayment: str,
    monthly_deduction: Decimal | None = None,
    created_by: User | None = None,
) -> Overpayment:
    overpayment = Overpayment(
        user=user, organism=organism, benefit_key=benefit_key, amount=amount, reason=reason,
        period_start=period_start, period_end=period_end, notified_on=notified_on,
        recourse_deadline=recourse_deadline_for(notified_on), repayment=repayment,
        monthly_deduction=monthly_deduction, created_by=created_by,
    )  # fmt: skip
    overpayment.full_clean()
    overpayment.save()
    journal_record(
        person_id=user.pk, actor=f"agent:{created_by.pk}" if created_by else "system", source=organism,
        endpoint=f"indu n° {overpayment.pk}", purpose="indu notifié par l'organisme", outcome="ok",
    )  # fmt: skip
    return overpayment


@transaction.atomic
def overpayment_request_create(
    *, overpayment: Overpayment, kind: str, message: str, monthly_amount: Decimal | None = None
) -> OverpaymentRequest:
    request = OverpaymentRequest(
        overpayment=overpayment, kind=kind, message=message, monthly_amount=monthly_amount
    )
    request.full_clean()
    request.save()
    journal_record(
        person_id=overpayment.user_id, actor=f"citizen:{overpayment.user_id}", source=overpayment.organism,
        endpoint=f"indu n° {overpayment.pk}", purpose=f"demande transmise : {request.get_kind_display()}",
        outcome="ok",
    )  # fmt: skip
    return request
