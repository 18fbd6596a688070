"""The citizen's "Mon compte": who FranceConnect says they are, the devices they are logged in on,
and their GDPR rights."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import citizen_required
from accounts.selectors import connected_devices
from accounts.services import citizen_other_sessions_end


@citizen_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    devices = connected_devices(user=request.user, current_session_key=request.session.session_key)
    return render(
        request,
        "accounts/account.html",
        {"identity": getattr(request.user, "identity", None), "devices": devices},
    )


@citizen_required
@require_POST
def other_devices_logout(request: HttpRequest) -> HttpResponse:
    ended = citizen_other_sessions_end(user=request.user, current_session_key=request.session.session_key)
    if ended == 0:
        messages.info(request, "Vous n'étiez connecté sur aucun autre appareil.")
    elif ended == 1:
        messages.success(request, "L'autre appareil a été déconnecté. Vous restez connecté sur celui-ci.")
    else:
        messages.success(
            request, f"Les {ended} autres appareils ont été déconnectés. Vous restez connecté sur celui-ci."
        )
    return redirect("account")
