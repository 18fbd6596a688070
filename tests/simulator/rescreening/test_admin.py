"""The runs in the admin: progress and members per second, read-only."""

import pytest
from django.core.cache import cache

from accounts.agents.services import agent_admin_access_set
from tests.accounts.agents.conftest import agent_create, agent_login
from tests.simulator.rescreening.conftest import run_to_the_end


@pytest.fixture
def staff_client(client, db, settings):
    settings.ADMIN_ENABLED = True
    cache.clear()  # allauth's login rate limits
    agent = agent_create(
        first_name="Alice",
        email="alice@caf.example",
        agency="caf",
        role="admin",
        totp_secret="JBSWY3DPEHPK3PXP",
    )
    agent_admin_access_set(email=agent.email, granted=True)
    agent_login(client, agent)
    return client


@pytest.mark.django_db
def test_a_run_shows_its_progress_and_rate_and_cannot_be_changed(walked, staff_client):
    walked("nom_composé")
    run = run_to_the_end()

    listing = staff_client.get("/admin/simulator/screeningrun/")
    page = staff_client.get(f"/admin/simulator/screeningrun/{run.pk}/change/")

    assert listing.status_code == 200
    assert "1 / 1 lots" in listing.content.decode()
    assert page.status_code == 200
    assert "Membres/s par worker" in page.content.decode()
    assert staff_client.post(f"/admin/simulator/screeningrun/{run.pk}/change/", {}).status_code == 403
    assert staff_client.get("/admin/simulator/screeningrun/add/").status_code == 403
    assert (
        staff_client.post(f"/admin/simulator/screeningrun/{run.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
