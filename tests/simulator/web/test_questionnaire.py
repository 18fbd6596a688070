"""The questionnaire for an anonymous person: the steps in order, back and forth, the recap."""

import pytest

from tests.simulator.conftest import hugo_answers, melissandre_answers
from tests.simulator.web.helpers import answer, answer_all, no_simulation_kept, session_answers

pytestmark = pytest.mark.django_db


def test_it_goes_through_the_steps_in_the_mes_aides_order(client):
    answers = melissandre_answers()
    assert answer(client, "profil", answers["profil"])["Location"] == "/simulateur/etape/foyer/"
    assert answer(client, "foyer", answers["foyer"])["Location"] == "/simulateur/etape/enfants/"
    assert answer(client, "enfants", answers["enfants"])["Location"] == "/simulateur/etape/logement/"
    assert answer(client, "logement", answers["logement"])["Location"] == "/simulateur/etape/revenus/"
    assert answer(client, "revenus", answers["revenus"])["Location"] == "/simulateur/recapitulatif/"


def test_it_skips_the_children_step_without_children(client):
    answers = hugo_answers()
    answer(client, "profil", answers["profil"])
    assert answer(client, "foyer", answers["foyer"])["Location"] == "/simulateur/etape/logement/"


def test_going_back_keeps_the_answers_even_unfinished(client):
    answers = hugo_answers()
    answer_all(client, {"profil": answers["profil"], "foyer": answers["foyer"]})
    response = answer(client, "logement", {"commune_query": "75019"}, action="back")
    assert response["Location"] == "/simulateur/etape/foyer/"
    assert session_answers(client)["logement"] == {"commune_query": "75019"}
    page = client.get("/simulateur/etape/logement/").content.decode()
    assert 'value="75019"' in page
    assert "Paris 19e Arrondissement" in page  # the commune list is already filled


def test_the_recap_shows_every_answer_in_words(client):
    answer_all(client, hugo_answers())
    page = client.get("/simulateur/recapitulatif/").content.decode()
    assert "Demandeur·se d&#x27;emploi" in page
    assert "Paris 19e Arrondissement (75119)" in page
    assert "1240 €" in page


def test_the_recap_computes_and_the_results_page_reads_the_stored_result(
    client, django_assert_max_num_queries
):
    answer_all(client, hugo_answers())
    response = client.post("/simulateur/recapitulatif/")
    assert response.status_code == 302
    assert response["Location"] == "/simulateur/resultats/"
    with django_assert_max_num_queries(4):  # session read and save, alerts badge: nothing computed
        page = client.get("/simulateur/resultats/").content.decode()
    assert "Vous pourriez y avoir droit" in page
    assert "(estimation)" in page
    assert "Faire la demande" in page
    assert no_simulation_kept()  # anonymous: nothing stored in the database


def test_starting_again_forgets_the_answers(client):
    answer_all(client, hugo_answers())
    client.post("/simulateur/recommencer/")
    assert session_answers(client) == {}


def test_the_commune_lookup_answers_by_postcode_and_by_name(client):
    by_postcode = client.get("/simulateur/communes/", {"q": "20000"}).json()["communes"]
    assert [c["code"] for c in by_postcode] == ["2A004"]
    by_name = client.get("/simulateur/communes/", {"q": "saint-etienne"}).json()["communes"]
    assert by_name[0] == {
        "code": "42218",
        "nom": "Saint-Étienne",
        "codes_postaux": ["42000", "42100", "42230"],
    }


def test_the_nav_shows_the_simulator_to_everyone(client):
    assert 'href="/simulateur/"' in client.get("/").content.decode()
