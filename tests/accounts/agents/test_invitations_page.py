"""The page /agents/invitations/: an administrator invites agents of their own organism."""

from django.core import mail

from accounts.models import User
from agencies.models import AgentMembership

URL = "/agents/invitations/"


def test_admin_sees_the_form_and_the_agents_of_their_organism(alice_client, claire, sofia):
    response = alice_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Inviter un agent — CAF" in html
    assert claire.email in html
    assert sofia.email not in html
    assert "«UNDEFINED" not in html


def test_admin_invites_into_their_own_agency_and_one_e_mail_is_sent(
    alice_client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(URL, {"email": "bruno@caf.example", "agency": "cpam"})

    assert response.status_code == 302
    assert response["Location"] == URL
    membership = AgentMembership.objects.get(user__email="bruno@caf.example")
    assert (membership.agency, membership.role, membership.invited_by) == ("caf", "agent", alice)
    assert len(mail.outbox) == 1
    assert "L&#x27;invitation a été envoyée à bruno@caf.example." in alice_client.get(URL).content.decode()


def test_admin_cannot_take_an_agent_of_another_agency(
    alice_client, sofia, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(URL, {"email": sofia.email})

    assert response.status_code == 400
    assert "déjà celle d&#x27;un agent d&#x27;un autre organisme" in response.content.decode()
    assert AgentMembership.objects.get(user=sofia).agency == "france_travail"
    assert mail.outbox == []


def test_non_admin_agent_gets_403(claire_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = claire_client.post(URL, {"email": "bruno@caf.example"})

    assert response.status_code == 403
    assert "Accès réservé aux administrateurs" in response.content.decode()
    assert not User.objects.filter(email="bruno@caf.example").exists()
    assert mail.outbox == []


def test_anonymous_is_sent_to_the_agent_login(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/agents/compte/login/?next=/agents/invitations/"
