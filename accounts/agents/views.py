"""Pages of agents' accounts: the back-office home, invitations, and the allauth pages we adjust."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.agents import selectors, services
from accounts.agents.decorators import agency_admin_required, agent_required, forbidden
from accounts.agents.forms import InvitationForm
from agencies.registry import organism


@agent_required
def home(request: HttpRequest) -> HttpResponse:
    membership = request.agent_membership
    return render(
        request, "agents/home.html", {"membership": membership, "organism": organism(membership.agency)}
    )


@agency_admin_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    membership = request.agent_membership
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        try:
            invited = services.agent_invite(email=form.cleaned_data["email"], agency_admin=request.user)
        except services.InvitationRefused as e:
            form.add_error("email", e)
        else:
            messages.success(request, f"L'invitation a été envoyée à {invited.email}.")
            return redirect("agents:invitations")
    context = {
        "form": form,
        "organism": organism(membership.agency),
        "members": selectors.agency_members_list(agency=membership.agency),
    }
    return render(request, "agents/invitations.html", context, status=400 if form.errors else 200)


def signup_closed(request: HttpRequest) -> HttpResponse:
    return render(request, "account/signup_closed.html", status=403)


def feature_unavailable(request: HttpRequest) -> HttpResponse:
    return forbidden(
        request,
        title="Fonction indisponible",
        message="L'adresse e-mail d'un compte agent est gérée par l'administrateur de votre organisme.",
    )


class AgentActivateTOTPView(ActivateTOTPView):
    """allauth's TOTP activation, which also counts as this session's second factor.

    Entering a valid code from the new authenticator proves possession, so the agent goes on to the
    back-office without logging in a second time.
    """

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        authenticator = Authenticator.objects.get(user=self.request.user, type=Authenticator.Type.TOTP)
        # A valid code from the new authenticator is a second factor, and a fresh one: it also lets the
        # agent see the recovery codes allauth has just generated without re-authenticating.
        record_authentication(
            self.request,
            self.request.user,
            "mfa",
            type=authenticator.type,
            id=authenticator.pk,
            reauthenticated=True,
        )
        return response


totp_activate = AgentActivateTOTPView.as_view()
