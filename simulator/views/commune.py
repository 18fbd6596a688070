"""The one fact the rights page asks first when no agency gave it: where the person lives."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import citizen_required
from simulator import services
from simulator.communes import commune_by_code, communes_search


@citizen_required
@require_http_methods(["GET", "POST"])
def commune(request: HttpRequest) -> HttpResponse:
    query = (request.POST.get("commune_query") or "").strip()[:80]
    chosen = commune_by_code(request.POST.get("depcom", "")) if request.method == "POST" else None
    candidates = communes_search(query) if query else []
    if chosen is None and len(candidates) == 1:
        chosen = candidates[0]
    if chosen is not None:
        services.simulation_commune_set(user=request.user, depcom=chosen.code, query=query or chosen.code)
        messages.success(request, f"Commune enregistrée : {chosen.name}. Vos droits sont en cours de calcul.")
        return redirect("rights:overview")
    error = ""
    if request.method == "POST":
        error = (
            "Choisissez votre commune dans la liste."
            if candidates
            else "Aucune commune ne correspond. Vérifiez le code postal ou le nom."
        )
    context = {"query": query, "candidates": candidates, "error": error}
    return render(request, "simulator/commune.html", context, status=400 if error else 200)
