"""The organisms' side of the right to error, in the agents' back-office: the error reports on their
data, and the overpayments (indus) they record for their members. An agent sees only their own
organism's items; every opening of a person's report is journaled."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.agents.decorators import agent_required
from accounts.models import User
from agencies.models import AgencyData
from agencies.services.journal import journal_record
from rights import selectors
from rights.catalogue import organism_info
from rights.forms import ErrorReportAnswerForm, OverpaymentForm
from rights.models import ErrorReport
from rights.right_to_error import error_report_answer, overpayment_create


@agent_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    agency = request.agent_membership.agency
    context = {
        "organism": organism_info(agency),
        "reports": selectors.error_reports_for_organism(organism=agency),
        "overpayments": selectors.overpayments_for_organism(organism=agency),
    }
    return render(request, "rights/agents/home.html", context)


@agent_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        item = selectors.error_report_for_organism(
            organism=request.agent_membership.agency, report_id=report_id
        )
    except ErrorReport.DoesNotExist as e:
        raise Http404 from e
    form = ErrorReportAnswerForm(request.POST or None, initial={"status": item.status, "answer": item.answer})
    if request.method == "POST" and form.is_valid():
        error_report_answer(report=item, agent=request.user, **form.cleaned_data)
        messages.success(request, "Votre réponse est visible par la personne.")
        return redirect("rights_agents:home")
    journal_record(
        person_id=item.user_id, actor=f"agent:{request.user.pk}", source=item.source,
        endpoint=f"signalement d'erreur n° {item.pk}", purpose="examen par l'organisme", outcome="displayed",
    )  # fmt: skip
    return render(request, "rights/agents/report.html", {"report": item, "form": form})


def _member(agency: str, data: dict) -> User | None:
    """A person known to this organism (it holds data on them), found by their pivot identity."""
    return User.objects.filter(
        kind=User.Kind.CITIZEN, identity__family_name__iexact=data["family_name"].strip(),
        identity__given_name__istartswith=data["given_name"].strip(), identity__birthdate=data["birthdate"].strip(),
        pk__in=AgencyData.objects.filter(organism=agency).values("user_id"),
    ).first()  # fmt: skip


@agent_required
@require_http_methods(["GET", "POST"])
def overpayment_new(request: HttpRequest) -> HttpResponse:
    agency = request.agent_membership.agency
    form = OverpaymentForm(request.POST or None, organism=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = _member(agency, data)
        if member is None:
            form.add_error(None, "Aucune personne connue de votre organisme ne correspond à cette identité.")
        else:
            fields = {k: v for k, v in data.items() if k not in {"family_name", "given_name", "birthdate"}}
            overpayment_create(user=member, organism=agency, created_by=request.user, **fields)
            messages.success(request, "L'indu est enregistré ; la personne le voit dans « Mes droits ».")
            return redirect("rights_agents:home")
    return render(request, "rights/agents/overpayment_form.html", {"form": form})
