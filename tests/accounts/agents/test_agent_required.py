"""The gate `agent_required` of every back-office page, seen through the home page /agents/."""

from django.http import HttpResponse
from django.test import RequestFactory

from accounts.agents.decorators import agent_required
from agencies.models import AgentMembership

URL = "/agents/"


def test_agent_home_shows_their_organism(claire_client):
    response = claire_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Caisse d&#x27;allocations familiales (CAF)" in html
    assert "Inviter un agent" not in html
    assert "«UNDEFINED" not in html


def test_admin_home_links_to_invitations(alice_client):
    response = alice_client.get(URL)

    assert response.status_code == 200
    assert "/agents/invitations/" in response.content.decode()


def test_citizen_gets_403(client, camille):
    client.force_login(camille)

    response = client.get(URL)

    assert response.status_code == 403
    assert "Espace réservé aux agents" in response.content.decode()


def test_agent_without_membership_gets_403(claire_client, claire):
    AgentMembership.objects.filter(user=claire).delete()

    response = claire_client.get(URL)

    assert response.status_code == 403
    assert "rattaché à aucun organisme" in response.content.decode()


def test_deactivated_agent_loses_access(claire_client, claire):
    claire.is_active = False
    claire.save()

    response = claire_client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/agents/compte/login/")


def test_it_gives_the_view_the_membership(claire_client, claire):
    seen = {}

    @agent_required
    def view(request):
        seen["membership"] = request.agent_membership
        return HttpResponse("ok")

    request = RequestFactory().get(URL)
    request.user = claire
    request.session = claire_client.session

    response = view(request)

    assert response.status_code == 200
    assert seen["membership"] == AgentMembership.objects.get(user=claire)
