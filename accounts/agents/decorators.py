"""Gates of the agencies' back-office (everything under /agents/).

A page of the back-office opens only to a logged-in, active agent who passed TOTP in this session
and belongs to an organism. The view then finds the membership on `request.agent_membership`.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from accounts.agents import selectors
from accounts.models import User
from agencies.models import AgentMembership

View = Callable[..., HttpResponse]


def forbidden(request: HttpRequest, *, title: str, message: str) -> HttpResponse:
    return render(request, "agents/forbidden.html", {"title": title, "message": message}, status=403)


def _agent_gate(request: HttpRequest) -> HttpResponse | None:
    """None when the request may enter the back-office, else the answer that sends it elsewhere."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("account_login"))
    if user.kind != User.Kind.AGENT:
        return forbidden(
            request,
            title="Espace réservé aux agents",
            message="Cet espace est réservé aux agents des organismes. Les usagers se connectent avec "
            "FranceConnect depuis l'accueil.",
        )
    if not selectors.agent_has_totp(user=user):
        # First login (or TOTP removed): the agent sets up the authenticator before anything else.
        return HttpResponseRedirect(reverse("mfa_activate_totp"))
    if not selectors.session_is_mfa_authenticated(request=request):
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")
    membership = selectors.agent_membership_get(user=user)
    if membership is None:
        return forbidden(
            request,
            title="Compte non rattaché",
            message="Votre compte n'est rattaché à aucun organisme. Contactez l'administrateur de votre "
            "organisme.",
        )
    request.agent_membership = membership
    return None


def agent_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        refusal = _agent_gate(request)
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    return wrapper


def agency_admin_required(view: View) -> View:
    """`agent_required`, and the agent administers their organism."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        refusal = _agent_gate(request)
        if refusal is not None:
            return refusal
        if request.agent_membership.role != AgentMembership.Role.ADMIN:
            return forbidden(
                request,
                title="Accès réservé aux administrateurs",
                message="Seul l'administrateur de votre organisme peut inviter des agents.",
            )
        return view(request, *args, **kwargs)

    return wrapper


class AgentRequiredMixin:
    """`agent_required` for class-based views."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        refusal = _agent_gate(request)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)
