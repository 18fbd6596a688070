"""A right "à vérifier" is settled on the spot: the deciding question is answered from its card on
the rights page (or its own page), kept as the person's fact, and the screening is run again."""

import pytest

from rights.models import Right
from simulator.models import Simulation
from simulator.screening import unknowns_of
from simulator.services import simulation_facts_give, simulation_prefill_and_compute
from tests.simulator.screening.test_personas_flow import _walk

pytestmark = pytest.mark.django_db

JEAN_PHILIPPE = "plusieurs_prénoms_3"
RETRAITE_PAGE = "/mes-droits/domaine/retraite/"
PENSION_URL = "/simulateur/ma-situation/pension/"


def _answer(client, url: str, data: dict, capture):
    with capture(execute=False) as callbacks:
        response = client.post(url, data)
    return response, callbacks


# --- The whole flow, with the agency sandbox -------------------------------------------------------


def test_jean_philippe_answers_a_low_pension_on_the_rights_page_and_aspa_becomes_potential(
    citizen_of, agencies, logged_in, django_capture_on_commit_callbacks
):
    user, _, rights, _ = _walk(citizen_of, JEAN_PHILIPPE)
    assert rights["aspa"] == "to_check"
    client = logged_in(user)
    page = client.get(RETRAITE_PAGE).content.decode()
    assert 'data-testid="answer-aspa-pension"' in page
    assert f'action="{PENSION_URL}"' in page
    assert 'id="id_aspa_pension_pension"' in page  # ids carry the card's key: no duplicate on the page

    response, callbacks = _answer(
        client,
        PENSION_URL,
        {"pension": "450", "salary": "", "next": RETRAITE_PAGE},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    assert response["Location"] == RETRAITE_PAGE
    assert len(callbacks) == 1  # the recompute is queued once the answer is committed
    simulation = Simulation.objects.get(user=user)
    assert simulation.answers["_meta"]["given"] == {
        "profil": {"activity": "retraite"},
        "revenus": {"demandeur_retraite_nette_amount": "450", "demandeur_salaire_net_amount": ""},
    }
    assert simulation.answers["revenus"]["demandeur_retraite_nette_amount"] == "450"

    simulation_prefill_and_compute(user_id=user.pk)  # what the queued task runs

    aspa = Right.objects.get(user=user, key="aspa")
    assert aspa.status == Right.Status.POTENTIAL
    assert aspa.questions == []
    simulation.refresh_from_db()
    asked = {q["key"] for entry in simulation.result["screening"].values() for q in entry["questions"]}
    assert "pension" not in asked
    _, unknowns = unknowns_of(simulation.answers)
    assert "pension" not in {unknown.key for unknown in unknowns}
    page = client.get(RETRAITE_PAGE).content.decode()
    assert 'data-testid="answer-aspa-pension"' not in page


def test_a_high_pension_removes_aspa_and_survives_a_new_prefill(
    citizen_of, agencies, logged_in, django_capture_on_commit_callbacks
):
    user, *_ = _walk(citizen_of, JEAN_PHILIPPE)
    client = logged_in(user)

    response, _ = _answer(client, PENSION_URL, {"pension": "2600"}, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == "/mes-droits/"
    simulation_prefill_and_compute(user_id=user.pk)
    simulation_prefill_and_compute(user_id=user.pk)  # a later login pre-fills again from the agencies

    assert not Right.objects.filter(user=user, key="aspa").exists()
    simulation = Simulation.objects.get(user=user)
    assert simulation.answers["profil"]["activity"] == "retraite"
    assert simulation.answers["revenus"]["demandeur_retraite_nette_amount"] == "2600"
    assert simulation.answers["_meta"]["given"]["revenus"]["demandeur_retraite_nette_amount"] == "2600"
    assert not any(name.startswith("profil.activity") for name in simulation.sources)


def test_a_bad_pension_gets_a_french_error_and_changes_nothing(
    citizen_of, agencies, logged_in, django_capture_on_commit_callbacks
):
    user, before, rights, _ = _walk(citizen_of, JEAN_PHILIPPE)
    other, *_ = _walk(citizen_of, "sans_genre")
    other_answers = Simulation.objects.get(user=other).answers
    client = logged_in(user)

    response, callbacks = _answer(
        client,
        PENSION_URL,
        {"pension": "mille euros", "next": RETRAITE_PAGE},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Indiquez un montant en euros, par exemple 1250 ou 1250,50." in page
    assert 'value="mille euros"' in page  # nothing typed is lost
    assert callbacks == []
    assert Simulation.objects.get(user=user).answers == before.answers
    assert {r.key: r.status for r in Right.objects.filter(user=user)} == rights
    assert Simulation.objects.get(user=other).answers == other_answers


# --- Each question's form, without the agencies -----------------------------------------------------


@pytest.fixture
def alice(citizen_of):
    user = citizen_of("test")
    Simulation.objects.create(
        user=user, answers={"profil": {"birth_date": "1985-03-02"}, "foyer": {"couple": "marie"}}
    )
    return user


@pytest.mark.parametrize(
    ("key", "data", "given"),
    [
        (
            "housing",
            {"housing": "locataire_prive", "rent": "620"},
            {"logement": {"housing": "locataire_prive", "rent": "620"}},
        ),
        (
            "activity",
            {"activity": "chomeur", "jobseeker_since": "2026-02-01", "salary": "1300"},
            {
                "profil": {"activity": "chomeur", "jobseeker_since": "2026-02-01"},
                "revenus": {"demandeur_salaire_net_amount": "1300", "demandeur_retraite_nette_amount": ""},
            },
        ),
        (
            "partner_activity",
            {"activity": "salarie", "salary": "2100"},
            {
                "foyer": {"partner_activity": "salarie", "partner_jobseeker_since": ""},
                "revenus": {"conjoint_salaire_net_amount": "2100", "conjoint_retraite_nette_amount": ""},
            },
        ),
    ],
)
def test_each_answer_is_kept_as_given_and_no_longer_varied(
    alice, logged_in, django_capture_on_commit_callbacks, key, data, given
):
    response, callbacks = _answer(
        logged_in(alice), f"/simulateur/ma-situation/{key}/", data, django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert len(callbacks) == 1
    answers = Simulation.objects.get(user=alice).answers
    assert answers["_meta"]["given"] == given
    assert answers["profil"]["birth_date"] == "1985-03-02"  # the rest is kept
    _, unknowns = unknowns_of(answers)
    assert key not in {unknown.key for unknown in unknowns}


@pytest.mark.parametrize(
    ("key", "data", "field", "message"),
    [
        (
            "housing",
            {"housing": "locataire_prive"},
            "rent",
            "Indiquez le montant de votre loyer hors charges.",
        ),
        ("housing", {"housing": "chateau"}, "housing", "Choisissez une réponse de la liste."),
        (
            "housing",
            {"housing": "locataire_hlm", "rent": "-5"},
            "rent",
            "Le montant ne peut pas être négatif.",
        ),
        ("activity", {}, "activity", "Choisissez une réponse."),
        (
            "activity",
            {"activity": "chomeur"},
            "jobseeker_since",
            "Indiquez depuis quand vous cherchez un emploi.",
        ),
        ("activity", {"activity": "salarie"}, "salary", "Indiquez le salaire net mensuel moyen."),
        (
            "activity",
            {"activity": "chomeur", "jobseeker_since": "2099-01-01"},
            "jobseeker_since",
            "La date de début de recherche d'emploi ne peut pas être dans le futur.",
        ),
        (
            "pension",
            {"pension": ""},
            "pension",
            "Indiquez le montant de votre retraite, 0 si vous n'en touchez pas.",
        ),
        (
            "partner_activity",
            {"activity": "retraite"},
            "pension",
            "Indiquez le montant de la retraite, 0 s'il n'y en a pas.",
        ),
    ],
)
def test_a_bad_answer_is_refused_with_a_french_message(
    alice, logged_in, django_capture_on_commit_callbacks, key, data, field, message
):
    before = Simulation.objects.get(user=alice).answers

    response, callbacks = _answer(
        logged_in(alice), f"/simulateur/ma-situation/{key}/", data, django_capture_on_commit_callbacks
    )

    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert callbacks == []
    assert Simulation.objects.get(user=alice).answers == before


def test_the_question_page_shows_what_was_already_answered(
    alice, logged_in, django_capture_on_commit_callbacks
):
    simulation_facts_give(user=alice, given={"logement": {"housing": "locataire_hlm", "rent": "410"}})

    response = logged_in(alice).get("/simulateur/ma-situation/housing/")

    assert response.status_code == 200
    assert response.context["form"].initial == {"housing": "locataire_hlm", "rent": "410"}
    assert "Votre logement" in response.content.decode()


def test_an_unknown_question_is_not_found_and_the_commune_has_its_own_page(alice, logged_in):
    client = logged_in(alice)

    assert client.get("/simulateur/ma-situation/profil/").status_code == 404
    assert client.post("/simulateur/ma-situation/profil/", {"activity": "salarie"}).status_code == 404
    response = client.get("/simulateur/ma-situation/commune/")
    assert response.status_code == 302
    assert response["Location"] == "/simulateur/ma-commune/"
    assert "_meta" not in Simulation.objects.get(user=alice).answers


def test_a_redirect_elsewhere_is_refused(alice, logged_in, django_capture_on_commit_callbacks):
    response, _ = _answer(
        logged_in(alice),
        "/simulateur/ma-situation/pension/",
        {"pension": "900", "next": "https://evil.example/"},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    assert response["Location"] == "/mes-droits/"


def test_agents_and_anonymous_visitors_cannot_answer(
    alice, agent, client, django_capture_on_commit_callbacks
):
    before = Simulation.objects.get(user=alice).answers

    assert client.post("/simulateur/ma-situation/pension/", {"pension": "900"}).status_code == 302
    client.force_login(agent)
    assert client.post("/simulateur/ma-situation/pension/", {"pension": "900"}).status_code == 403
    assert Simulation.objects.get(user=alice).answers == before
    assert Simulation.objects.filter(user=agent).count() == 0
