"""The citizen's "Mon compte": who FranceConnect says they are, and their GDPR rights."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import citizen_required


@citizen_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html", {"identity": getattr(request.user, "identity", None)})
