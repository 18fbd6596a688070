"""The public statistics page, and the counted way out to an agency's procedure."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rights.catalogue import benefits
from stats import selectors
from stats.models import DailyCount
from stats.presentation import THRESHOLD, stats_page
from stats.services import event_count_or_log


@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    """Reads the latest snapshot; computes nothing (a periodic task does)."""
    snapshot = selectors.snapshot_latest()
    page = stats_page(snapshot) if snapshot is not None else None
    return render(request, "stats/stats.html", {"page": page, "threshold": THRESHOLD})


@require_GET
def procedure(request: HttpRequest, key: str) -> HttpResponse:
    """ "Faire la demande": count the click, then go to the catalogue's procedure for the organism.

    Only the catalogue's own addresses are reachable from here (no open redirect); an unknown or
    missing organism falls back to the benefit's first procedure.
    """
    entry = benefits().get(key)
    if entry is None:
        raise Http404("prestation inconnue")
    organism = request.GET.get("organisme", "")
    if organism not in entry.procedures:
        organism = next(iter(entry.procedures))
    event_count_or_log(DailyCount.Event.PROCEDURE_CLICK, f"{organism}:{key}")
    return HttpResponseRedirect(str(entry.procedures[organism]))
