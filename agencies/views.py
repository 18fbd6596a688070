"""Screens of "Mes données": consent, fetch progress, data received, access history."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import citizen_required
from agencies import selectors
from agencies.forms import ConsentForm
from agencies.models import FetchRun
from agencies.services.consent import consent_grant, consent_revoke
from agencies.services.fetch import fetch_run_start
from agencies.services.journal import journal_record


@citizen_required
@require_GET
def after_login(request: HttpRequest) -> HttpResponse:
    """Where FranceConnect sends a citizen: consent first, then a fetch with the fresh FC token."""
    if not selectors.has_active_consent(user=request.user):
        return redirect("agencies:consent")
    run = fetch_run_start(user=request.user, france_connect_token=request.session.get("oidc_access_token"))
    return redirect("agencies:progress", run_id=run.pk)


@citizen_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest) -> HttpResponse:
    views = selectors.sources_for_user(user=request.user)
    initial = {f"source_{v.source.code}": bool(v.consent and v.consent.is_active) for v in views}
    identifier = next(
        (v.consent.identifier for v in views if v.consent and v.source.code == "france_travail"), ""
    )
    form = ConsentForm(request.POST or None, initial={**initial, "france_travail_identifier": identifier})
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen_sources()
        for view in views:
            code = view.source.code
            if code in chosen:
                consent_grant(
                    user=request.user,
                    source=code,
                    identifier=form.cleaned_data["france_travail_identifier"]
                    if code == "france_travail"
                    else "",
                )
            elif view.consent and view.consent.is_active:
                consent_revoke(user=request.user, source=code)
        if not chosen:
            return redirect("agencies:data")
        run = fetch_run_start(
            user=request.user, france_connect_token=request.session.get("oidc_access_token")
        )
        return redirect("agencies:progress", run_id=run.pk)
    return render(request, "agencies/consent.html", {"form": form, "sources": views})


def _own_run(request: HttpRequest, run_id: int) -> FetchRun:
    try:
        return selectors.fetch_run_for_user(user=request.user, run_id=run_id)
    except FetchRun.DoesNotExist as e:
        raise Http404 from e


@citizen_required
@require_GET
def progress(request: HttpRequest, run_id: int) -> HttpResponse:
    return render(request, "agencies/progress.html", {"run": _own_run(request, run_id)})


@citizen_required
@require_GET
def progress_json(request: HttpRequest, run_id: int) -> JsonResponse:
    run = _own_run(request, run_id)
    return JsonResponse({"status": run.status, "progress": run.progress})


@citizen_required
@require_GET
def data(request: HttpRequest) -> HttpResponse:
    views = selectors.sources_for_user(user=request.user)
    for view in views:
        if any(d.data for d in view.datasets):
            journal_record(
                person_id=request.user.pk, actor=f"citizen:{request.user.pk}", source=view.source.code,
                endpoint="page Mes données", purpose="affichage à la personne", outcome="displayed",
            )  # fmt: skip
    return render(request, "agencies/data.html", {"sources": views})


@citizen_required
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    run = fetch_run_start(
        user=request.user,
        france_connect_token=request.session.get("oidc_access_token"),
        purpose="mise à jour demandée",
    )
    return redirect("agencies:progress", run_id=run.pk)


@citizen_required
@require_POST
def revoke(request: HttpRequest, source: str) -> HttpResponse:
    if source not in {v.source.code for v in selectors.sources_for_user(user=request.user)}:
        raise Http404
    consent_revoke(user=request.user, source=source)
    return redirect("agencies:data")


@citizen_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    return render(
        request, "agencies/history.html", {"lines": selectors.journal_lines_for_person(user=request.user)}
    )
