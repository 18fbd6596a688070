"""The ASF depends on whether the other parent pays a pension alimentaire, which no agency gives: a
single parent who does not already receive it is asked, and the ASF stays "à vérifier" until then."""

from decimal import Decimal

import pytest

from rights.models import Right
from simulator.models import Simulation
from simulator.questionnaire.steps import SUBMITTED
from simulator.screening import ASSUMED, screen, situation_with_unknowns, unknowns_of
from simulator.services import simulation_prefill_and_compute
from tests.simulator.screening.test_answer_on_the_spot import _answer
from tests.simulator.screening.test_personas_flow import _walk
from tests.simulator.web.helpers import answer

OTHER_PARENT_URL = "/simulateur/ma-situation/other_parent/"


def single_parent_answers(**revenus) -> dict:
    """A single mother of two in Marseille as the CAF knows her, without the ASF (persona 1's shape)."""
    return {
        "profil": {"birth_date": "1981-07-27"},
        "foyer": {"couple": "seul", "children_count": "2"},
        "enfants": {
            "child_0_birth_date": "2018-12-01",
            "child_0_school_level": "primaire",
            "child_1_birth_date": "2014-12-01",
            "child_1_school_level": "college",
        },
        "logement": {"commune_query": "13013", "depcom": "13213"},
        "revenus": revenus,
        "_meta": {"quotient_familial": 480},
    }


def _keys(unknowns) -> set[str]:
    return {unknown.key for unknown in unknowns}


def test_a_single_parent_without_asf_data_is_asked_about_the_other_parent():
    _, unknowns = unknowns_of(single_parent_answers())
    assert "other_parent" in _keys(unknowns)
    other_parent = next(unknown for unknown in unknowns if unknown.key == "other_parent")
    assert other_parent.question == "L'autre parent de vos enfants vous verse-t-il une pension alimentaire ?"
    assert other_parent.step == "revenus"


def test_the_asf_is_to_check_with_the_other_parent_question_never_potential_on_a_guess():
    screening, _ = screen(single_parent_answers())
    asf = screening.benefits["asf"]
    assert asf["status"] == "to_check"
    assert not asf["held"]
    assert [q["key"] for q in asf["questions"]] == ["other_parent"]


def test_no_pension_makes_the_asf_potential():
    screening, _ = screen(single_parent_answers(demandeur_pension_alimentaire_percue_amount="0"))
    assert "other_parent" not in _keys(screening.unknowns)
    asf = screening.benefits["asf"]
    assert asf["status"] == "potential"
    assert Decimal(asf["min"]) > 350  # two children, about 202 € each


def test_a_pension_above_the_asf_rules_it_out():
    screening, _ = screen(single_parent_answers(demandeur_pension_alimentaire_percue_amount="500"))
    assert "asf" not in screening.benefits


def test_a_smaller_pension_reduces_the_asf_by_its_amount():
    full, _ = screen(single_parent_answers(demandeur_pension_alimentaire_percue_amount="0"))
    reduced, _ = screen(single_parent_answers(demandeur_pension_alimentaire_percue_amount="150"))
    assert reduced.benefits["asf"]["status"] == "potential"
    assert Decimal(full.benefits["asf"]["max"]) - Decimal(reduced.benefits["asf"]["max"]) == pytest.approx(
        Decimal(150), abs=Decimal(1)
    )


def test_an_asf_the_caf_pays_is_held_and_nothing_is_asked():
    screening, _ = screen(single_parent_answers(received_asf="on"))
    assert "other_parent" not in _keys(screening.unknowns)
    assert screening.benefits["asf"]["held"]
    assert screening.benefits["asf"]["questions"] == []


def test_couples_and_people_without_children_are_not_asked():
    couple = single_parent_answers()
    couple["foyer"]["couple"] = "marie"
    alone = single_parent_answers()
    alone["foyer"]["children_count"] = "0"
    assert "other_parent" not in _keys(unknowns_of(couple)[1])
    assert "other_parent" not in _keys(unknowns_of(alone)[1])


def test_the_questionnaire_revenus_page_answers_it():
    # That page asks the pension alimentaire received; left empty there, none is received.
    answers = single_parent_answers()
    answers[SUBMITTED] = ["revenus"]
    assert "other_parent" not in _keys(unknowns_of(answers)[1])


def test_a_single_computation_says_it_supposes_no_pension():
    _, assumed = situation_with_unknowns(single_parent_answers())
    assert ASSUMED["other_parent"] in assumed


# --- The questionnaire asks it of single parents ----------------------------------------------------

OTHER_PARENT_LABEL = "Pension alimentaire versée par l&#x27;autre parent de vos enfants"


def _revenus_page(client, foyer: dict) -> str:
    answer(client, "profil", {"birth_date": "1981-07-27", "activity": "inactif"})
    answer(client, "foyer", foyer)
    return client.get("/simulateur/etape/revenus/").content.decode()


@pytest.mark.django_db
def test_the_revenus_step_asks_a_single_parent_what_the_other_parent_pays(client):
    page = _revenus_page(client, {"couple": "seul", "children_count": "2"})
    assert OTHER_PARENT_LABEL in page
    assert "l'allocation de soutien familial en dépend" in page  # help texts are not escaped


@pytest.mark.django_db
@pytest.mark.parametrize(
    "foyer",
    [
        {"couple": "marie", "partner_birth_date": "1980-01-01", "children_count": "2"},
        {"couple": "seul", "children_count": "0"},
    ],
)
def test_the_revenus_step_does_not_ask_couples_or_people_without_children(client, foyer):
    page = _revenus_page(client, foyer)
    assert OTHER_PARENT_LABEL not in page
    assert "Pension alimentaire reçue — vous" in page


@pytest.mark.django_db
def test_an_empty_answer_on_the_revenus_step_means_no_pension_and_the_asf_is_potential():
    answers = single_parent_answers()
    answers["profil"]["activity"] = "inactif"
    answers["logement"].update(housing="locataire_hlm", rent="520")
    answers[SUBMITTED] = ["profil", "foyer", "enfants", "logement", "revenus"]
    screening, _ = screen(answers)
    assert screening.unknowns == ()
    assert screening.benefits["asf"]["status"] == "potential"


# --- Answered on the spot ---------------------------------------------------------------------------


@pytest.fixture
def claire(citizen_of):
    user = citizen_of("test")
    Simulation.objects.create(user=user, answers=single_parent_answers())
    return user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "stored"),
    [({"pays": "non", "amount": "120"}, "0"), ({"pays": "oui", "amount": "180"}, "180")],
)
def test_the_answer_is_stored_as_the_revenus_step_would_and_no_longer_asked(
    claire, logged_in, django_capture_on_commit_callbacks, data, stored
):
    response, callbacks = _answer(
        logged_in(claire), OTHER_PARENT_URL, data, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert len(callbacks) == 1  # the screening runs again once the answer is committed
    answers = Simulation.objects.get(user=claire).answers
    assert answers["_meta"]["given"] == {"revenus": {"demandeur_pension_alimentaire_percue_amount": stored}}
    assert answers["revenus"]["demandeur_pension_alimentaire_percue_amount"] == stored
    assert "other_parent" not in _keys(unknowns_of(answers)[1])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "pays", "Choisissez une réponse."),
        ({"pays": "oui"}, "amount", "Indiquez le montant de la pension alimentaire reçue chaque mois."),
    ],
)
def test_an_incomplete_answer_is_refused_in_french(
    claire, logged_in, django_capture_on_commit_callbacks, data, field, message
):
    before = Simulation.objects.get(user=claire).answers

    response, callbacks = _answer(
        logged_in(claire), OTHER_PARENT_URL, data, django_capture_on_commit_callbacks
    )

    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert callbacks == []
    assert Simulation.objects.get(user=claire).answers == before


@pytest.mark.django_db
def test_the_question_page_shows_the_answer_already_given(claire, logged_in):
    simulation = Simulation.objects.get(user=claire)
    simulation.answers["revenus"]["demandeur_pension_alimentaire_percue_amount"] = "0"
    simulation.save()

    response = logged_in(claire).get(OTHER_PARENT_URL)

    assert response.status_code == 200
    assert response.context["form"].initial == {"amount": "0", "pays": "non"}
    assert (
        "L&#x27;autre parent de vos enfants vous verse-t-il une pension alimentaire ?"
        in response.content.decode()
    )


# --- Melissandre (persona 1): the CAF pays her ASF ---------------------------------------------------


@pytest.mark.django_db
def test_melissandre_whose_asf_the_caf_pays_is_not_asked_about_the_other_parent(citizen_of, agencies):
    _, simulation, rights, _ = _walk(citizen_of, "nom_composé")
    assert rights["asf"] == "open"  # held, from the CAF
    asked = {q["key"] for entry in simulation.result["screening"].values() for q in entry["questions"]}
    assert "other_parent" not in asked
    assert "other_parent" not in _keys(unknowns_of(simulation.answers)[1])


# --- On the rights page ------------------------------------------------------------------------------

FAMILLE_PAGE = "/mes-droits/domaine/famille/"


@pytest.mark.django_db
def test_the_asf_card_asks_the_question_and_the_answer_makes_it_potential(
    claire, logged_in, django_capture_on_commit_callbacks
):
    simulation_prefill_and_compute(user_id=claire.pk)
    asf = Right.objects.get(user=claire, key="asf")
    assert asf.status == Right.Status.TO_CHECK
    assert [question["key"] for question in asf.questions] == ["other_parent"]
    client = logged_in(claire)
    page = client.get(FAMILLE_PAGE).content.decode()
    assert f'action="{OTHER_PARENT_URL}"' in page

    response, callbacks = _answer(
        client, OTHER_PARENT_URL, {"pays": "non", "next": FAMILLE_PAGE}, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"] == FAMILLE_PAGE
    assert len(callbacks) == 1
    simulation_prefill_and_compute(user_id=claire.pk)  # what the queued task runs

    asf.refresh_from_db()
    assert asf.status == Right.Status.POTENTIAL
    assert asf.questions == []
