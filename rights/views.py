"""The person's 360° view: "Mes droits", a page per domain, payments, the PDF summary, help nearby
and the right to error. Every display of agency data is journaled, as on "Mes données"."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import citizen_required
from agencies.models import AgencyData
from agencies.services.journal import journal_record
from rights import dashboard, selectors
from rights.catalogue import DOMAINS, benefits, organism_info
from rights.charts import bar_chart_svg
from rights.forms import ErrorReportForm, OverpaymentRequestForm
from rights.models import ErrorReport, Overpayment, Right
from rights.nearby import nearby_context
from rights.pdf import summary_pdf_render
from rights.right_to_error import error_report_create, overpayment_request_create


def _journal_display(request: HttpRequest, views: list[selectors.RightView], page: str) -> None:
    for source in sorted({view.right.source for view in views if view.freshness}):
        journal_record(
            person_id=request.user.pk, actor=f"citizen:{request.user.pk}", source=source,
            endpoint=f"page {page}", purpose="affichage à la personne", outcome="displayed",
        )  # fmt: skip


@citizen_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    views = selectors.right_views(user=request.user)
    _journal_display(request, views, "Mes droits")
    today = timezone.localdate()
    context = {
        "todo": dashboard.todo_items(
            views=views, overpayments=selectors.overpayments_for_user(user=request.user), today=today
        ),
        "expected_payments": dashboard.expected_payments(views=views, today=today),
        "payments_not_transmitted": dashboard.payments_not_transmitted(views=views),
        "summaries": dashboard.domain_summaries(views=views),
        "has_rights": any(
            view.right.status not in (Right.Status.POTENTIAL, Right.Status.TO_CHECK) for view in views
        ),
        "freshness": selectors.freshness_by_source(user=request.user).values(),
        "missing_commune": selectors.missing_commune(views=views),
    }
    return render(request, "rights/overview.html", context)


@citizen_required
@require_GET
def domain(request: HttpRequest, domain: str) -> HttpResponse:
    if domain not in DOMAINS:
        raise Http404
    views = selectors.right_views(user=request.user, domain=domain)
    _journal_display(request, views, f"Mes droits — {DOMAINS[domain]}")
    found = (Right.Status.POTENTIAL, Right.Status.TO_CHECK)
    held = [view for view in views if view.right.status not in found]
    potential = [view for view in views if view.right.status == Right.Status.POTENTIAL]
    to_check = [view for view in views if view.right.status == Right.Status.TO_CHECK]
    context = {
        "domain": domain,
        "label": DOMAINS[domain],
        "held": held,
        "potential": potential,
        "to_check": to_check,
        "missing_commune": selectors.missing_commune(views=views),
    }
    return render(request, "rights/domain.html", context)


@citizen_required
@require_GET
def payments(request: HttpRequest) -> HttpResponse:
    table = selectors.payments_table(user=request.user)
    chart = ""
    if table.months:
        series = [(name, [float(row[1][i]) for row in table.rows]) for i, name in enumerate(table.organisms)]
        chart = bar_chart_svg(
            title="Montants reçus par mois et par organisme", categories=[row[0] for row in table.rows],
            series=series,
        )  # fmt: skip
        views = [v for v in selectors.right_views(user=request.user) if v.right.payments]
        _journal_display(request, views, "Mes versements")
    return render(request, "rights/payments.html", {"table": table, "chart": mark_safe(chart)})  # noqa: S308 -- escaped by charts


@citizen_required
@require_GET
def summary_pdf(request: HttpRequest) -> HttpResponse:
    views = selectors.right_views(user=request.user)
    _journal_display(request, views, "Récapitulatif de mes droits (PDF)")
    pdf = summary_pdf_render(request=request, user=request.user, views=views)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="recapitulatif-de-mes-droits.pdf"'
    return response


@citizen_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, dataset: str) -> HttpResponse:
    try:
        data = selectors.agency_data_for_report(user=request.user, dataset=dataset)
    except AgencyData.DoesNotExist as e:
        raise Http404 from e
    subject = selectors.dataset_label(data.source, data.dataset)
    form = ErrorReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = error_report_create(
            user=request.user, data=data, subject=subject, message=form.cleaned_data["message"]
        )
        messages.success(request, "Votre signalement a été transmis à l'organisme.")
        return redirect("rights:report", report_id=report.pk)
    return render(request, "rights/report_form.html", {"form": form, "data": data, "subject": subject})


@citizen_required
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    return render(
        request, "rights/reports.html", {"reports": selectors.error_reports_for_user(user=request.user)}
    )


@citizen_required
@require_GET
def report(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        item = selectors.error_report_for_user(user=request.user, report_id=report_id)
    except ErrorReport.DoesNotExist as e:
        raise Http404 from e
    return render(request, "rights/report_detail.html", {"report": item})


@citizen_required
@require_http_methods(["GET", "POST"])
def overpayment(request: HttpRequest, overpayment_id: int) -> HttpResponse:
    try:
        item = selectors.overpayment_for_user(user=request.user, overpayment_id=overpayment_id)
    except Overpayment.DoesNotExist as e:
        raise Http404 from e
    form = OverpaymentRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        overpayment_request_create(overpayment=item, **form.cleaned_data)
        messages.success(request, "Votre demande a été transmise à l'organisme.")
        return redirect("rights:overpayment", overpayment_id=item.pk)
    context = {"overpayment": item, "form": form, "organism": organism_info(item.organism),
               "benefit": benefits().get(item.benefit_key)}  # fmt: skip
    return render(request, "rights/overpayment.html", context)


@citizen_required
@require_GET
def help_nearby(request: HttpRequest) -> HttpResponse:
    context = nearby_context(
        user=request.user, query=request.GET, count=settings.RIGHTS_FRANCE_SERVICES_NEAREST
    )
    return render(request, "rights/help_nearby.html", context)
