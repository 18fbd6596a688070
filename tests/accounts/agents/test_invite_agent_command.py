"""`manage.py invite_agent`: bootstraps an organism's first administrator."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from agencies.models import AgentMembership


def test_it_invites_the_first_admin_of_an_organism(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("invite_agent", email="Paule@CPAM.example", agency="cpam", admin=True)

    membership = AgentMembership.objects.get(user__email="paule@cpam.example")
    assert (membership.agency, membership.role, membership.invited_by) == ("cpam", "admin", None)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["paule@cpam.example"]


def test_it_promotes_an_existing_agent_of_the_same_organism_without_duplicating(
    claire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("invite_agent", email=claire.email, agency="caf", admin=True)

    assert AgentMembership.objects.get(user=claire).role == "admin"
    assert AgentMembership.objects.filter(user__email=claire.email).count() == 1
    assert len(mail.outbox) == 1


def test_it_refuses_an_agent_of_another_organism(sofia):
    with pytest.raises(CommandError, match="autre organisme"):
        call_command("invite_agent", email=sofia.email, agency="caf", admin=True)

    assert AgentMembership.objects.get(user=sofia).agency == "france_travail"
    assert mail.outbox == []


def test_it_refuses_an_unknown_organism(db):
    with pytest.raises(CommandError):
        call_command("invite_agent", email="x@example.org", agency="nasa")

    assert not AgentMembership.objects.exists()
