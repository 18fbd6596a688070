"""Reads about agency agents."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import User
from agencies.models import AgentMembership


def agent_membership_get(*, user: User) -> AgentMembership | None:
    """The membership of an active agent, or None (citizen, deactivated user, no organism)."""
    if not user.is_authenticated or not user.is_active or user.kind != User.Kind.AGENT:
        return None
    return AgentMembership.objects.filter(user=user).first()


def agent_has_totp(*, user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_is_mfa_authenticated(*, request: HttpRequest) -> bool:
    """Whether this session's user passed a second factor, as recorded by allauth.

    allauth appends `{"method": "mfa", ...}` to the session's authentication records (bound to the
    user id) when a TOTP or recovery code is accepted at login or re-authentication; a password
    alone leaves only `{"method": "password"}`.
    """
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def agency_members_list(*, agency: str) -> QuerySet[AgentMembership]:
    return AgentMembership.objects.filter(agency=agency).select_related("user").order_by("user__email")
