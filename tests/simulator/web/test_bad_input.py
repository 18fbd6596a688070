"""Bad input: clear French messages, nothing computed, nothing lost from the other answers."""

import datetime as dt

import pytest

from tests.simulator.conftest import hugo_answers
from tests.simulator.web.helpers import answer, answer_all, session_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(client):
    answers = hugo_answers()
    answer_all(client, {k: answers[k] for k in ("profil", "foyer", "logement")})
    return client


def _errors(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_negative_amount_is_refused(started):
    page = _errors(answer(started, "revenus", {"demandeur_chomage_net_amount": "-50"}))
    assert "Le montant ne peut pas être négatif." in page


def test_an_absurd_amount_is_refused(started):
    page = _errors(answer(started, "revenus", {"demandeur_salaire_net_amount": "1240000"}))
    assert "Ce montant paraît trop élevé" in page


def test_fifteen_children_are_refused_with_a_way_out(started):
    page = _errors(answer(started, "foyer", {"couple": "seul", "children_count": "15"}))
    assert "Le simulateur compte au plus 12 enfants" in page
    assert session_answers(started)["logement"]["depcom"] == "75119"  # other answers kept


def test_a_birth_date_in_the_future_is_refused(started):
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    page = _errors(answer(started, "profil", {"birth_date": future, "activity": "inactif"}))
    assert "La date de naissance ne peut pas être dans le futur." in page


def test_an_unknown_commune_is_refused(started):
    page = _errors(answer(started, "logement", {"commune_query": "99999", "housing": "heberge"}))
    assert "Aucune commune ne correspond à « 99999 »" in page


def test_a_tenant_must_give_a_rent(started):
    page = _errors(answer(started, "logement", {"commune_query": "75019", "housing": "locataire_prive"}))
    assert "Indiquez le montant de votre loyer hors charges." in page


def test_a_jobseeker_must_say_since_when(started):
    page = _errors(answer(started, "profil", {"birth_date": "1990-12-19", "activity": "chomeur"}))
    assert "Indiquez depuis quand vous cherchez un emploi." in page


def test_nothing_is_computed_while_an_answer_is_wrong(started):
    answer(started, "revenus", {"demandeur_chomage_net_amount": "-50"})
    response = started.post("/simulateur/recapitulatif/")
    assert response.status_code == 400
    assert "Rien n'a été calculé" in response.content.decode()
    assert started.session["simulator"]["result"] is None
    assert session_answers(started)["profil"]["birth_date"] == "1990-12-19"


def test_a_commune_is_never_assumed(started):
    answer(started, "logement", {"commune_query": "", "housing": "heberge"})
    answer(started, "revenus", {})
    response = started.post("/simulateur/recapitulatif/")
    assert response.status_code == 400
    assert "Indiquez votre code postal ou le nom de votre commune." in response.content.decode()
