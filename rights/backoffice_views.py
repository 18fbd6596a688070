"""The organisms' side of the right to error, in the agents' back-office: the error reports on their
data, and the overpayments (indus) they record for their members. An agent sees only their own
organism's items; every opening of a person's report is journaled."""

from django.contrib import messages
from django.core import signing
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


IDENTITY_FIELDS = ("family_name", "given_name", "birthdate", "birthplace")
MEMBER_SALT = "rights.overpayment.member"
NO_MEMBER = "Aucune personne connue de votre organisme ne correspond à cette identité."
HOMONYMS = (
    "Plusieurs personnes connues de votre organisme ont ces nom, prénoms et date de naissance : "
    "indiquez la commune de naissance (code INSEE) pour les distinguer."
)
HOMONYMS_SAME_BIRTHPLACE = (
    "Plusieurs personnes connues de votre organisme ont cette identité, commune de naissance comprise : "
    "l'indu ne peut pas être rattaché sans risque d'erreur. Contactez l'équipe Mes Droits."
)


def _members(agency: str, data: dict) -> list[User]:
    """The people known to this organism (it holds data on them) whose pivot identity is exactly the
    one typed: whole family name, all given names, birth date (and birthplace when given); case aside."""
    members = User.objects.filter(
        kind=User.Kind.CITIZEN, identity__family_name__iexact=data["family_name"],
        identity__given_name__iexact=data["given_name"], identity__birthdate=data["birthdate"],
        pk__in=AgencyData.objects.filter(organism=agency).values("user_id"),
    ).select_related("identity")  # fmt: skip
    if data["birthplace"]:
        members = members.filter(identity__birthplace=data["birthplace"])
    return list(members[:2])  # two are enough to know it is ambiguous


def _overpayment_fields(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in IDENTITY_FIELDS}


@agent_required
@require_http_methods(["GET", "POST"])
def overpayment_new(request: HttpRequest) -> HttpResponse:
    """Two steps: the agent types the identity and the indu, sees who was matched, then confirms."""
    agency = request.agent_membership.agency
    form = OverpaymentForm(request.POST or None, organism=agency)
    if request.method == "POST" and form.is_valid():
        members = _members(agency, form.cleaned_data)
        if not members:
            form.add_error(None, NO_MEMBER)
        elif len(members) > 1:
            form.add_error(None, HOMONYMS_SAME_BIRTHPLACE if form.cleaned_data["birthplace"] else HOMONYMS)
        elif request.POST.get("action") == "confirm" and _confirmed(request, members[0]):
            overpayment_create(
                user=members[0], organism=agency, created_by=request.user,
                **_overpayment_fields(form.cleaned_data),
            )  # fmt: skip
            messages.success(request, "L'indu est enregistré ; la personne le voit dans « Mes droits ».")
            return redirect("rights_agents:home")
        elif request.POST.get("action") != "edit":
            return _overpayment_confirmation(request, form=form, member=members[0])
    status = 400 if form.errors else 200
    return render(request, "rights/agents/overpayment_form.html", {"form": form}, status=status)


def _confirmed(request: HttpRequest, member: User) -> bool:
    """The person confirmed is still the one the identity designates (nobody swapped in meanwhile)."""
    try:
        return signing.loads(request.POST.get("member", ""), salt=MEMBER_SALT) == member.pk
    except signing.BadSignature:
        return False


def _overpayment_confirmation(request: HttpRequest, *, form: OverpaymentForm, member: User) -> HttpResponse:
    data = form.cleaned_data
    context = {
        "form": form,
        "member": member.identity,
        "member_token": signing.dumps(member.pk, salt=MEMBER_SALT),
        "benefit": dict(form.fields["benefit_key"].choices)[data["benefit_key"]],
        "repayment": dict(form.fields["repayment"].choices)[data["repayment"]],
    }
    return render(request, "rights/agents/overpayment_confirm.html", context)
