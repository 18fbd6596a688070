"""No self-signup: agents are invited by their organism's administrator."""

from django.test import RequestFactory

from accounts.agents.adapter import AgentAccountAdapter
from accounts.models import User


def test_signup_page_answers_403_in_french(client, db):
    response = client.get("/agents/compte/signup/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "Pas d'inscription en ligne" in html
    assert "«UNDEFINED" not in html


def test_signup_post_creates_no_account(client, db):
    response = client.post(
        "/agents/compte/signup/",
        {
            "email": "intrus@example.org",
            "password1": "Un-mot-de-passe-42!",
            "password2": "Un-mot-de-passe-42!",
        },
    )

    assert response.status_code == 403
    assert not User.objects.filter(email="intrus@example.org").exists()


def test_adapter_is_closed_for_signup():
    assert AgentAccountAdapter().is_open_for_signup(RequestFactory().get("/")) is False


def test_e_mail_management_is_not_offered_to_agents(claire_client):
    response = claire_client.get("/agents/compte/email/")

    assert response.status_code == 403
    assert "Fonction indisponible" in response.content.decode()
