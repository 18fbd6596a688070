"""FranceConnect screens: the login page, the two legs of the code flow, and logout.

The protocol (token call, JWT checks, user lookup) is the backend's; these views only keep the
`state` one-time and short-lived, and turn refusals into a French page plus a precise log line.
"""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.views.decorators.http import require_GET, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.franceconnect.errors import FranceConnectError
from accounts.franceconnect.provider import provider_metadata

logger = logging.getLogger("accounts.franceconnect")


@require_GET
def login_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/login.html")


def _refused(
    request: HttpRequest, reason: str, *, cancelled: bool = False, status: int = 403
) -> HttpResponse:
    logger.warning("FranceConnect login refused: %s", reason)
    return render(request, "accounts/franceconnect_error.html", {"cancelled": cancelled}, status=status)


class FranceConnectRequestView(OIDCAuthenticationRequestView):
    """Sends the person to FranceConnect with a fresh `state` and `nonce` kept in their session."""

    def __init__(self, *args, **kwargs):  # the library reads the endpoint from settings at init
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_metadata().authorization_endpoint
        except FranceConnectError as e:
            logger.error("FranceConnect unavailable: %s", e)
            return render(request, "accounts/franceconnect_error.html", {"unavailable": True}, status=503)
        return super().get(request)


class FranceConnectCallbackView(OIDCAuthenticationCallbackView):
    def get(self, request):
        state = request.GET.get("state")
        entry = request.session.get("oidc_states", {}).pop(state, None) if state else None
        request.session.modified = True  # a state is usable once, whatever happens next
        if request.GET.get("error"):
            logger.warning(
                "FranceConnect error callback: %s — %s",
                request.GET["error"],
                request.GET.get("error_description", ""),
            )
            return _refused(request, f"provider error {request.GET['error']}", cancelled=True, status=200)
        if not state or not request.GET.get("code"):
            return _refused(request, "missing state or code")
        if entry is None:
            return _refused(request, "unknown or already used state")
        if time.time() - entry["added_on"] > settings.FRANCECONNECT_STATE_TTL_SECONDS:
            return _refused(request, "expired state")
        request.session.save()
        try:
            self.user = auth.authenticate(request=request, nonce=entry["nonce"], code_verifier=None)
        except FranceConnectError as e:
            return _refused(request, str(e))
        if self.user is None or not self.user.is_active:
            return _refused(request, "no active user for these claims")
        logger.info("FranceConnect login of user %s", self.user.pk)
        return self.login_success()


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """End the local session, then the FranceConnect one (`id_token_hint`, `state`)."""
    id_token = request.session.get("oidc_id_token")
    auth.logout(request)
    if not id_token:
        return redirect("home")
    try:
        end_session = provider_metadata().end_session_endpoint
    except FranceConnectError as e:
        logger.error("FranceConnect logout skipped, provider unavailable: %s", e)
        messages.warning(request, "Vous êtes déconnecté de Mes Droits. FranceConnect n'a pas pu être joint.")
        return redirect("home")
    state = get_random_string(43)
    request.session["franceconnect_logout_state"] = state
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": state,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("franceconnect_logout_return")),
        }
    )
    return HttpResponseRedirect(f"{end_session}?{query}")


@require_GET
def logout_return(request: HttpRequest) -> HttpResponse:
    expected = request.session.pop("franceconnect_logout_state", None)
    if expected and request.GET.get("state") == expected:
        messages.success(request, "Vous êtes déconnecté de Mes Droits et de FranceConnect.")
    else:
        logger.warning("FranceConnect logout return with an unexpected state")
        messages.info(request, "Vous êtes déconnecté de Mes Droits.")
    return redirect("home")
