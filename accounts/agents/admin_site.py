"""Django's admin behind the agents' door: allauth's login, TOTP required, the bounded lock-out.

Django's own admin login checks a password only, with no second factor and no throttling, and any
`is_staff` account could read every person's data through it. Here the admin has no login form of
its own: it sends people to the agents' login (e-mail, password, TOTP, lock-out) and opens only to
an active staff agent whose session passed TOTP. It is off (404) unless ADMIN_ENABLED is set.
"""

import logging
from functools import wraps

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from accounts.agents import selectors
from accounts.agents.decorators import forbidden
from accounts.models import User

logger = logging.getLogger("accounts.agents")


def _is_staff_agent(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff and user.kind == User.Kind.AGENT


class AgentAdminSite(AdminSite):
    site_header = "Mes Droits — administration"
    site_title = "Mes Droits — administration"
    index_title = "Administration"

    def has_permission(self, request: HttpRequest) -> bool:
        return (
            settings.ADMIN_ENABLED
            and _is_staff_agent(request.user)
            and selectors.session_is_mfa_authenticated(request=request)
        )

    def admin_view(self, view, cacheable: bool = False):
        guarded = super().admin_view(view, cacheable)

        @wraps(guarded)
        def enabled_only(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            # Read at each request (not when the URLs are built), so the setting is what it says now.
            if not settings.ADMIN_ENABLED:
                raise Http404
            return guarded(request, *args, **kwargs)

        return enabled_only

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """No password form here: each step is the agents' one, then back to the admin page asked for."""
        if not settings.ADMIN_ENABLED:
            raise Http404
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url, reverse("account_login"))
        if not _is_staff_agent(user):
            logger.warning("admin refused: not a staff agent user=%s", user.pk)
            return forbidden(
                request,
                title="Administration réservée",
                message="L'administration de Mes Droits est réservée aux agents habilités par l'exploitant "
                "du service.",
            )
        if not selectors.agent_has_totp(user=user):
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        if not selectors.session_is_mfa_authenticated(request=request):
            return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
        return HttpResponseRedirect(next_url)
