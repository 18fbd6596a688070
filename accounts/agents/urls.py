"""Agents' account pages, mounted at /agents/compte/: allauth's, minus what agents must not use.

Every one of them refuses a citizen's session: allauth's pages only ask for *a* logged-in user, and a
FranceConnect session must not reach the agents' TOTP, recovery-code or password pages.
"""

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from accounts.agents import views
from accounts.agents.decorators import View, forbidden
from accounts.models import User


def _citizens_refused(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated and request.user.kind != User.Kind.AGENT:
            return forbidden(
                request,
                title="Espace réservé aux agents",
                message="Cet espace est réservé aux agents des organismes. Les usagers se connectent "
                "avec FranceConnect depuis l'accueil.",
            )
        return view(request, *args, **kwargs)

    return wrapper


def _guarded(patterns: list) -> list:
    """The same routes, each view behind `_citizens_refused` (allauth's own objects left untouched)."""
    guarded = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            guarded.append(
                URLResolver(
                    pattern.pattern,
                    _guarded(pattern.url_patterns),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        else:
            guarded.append(
                URLPattern(
                    pattern.pattern, _citizens_refused(pattern.callback), pattern.default_args, pattern.name
                )
            )
    return guarded


urlpatterns = _guarded(
    [
        # These come first and shadow allauth's views of the same path.
        path("signup/", views.signup_closed, name="agent_signup_closed"),
        path("email/", views.feature_unavailable, name="agent_email_unavailable"),
        path("2fa/totp/activate/", views.totp_activate, name="agent_totp_activate"),
        path("", include("allauth.urls")),
    ]
)
