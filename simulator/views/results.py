"""Results: the page (read from what was stored), the PDF, the e-mail recap, the error report."""

import logging

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simulator import services
from simulator.drafts import draft_load
from simulator.forms import EmailForm, ErrorReportForm
from simulator.pdf import results_pdf
from simulator.provenance import provenance
from simulator.questionnaire.answers import AnswersIncomplete, situation_from_answers
from simulator.results import answers_key, results_view
from simulator.screening import situation_with_unknowns
from simulator.throttling import recap_email_refused_by
from simulator.unexpected import unexpected_amount_reasons

logger = logging.getLogger(__name__)


def _stored(request: HttpRequest):
    draft = draft_load(request)
    if not draft.result:
        return draft, None
    return draft, results_view(draft.result, organism_hint=draft.organism_hint)


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    draft, view = _stored(request)
    if view is None:
        return redirect("simulator:recap")
    context = {
        "view": view,
        "stale": draft.result_key != answers_key(draft.answers),
        "email_form": EmailForm(),
        "logged_in": draft.simulation is not None,
        "provenance": provenance(answers=draft.answers, sources=draft.sources, result=draft.result),
    }
    return render(request, "simulator/results.html", context)


@require_GET
def results_download(request: HttpRequest) -> HttpResponse:
    draft, view = _stored(request)
    if view is None:
        # A link to a file that does not exist yet: say so, and where to start, rather than redirect
        # a download to a page.
        context = {"has_answers": any(not key.startswith("_") for key in draft.answers)}
        return render(request, "simulator/no_results_pdf.html", context, status=404)
    response = HttpResponse(results_pdf(view=view), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mes-droits-simulation.pdf"'
    return response


RECAP_EMAIL_REFUSED = (
    "Trop de récapitulatifs ont été demandés depuis cet appareil ou vers cette adresse : "
    "aucun courriel n'a été envoyé. Réessayez plus tard, ou téléchargez la synthèse en PDF."
)


@require_POST
def results_email(request: HttpRequest) -> HttpResponse:
    draft, view = _stored(request)
    form = EmailForm(request.POST)
    if view is None:
        return redirect("simulator:recap")
    status = 400
    if form.is_valid():
        refused_by = recap_email_refused_by(request=request, email=form.cleaned_data["email"])
        if refused_by is None:
            return _results_email_send(request, draft=draft, email=form.cleaned_data["email"])
        logger.warning("Recap e-mail refused: the per-%s limit is reached", refused_by)
        form.add_error(None, RECAP_EMAIL_REFUSED)
        status = 429
    context = {
        "view": view,
        "stale": False,
        "email_form": form,
        "logged_in": draft.simulation is not None,
    }
    return render(request, "simulator/results.html", context, status=status)


def _results_email_send(request: HttpRequest, *, draft, email: str) -> HttpResponse:
    simulation = services.resume_link_create(draft=draft)
    url = request.build_absolute_uri(reverse("simulator:resume", args=[simulation.token]))
    services.results_email_send(draft=draft, email=email, resume_url=url)
    messages.success(
        request, "Le récapitulatif vous a été envoyé, avec un lien pour reprendre votre simulation."
    )
    return redirect("simulator:results")


@require_http_methods(["GET", "POST"])
def error_report(request: HttpRequest) -> HttpResponse:
    draft, view = _stored(request)
    if view is None:
        return redirect("simulator:recap")
    form = ErrorReportForm(
        request.POST or None, benefits=_report_choices(view), initial=_report_initial(request, view)
    )
    if request.method == "POST" and form.is_valid():
        try:
            situation, _ = situation_from_answers(draft.answers, month=draft.result["month"])
        except AnswersIncomplete:
            # The screening's filled-in values; the report keeps the screened result beside it.
            try:
                situation, _ = situation_with_unknowns(draft.answers, month=draft.result["month"])
            except AnswersIncomplete:
                messages.info(request, "Indiquez d'abord votre commune : les aides en dépendent.")
                return redirect("simulator:commune")
        services.error_report_create(
            situation=situation.model_dump(mode="json"), result=draft.result, **form.cleaned_data
        )
        messages.success(request, "Merci : votre signalement a été enregistré, sans ce qui vous identifie.")
        return redirect("simulator:results")
    return render(request, "simulator/error_report.html", {"form": form}, status=400 if form.errors else 200)


def _report_choices(view) -> list[tuple[str, str]]:
    return [(line.key, line.label) for line in view.all_lines()]


def _report_initial(request: HttpRequest, view) -> dict:
    """``?aide=<key>`` selects a benefit of the result (the link from "Montant inattendu ?")."""
    key = request.GET.get("aide", "")
    return {"benefit_key": key} if view.line(key) is not None else {}


@require_GET
def unexpected_amount(request: HttpRequest, key: str) -> HttpResponse:
    """ "Montant inattendu ?": why the amount paid may differ, then the report form for this benefit."""
    _, view = _stored(request)
    if view is None:
        return redirect("simulator:recap")
    line = view.line(key)
    if line is None:
        raise Http404("Cette aide ne fait pas partie de vos résultats.")
    context = {
        "line": line,
        "reasons": unexpected_amount_reasons(key, month=view.month),
        "assumptions": view.assumptions,
        "form": ErrorReportForm(benefits=_report_choices(view), initial={"benefit_key": key}),
    }
    return render(request, "simulator/unexpected_amount.html", context)
