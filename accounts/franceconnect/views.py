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


# OAuth 2.0 / OpenID Connect error codes (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) that mean the person
# stopped or could not be identified; any other code is the provider refusing our request, i.e. the
# service's configuration (scopes not authorised in the partner space, wrong client, redirect URI...).
_PERSON_ERRORS = {"access_denied", "login_required", "consent_required", "interaction_required"}
_PROVIDER_DOWN_ERRORS = {"server_error", "temporarily_unavailable"}


def _provider_error(request: HttpRequest, *, error: str) -> HttpResponse:
    """The page for FranceConnect's error callback, and a log line that says whose problem it is."""
    # The code and description are FranceConnect's protocol text, never personal data; the code is
    # cut short because anyone can forge this callback.
    error, description = error[:64], request.GET.get("error_description", "")[:200]
    if error in _PERSON_ERRORS:
        logger.warning("FranceConnect login not completed by the person: %s — %s", error, description)
        return render(request, "accounts/franceconnect_error.html", {"cancelled": True})
    if error in _PROVIDER_DOWN_ERRORS:
        logger.error("FranceConnect login failed, provider error: %s — %s", error, description)
        return render(request, "accounts/franceconnect_error.html", {"unavailable": True}, status=503)
    logger.error(
        "FranceConnect refused the login: configuration problem of this service (%s — %s); check the "
        "client, redirect URI and the scopes authorised in the partner space against FRANCECONNECT_SCOPES",
        error,
        description,
    )
    return render(
        request, "accounts/franceconnect_error.html", {"misconfigured": True, "error": error}, status=503
    )


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
        if entry is not None:
            # Saved now: the session middleware does not save on a 5xx answer, such as a provider error.
            request.session.save()
        if request.GET.get("error"):
            return _provider_error(request, error=request.GET["error"])
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
