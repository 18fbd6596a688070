"""Site-wide pages of the shell: home, health, the pages a public service must publish, and the
France services finder open to anyone."""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.health import health_report
from rights.catalogue import DOMAINS
from rights.forms import PostalCodeForm
from rights.france_services import ATTRIBUTION, commune_by_postal_code, nearest_sites


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body, status = health_report()
    return JsonResponse(body, status=status)


@require_GET
def personal_data(request: HttpRequest) -> HttpResponse:
    context = {
        "journal_retention_days": settings.AGENCIES_JOURNAL_RETENTION_DAYS,
        "resume_link_days": settings.SIMULATOR_RESUME_LINK_DAYS,
        **_session_lifetimes(),
    }
    return render(request, "portal/pages/personal_data.html", context)


@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    context = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "csrf_cookie_days": settings.CSRF_COOKIE_AGE // 86400,
        "messages_cookie": CookieStorage.cookie_name,
        **_session_lifetimes(),
    }
    return render(request, "portal/pages/cookies.html", context)


def _session_lifetimes() -> dict:
    return {
        "session_idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        "session_absolute_hours": settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS // 3600,
    }


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/pages/sitemap.html", {"domains": DOMAINS})


@require_GET
def help_nearby(request: HttpRequest) -> HttpResponse:
    """The nearest France services to a postcode, for anyone; a citizen gets their own page, which
    starts from the address the agencies know."""
    if request.user.is_authenticated and request.user.kind == "citizen":
        query = request.GET.urlencode()
        return redirect(reverse("rights:help_nearby") + (f"?{query}" if query else ""))
    form = PostalCodeForm(request.GET if "code_postal" in request.GET else None)
    commune = None
    if form.is_valid():
        commune = commune_by_postal_code(form.cleaned_data["code_postal"])
        if commune is None:
            form.add_error("code_postal", "Ce code postal ne correspond à aucune commune.")
    sites = nearest_sites(commune=commune, count=settings.RIGHTS_FRANCE_SERVICES_NEAREST) if commune else []
    context = {"form": form, "commune": commune, "origin": "", "sites": sites, "attribution": ATTRIBUTION}
    return render(request, "rights/help_nearby.html", context)
