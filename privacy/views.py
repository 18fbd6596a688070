"""GDPR screens under "Mon compte": download everything held about me, delete my account."""

from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import citizen_required
from privacy.deletion import account_delete
from privacy.export import personal_data_journal, personal_data_json, personal_data_pdf
from privacy.forms import DeletionForm


def _attachment(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@citizen_required
@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    personal_data_journal(user=request.user, what="export de mes données (JSON)")
    return _attachment(
        personal_data_json(user=request.user),
        content_type="application/json; charset=utf-8",
        filename="mes-donnees-mes-droits.json",
    )


@citizen_required
@require_GET
def export_pdf(request: HttpRequest) -> HttpResponse:
    personal_data_journal(user=request.user, what="export de mes données (PDF)")
    return _attachment(
        personal_data_pdf(user=request.user, base_url=request.build_absolute_uri("/")),
        content_type="application/pdf",
        filename="mes-donnees-mes-droits.pdf",
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    form = DeletionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        auth.logout(request)
        return redirect("privacy:deleted")
    context = {"form": form, "retention_days": settings.AGENCIES_JOURNAL_RETENTION_DAYS}
    return render(request, "privacy/delete.html", context, status=400 if form.errors else 200)


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    return render(
        request, "privacy/deleted.html", {"retention_days": settings.AGENCIES_JOURNAL_RETENTION_DAYS}
    )
