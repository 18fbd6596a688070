"""One fact at a time, answered on the spot: the screening's deciding questions (see
``simulator.questions``), posted from the rights page's "À vérifier" cards or from this page."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts.decorators import citizen_required
from simulator import selectors, services
from simulator.questions import COMMUNE, QUESTION_FORMS, question_form


@citizen_required
@require_http_methods(["GET", "POST"])
def situation(request: HttpRequest, key: str) -> HttpResponse:
    if key == COMMUNE:
        return redirect("simulator:commune")
    if key not in QUESTION_FORMS:
        raise Http404
    back = _back_url(request)
    if request.method == "POST":
        form = question_form(key, data=request.POST)
        if form.is_valid():
            services.simulation_facts_give(user=request.user, given=form.given())
            messages.success(request, "Réponse enregistrée. Vos droits sont en cours de calcul.")
            return redirect(back)
    else:
        simulation = selectors.simulation_for_user(user=request.user)
        form = question_form(key, answers=simulation.answers if simulation else {})
    context = {"form": form, "key": key, "back": back}
    return render(request, "simulator/situation.html", context, status=400 if form.errors else 200)


def _back_url(request: HttpRequest) -> str:
    """Where the question was asked (the rights page of a domain), else the rights overview."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse("rights:overview")
