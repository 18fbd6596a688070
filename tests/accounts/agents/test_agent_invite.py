"""The service `agent_invite`: an administrator invites an agent into their own organism."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.agents.services import InvitationRefused, agent_invite
from accounts.models import User
from agencies.models import AgentMembership
from tests.accounts.agents.conftest import LOGIN_URL, MFA_URL


def _invite(django_capture_on_commit_callbacks, **kwargs) -> User:
    with django_capture_on_commit_callbacks(execute=True):
        return agent_invite(**kwargs)


def test_it_creates_an_agent_in_the_admin_agency_and_sends_one_e_mail(
    alice, django_capture_on_commit_callbacks
):
    user = _invite(django_capture_on_commit_callbacks, email=" Bruno@CAF.example ", agency_admin=alice)

    assert user.email == "bruno@caf.example"
    assert user.kind == User.Kind.AGENT
    assert not user.has_usable_password()
    membership = AgentMembership.objects.get(user=user)
    assert (membership.agency, membership.role, membership.invited_by) == ("caf", "agent", alice)
    assert EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bruno@caf.example"]
    assert "invitation" in message.subject
    assert "/agents/compte/password/reset/key/" in message.body
    assert "Caisse d'allocations familiales (CAF)" in message.body


def test_re_invite_sends_again_without_duplicating(alice, django_capture_on_commit_callbacks):
    first = _invite(django_capture_on_commit_callbacks, email="bruno@caf.example", agency_admin=alice)
    second = _invite(django_capture_on_commit_callbacks, email="BRUNO@caf.example", agency_admin=alice)

    assert first.pk == second.pk
    assert User.objects.filter(email__iexact="bruno@caf.example").count() == 1
    assert AgentMembership.objects.filter(user=first).count() == 1
    assert EmailAddress.objects.filter(user=first).count() == 1
    assert len(mail.outbox) == 2


def test_non_admin_agent_cannot_invite(claire, django_capture_on_commit_callbacks):
    with pytest.raises(InvitationRefused, match="administrateur"):
        _invite(django_capture_on_commit_callbacks, email="bruno@caf.example", agency_admin=claire)

    assert not User.objects.filter(email="bruno@caf.example").exists()
    assert mail.outbox == []


def test_citizen_e_mail_is_refused(alice, camille, django_capture_on_commit_callbacks):
    with pytest.raises(InvitationRefused, match="compte usager"):
        _invite(django_capture_on_commit_callbacks, email=camille.email, agency_admin=alice)

    assert User.objects.get(pk=camille.pk).kind == User.Kind.CITIZEN
    assert not AgentMembership.objects.filter(user=camille).exists()
    assert mail.outbox == []


def test_agent_of_another_agency_is_refused(alice, sofia, django_capture_on_commit_callbacks):
    with pytest.raises(InvitationRefused, match="autre organisme"):
        _invite(django_capture_on_commit_callbacks, email=sofia.email, agency_admin=alice)

    membership = AgentMembership.objects.get(user=sofia)
    assert (membership.agency, membership.role, membership.invited_by) == ("france_travail", "agent", None)
    assert mail.outbox == []


def test_invalid_e_mail_is_refused(alice, django_capture_on_commit_callbacks):
    with pytest.raises(InvitationRefused, match="adresse e-mail valide"):
        _invite(django_capture_on_commit_callbacks, email="pas-une-adresse", agency_admin=alice)

    assert mail.outbox == []


def test_invitation_link_sets_the_password_once_and_the_agent_can_log_in(
    client, alice, django_capture_on_commit_callbacks
):
    _invite(django_capture_on_commit_callbacks, email="bruno@caf.example", agency_admin=alice)
    link = re.search(r"https?://\S+/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert "Choisir votre mot de passe" in form_page.content.decode()
    password = "Un-mot-de-passe-choisi-2025"
    response = client.post(form_page.redirect_chain[-1][0], {"password1": password, "password2": password})
    assert response.status_code == 302

    reused = client.get(path, follow=True)
    assert "Lien invalide ou expiré" in reused.content.decode()
    response = client.post(LOGIN_URL, {"login": "bruno@caf.example", "password": password})
    assert response.status_code == 302
    assert response["Location"] != MFA_URL  # no TOTP yet: logged in, then sent to set it up
    assert client.get("/agents/")["Location"] == "/agents/compte/2fa/totp/activate/"
