"""The person's inbox (/alertes/): notifications, read, archive, e-mail preferences."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import citizen_required
from alerts import selectors
from alerts.forms import PreferencesForm
from alerts.models import Notification
from alerts.services import inbox as services
from alerts.services.notify import email_address_of


def _own(request: HttpRequest, notification_id: int) -> Notification:
    try:
        return selectors.notification_of(user=request.user, notification_id=notification_id)
    except Notification.DoesNotExist as e:
        raise Http404 from e


@citizen_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    archived = request.GET.get("vue") == "archives"
    page = Paginator(selectors.inbox(user=request.user, archived=archived), 20).get_page(
        request.GET.get("page")
    )
    response = render(request, "alerts/inbox.html", {"page": page, "archived": archived})
    # "Faire la démarche" is a form (it marks the notification read) answered by a redirect to the
    # agency's procedure, and Chromium applies the page's CSP form-action to that redirect: this page
    # allows exactly the origins of the procedures it lists (django-csp's per-response update, the one
    # its csp_update decorator sets).
    origins = sorted({_origin(n.action_url) for n in page.object_list if _is_procedure_link(n.action_url)})
    if origins:
        response._csp_update = {"form-action": origins}
    return response


def _is_procedure_link(url: str) -> bool:
    return bool(url) and urlsplit(url).scheme in {"http", "https"}  # agencies' procedures, never scripts


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@citizen_required
@require_POST
def open_link(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark read, then go to the procedure the notification points at.

    A POST (with its CSRF token): opening changes the notification's state, which a GET must never do
    (link prefetchers, previews and crawlers follow GETs).
    """
    notification = _own(request, notification_id)
    services.notification_mark_read(notification=notification)
    if _is_procedure_link(notification.action_url):
        return redirect(notification.action_url)
    return redirect("alerts:inbox")


@citizen_required
@require_POST
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    services.notification_mark_read(notification=_own(request, notification_id))
    return redirect("alerts:inbox")


@citizen_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    return redirect("alerts:inbox")


@citizen_required
@require_POST
def archive(request: HttpRequest, notification_id: int) -> HttpResponse:
    services.notification_archive(notification=_own(request, notification_id))
    messages.success(request, "La notification a été archivée.")
    return redirect("alerts:inbox")


@citizen_required
@require_POST
def unarchive(request: HttpRequest, notification_id: int) -> HttpResponse:
    services.notification_unarchive(notification=_own(request, notification_id))
    return redirect(f"{reverse('alerts:inbox')}?vue=archives")


@citizen_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=selectors.email_preferences(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.email_preferences_set(user=request.user, categories=form.choices())
        messages.success(request, "Vos préférences ont été enregistrées.")
        return redirect("alerts:preferences")
    address = email_address_of(request.user)
    return render(request, "alerts/preferences.html", {"form": form, "address": address})
