"""django-allauth adapter for agency agents: e-mail + password + TOTP, no self-signup.

allauth serves only agents here; citizens log in with FranceConnect (accounts.franceconnect), so a
citizen's credentials never open a session through this adapter.
"""

import logging
import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import reverse

from accounts.agents import selectors
from accounts.models import User

logger = logging.getLogger("accounts.agents")


def _login_of(credentials: dict[str, Any]) -> str:
    # Only the identifier is ever logged, never the password.
    return str(credentials.get("email") or credentials.get("username") or "")


class AgentAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "L'adresse e-mail ou le mot de passe est incorrect.",
        "too_many_login_attempts": (
            "Trop de tentatives de connexion ont échoué pour ce compte. Par sécurité, la connexion est "
            "suspendue pendant 15 minutes au plus. Vous pouvez aussi réinitialiser votre mot de passe "
            "par e-mail."
        ),
        "account_inactive": "Ce compte est désactivé. Contactez l'administrateur de votre organisme.",
        "incorrect_code": "Code incorrect.",
        "rate_limited": "Trop de demandes en peu de temps. Patientez un instant avant de réessayer.",
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Agents are invited by their organism's administrator (accounts.agents.services.agent_invite).
        return False

    def format_email_subject(self, subject: str) -> str:
        # Our subjects already start with "Mes Droits"; allauth would prefix the request's domain.
        return subject.strip()

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return resolve_url(settings.AGENT_LOGIN_REDIRECT_URL)

    def get_logout_redirect_url(self, request: HttpRequest) -> str:
        return reverse("account_login")

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            logger.warning(
                "agent login refused: too many failed attempts (locked out) login=%r ip=%s",
                _login_of(credentials),
                self.get_client_ip(request),
            )
            raise

    def authenticate(self, request: HttpRequest, **credentials: Any) -> User | None:
        user = super().authenticate(request, **credentials)
        if user is not None and user.kind != User.Kind.AGENT:
            # Same answer as a wrong password, so the form does not reveal that a citizen account exists.
            logger.warning(
                "agent login refused: not an agent account login=%r ip=%s",
                _login_of(credentials),
                self.get_client_ip(request),
            )
            return None
        return user

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        logger.warning(
            "agent login failed: wrong e-mail or password login=%r ip=%s",
            _login_of(credentials),
            self.get_client_ip(request),
        )

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        if app == "allauth.mfa" and _is_first_totp_enrolment(context.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def send_password_reset_mail(self, user: User, email: str, context: dict[str, Any]) -> None:
        # The reset form is the agents' one: a citizen has no password to reset here.
        if user.kind != User.Kind.AGENT:
            logger.info("password reset not sent: not an agent account user=%s", user.pk)
            return
        super().send_password_reset_mail(user, email, context)


def _is_first_totp_enrolment(request: HttpRequest | None) -> bool:
    """An agent who has just typed their password and has no TOTP yet may set it up without typing it again.

    allauth counts only explicit re-authentications as fresh; a first login is forced straight to
    the TOTP set-up, so asking for the password a second time there would only add friction.
    """
    if request is None or not request.user.is_authenticated or request.user.kind != User.Kind.AGENT:
        return False
    if selectors.agent_has_totp(user=request.user):
        return False
    recent = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
    return any(
        record.get("method") == "password" and record.get("at", 0) > recent
        for record in get_authentication_records(request, request.user)
    )
