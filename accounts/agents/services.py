"""Writes about agency agents: invitations by an organism's administrator, or by an operator.

An invited agent gets an account with no usable password and a link to choose one: allauth's
password-reset key, which stops working once a password is set (the token covers the password hash).
"""

import logging

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from agencies.models import AgentMembership
from agencies.registry import organisms

logger = logging.getLogger("accounts.agents")


class InvitationRefused(ValidationError):
    """The invitation cannot be made; the message is in French, for the person inviting."""


def agent_invite(*, email: str, agency_admin: User) -> User:
    """Invite an agent into the administrator's own organism, and e-mail them a set-password link.

    Idempotent on the e-mail: inviting again the same agent of the same organism sends the
    invitation again without creating anything.
    """
    membership = AgentMembership.objects.filter(user=agency_admin).first()
    if (
        agency_admin.kind != User.Kind.AGENT
        or not agency_admin.is_active
        or membership is None
        or membership.role != AgentMembership.Role.ADMIN
    ):
        raise InvitationRefused(
            "Seul un administrateur d'organisme peut inviter des agents.", code="not_admin"
        )
    return _agent_invite(
        email=email, agency=membership.agency, role=AgentMembership.Role.AGENT, invited_by=agency_admin
    )


def agent_invite_as_operator(*, email: str, agency: str, role: str) -> User:
    """Invite an agent (typically the first administrator of an organism) from the command line."""
    if agency not in organisms():
        raise InvitationRefused(f"Organisme inconnu : {agency}.", code="unknown_agency")
    if role not in AgentMembership.Role.values:
        raise InvitationRefused(f"Rôle inconnu : {role}.", code="unknown_role")
    return _agent_invite(email=email, agency=agency, role=role, invited_by=None)


def _agent_invite(*, email: str, agency: str, role: str, invited_by: User | None) -> User:
    email = _normalized_email(email)
    with transaction.atomic():
        user = _agent_get_or_create(email=email, agency=agency, role=role, invited_by=invited_by)
        transaction.on_commit(lambda: _invitation_send(user=user, agency=agency))
    logger.info(
        "agent invited user=%s agency=%s role=%s invited_by=%s",
        user.pk,
        agency,
        user.membership.role,
        invited_by.pk if invited_by else "operator",
    )
    return user


def _normalized_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as e:
        raise InvitationRefused("Saisissez une adresse e-mail valide.", code="invalid_email") from e
    if len(email) > User._meta.get_field("username").max_length:
        raise InvitationRefused("Cette adresse e-mail est trop longue.", code="invalid_email")
    return email


def _agent_get_or_create(*, email: str, agency: str, role: str, invited_by: User | None) -> User:
    existing = list(User.objects.select_for_update().filter(email__iexact=email))
    if any(user.kind != User.Kind.AGENT for user in existing):
        raise InvitationRefused(
            "Cette adresse e-mail est déjà celle d'un compte usager : utilisez l'adresse professionnelle "
            "de l'agent.",
            code="email_of_citizen",
        )
    if not existing:
        user = User(username=email, email=email, kind=User.Kind.AGENT)
        user.set_unusable_password()
        user.full_clean()
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        AgentMembership.objects.create(user=user, agency=agency, role=role, invited_by=invited_by)
        return user

    user = existing[0]
    membership = AgentMembership.objects.filter(user=user).first()
    if membership is None:
        AgentMembership.objects.create(user=user, agency=agency, role=role, invited_by=invited_by)
    elif membership.agency != agency:
        raise InvitationRefused(
            "Cette adresse e-mail est déjà celle d'un agent d'un autre organisme.", code="other_agency"
        )
    elif role == AgentMembership.Role.ADMIN and membership.role != role:
        # Only an operator asks for an administrator; an administrator's re-invitation never demotes.
        membership.role = role
        membership.save(update_fields=["role"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _invitation_link(*, user: User) -> str:
    key = default_token_generator.make_token(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key})
    return settings.SITE_URL.rstrip("/") + path


def _invitation_send(*, user: User, agency: str) -> None:
    context = {
        "organism": organisms()[agency],
        "link": _invitation_link(user=user),
        "login_url": settings.SITE_URL.rstrip("/") + reverse("account_login"),
        "timeout_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject = render_to_string("agents/email/invitation_subject.txt", context).strip()
    body = render_to_string("agents/email/invitation_message.txt", context)
    send_mail(subject, body, None, [user.email])


def agent_admin_access_set(*, email: str, granted: bool) -> User:
    """Let an invited agent into Django's admin (staff and superuser), or take it back.

    Only agents: the admin's door is the agents' login with TOTP (accounts.agents.admin_site), so an
    account that cannot pass it must not hold the keys either.
    """
    user = User.objects.filter(kind=User.Kind.AGENT, email__iexact=(email or "").strip()).first()
    if user is None:
        raise InvitationRefused(
            "Aucun compte agent n'a cette adresse : invitez-le d'abord (manage.py invite_agent).",
            code="unknown_agent",
        )
    user.is_staff = user.is_superuser = granted
    user.save(update_fields=["is_staff", "is_superuser"])
    logger.info("admin access %s user=%s", "granted" if granted else "revoked", user.pk)
    return user
