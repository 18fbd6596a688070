"""The agencies' publishing back-office (/agents/publications/): compose, count the
recipients, confirm before sending or scheduling, follow the sending. Every read is scoped to the
agent's agency."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.agents.decorators import agent_required
from agencies.registry import organism
from alerts import selectors
from alerts.audience import audience_of
from alerts.forms import PublicationForm
from alerts.models import Publication
from alerts.services.delivery import deliveries_replay
from alerts.services.publish import Draft, publication_create


def _own(request: HttpRequest, publication_id: int) -> Publication:
    try:
        return selectors.publication_of(agency=request.agent_membership.agency, publication_id=publication_id)
    except Publication.DoesNotExist as e:
        raise Http404 from e


def _draft(form: PublicationForm, agency: str) -> Draft:
    data = form.cleaned_data
    return Draft(
        agency=agency,
        title=data["title"],
        body=data["body"],
        link=data["link"],
        category=data["category"],
        audience=data["audience"],
        audience_value=form.audience_value,
        scheduled_at=data["scheduled_at"],
    )


@agent_required
@require_GET
def publication_list(request: HttpRequest) -> HttpResponse:
    agency = request.agent_membership.agency
    publications = selectors.with_progress(selectors.publications_of(agency=agency))
    page = Paginator(publications, 25).get_page(request.GET.get("page"))
    return render(request, "alerts/backoffice/list.html", {"page": page, "organism": organism(agency)})


@agent_required
@require_http_methods(["GET", "POST"])
def publication_compose(request: HttpRequest) -> HttpResponse:
    """Compose, count the recipients, then confirm: "send" only shows the confirmation page with the
    count; nothing is recorded nor queued until the agent presses "confirm" on it."""
    agency = request.agent_membership.agency
    form = PublicationForm(
        request.POST if request.method == "POST" else None,
        benefit_choices=selectors.benefit_choices(agency=agency),
    )
    context = {"form": form, "recipients": None, "organism": organism(agency)}
    if request.method == "POST" and form.is_valid():
        draft = _draft(form, agency)
        if "confirm" in request.POST:
            publication = publication_create(draft=draft, author=request.user, via=Publication.Via.BACKOFFICE)
            messages.success(request, _recorded_message(publication))
            return redirect("publications:detail", publication_id=publication.pk)
        if "edit" not in request.POST:
            context["recipients"] = audience_of(
                agency=agency, audience=draft.audience, value=draft.audience_value
            ).count()
        if "send" in request.POST:
            context["draft"] = draft
            return render(request, "alerts/backoffice/confirm.html", context)
    return render(request, "alerts/backoffice/compose.html", context)


def _recorded_message(publication: Publication) -> str:
    if publication.scheduled_at > timezone.now():
        return "Votre message est programmé : il partira à la date prévue."
    return "Votre message part : l'envoi est en cours."


@agent_required
@require_GET
def publication_detail(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = _own(request, publication_id)
    context = {
        "publication": publication,
        "progress": selectors.publication_progress(publication=publication),
        "stats": selectors.publication_stats(publication=publication),
    }
    return render(request, "alerts/backoffice/detail.html", context)


@agent_required
@require_POST
def publication_replay(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = _own(request, publication_id)
    count = deliveries_replay(delivery_ids=selectors.failed_email_deliveries(publication=publication))
    messages.success(request, f"{count} e-mail(s) en échec relancé(s).")
    return redirect("publications:detail", publication_id=publication.pk)
