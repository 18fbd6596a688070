"""What the product does not keep otherwise is counted, without identity: logins, simulations, and
clicks to an agency's procedure (through /stats/demarche/, which only leads to the catalogue's own
addresses)."""

import re

import pytest
from django.test import Client

from rights.catalogue import benefit
from stats.models import DailyCount
from tests.simulator.conftest import hugo_answers
from tests.simulator.web.helpers import answer_all

pytestmark = pytest.mark.django_db


def counts() -> dict[tuple[str, str], int]:
    return {(row.event, row.key): row.count for row in DailyCount.objects.all()}


def test_a_citizens_login_is_counted(citizen_of, logged_in):
    user = citizen_of("nom_composé")
    logged_in(user)
    logged_in(user)
    assert counts() == {(DailyCount.Event.LOGIN_CITIZEN, ""): 2}


def test_an_agents_login_is_counted_apart(agent):
    Client().force_login(agent)
    assert counts() == {(DailyCount.Event.LOGIN_AGENT, ""): 1}


def test_an_anonymous_simulation_is_counted(client):
    answer_all(client, hugo_answers())
    assert counts() == {}  # answering is not simulating
    assert client.post("/simulateur/recapitulatif/").status_code == 302
    assert counts() == {(DailyCount.Event.SIMULATION_ANONYMOUS, ""): 1}


def test_an_incomplete_simulation_is_not_counted(client):
    assert client.post("/simulateur/recapitulatif/").status_code == 400
    assert counts() == {}


def test_a_click_to_a_procedure_is_counted_and_leads_to_the_agency(client):
    response = client.get("/stats/demarche/rsa/?organisme=msa")
    assert response.status_code == 302
    assert response["Location"] == str(benefit("rsa").procedures["msa"])
    assert counts() == {(DailyCount.Event.PROCEDURE_CLICK, "msa:rsa"): 1}


@pytest.mark.parametrize("organism", ["", "cnav", "https://example.com/"])
def test_an_unknown_organism_leads_to_the_benefits_first_procedure(client, organism):
    response = client.get("/stats/demarche/rsa/", {"organisme": organism})
    assert response.status_code == 302
    assert response["Location"] == str(benefit("rsa").procedures["caf"])
    assert counts() == {(DailyCount.Event.PROCEDURE_CLICK, "caf:rsa"): 1}


def test_an_unknown_benefit_is_not_found_and_not_counted(client):
    assert client.get("/stats/demarche/profil/").status_code == 404
    assert counts() == {}


def test_a_post_to_the_click_counter_is_refused(client):
    assert client.post("/stats/demarche/rsa/").status_code == 405
    assert counts() == {}


def test_the_results_faire_la_demande_goes_through_the_counter(client):
    answer_all(client, hugo_answers())
    client.post("/simulateur/recapitulatif/")
    page = client.get("/simulateur/resultats/").content.decode()
    links = re.findall(
        r'href="(/stats/demarche/([a-z0-9_]+)/\?organisme=([a-z_]*))"[^>]*>Faire la demande<', page
    )
    assert links
    url, key, organism = links[0]
    response = client.get(url.replace("&amp;", "&"))
    assert response["Location"] == str(benefit(key).procedures[organism])
    assert counts()[(DailyCount.Event.PROCEDURE_CLICK, f"{organism}:{key}")] == 1
