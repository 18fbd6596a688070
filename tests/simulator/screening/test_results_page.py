"""The simulator's results page of a screened simulation: only certain benefits are "vous pourriez y
avoir droit", the others "à vérifier" with what decides them, and where every fact came from."""

import html
from decimal import Decimal

import pytest

from simulator.results import results_view
from tests.simulator.screening.test_personas_flow import _walk


def _item(key: str, *, eligible: bool, amount: str, received: bool = False) -> dict:
    return {
        "key": key, "label": key, "eligible": eligible, "already_received": received, "amount": amount,
        "unit": "€", "periodicity": "mensuelle", "explanation": [],
    }  # fmt: skip


def _screened(status: str, low: str, high: str, questions=()) -> dict:
    return {
        "status": status, "held": False, "unit": "€", "periodicity": "mensuelle", "min": low, "max": high,
        "questions": list(questions),
    }  # fmt: skip


EARNINGS_QUESTION = {"key": "earnings", "question": "Combien gagnez-vous par mois ?", "step": "revenus"}


def test_a_benefit_eligible_only_in_the_baseline_is_to_check_and_left_out_of_the_totals():
    result = {
        "month": "2026-12",
        "assumptions": [],
        "benefits": [
            _item("rsa", eligible=True, amount="646.52"),
            _item("aide_logement", eligible=True, amount="310"),
            _item("af", eligible=True, amount="148.52", received=True),
        ],
        "screening": {
            "rsa": _screened("to_check", "120", "646.52", [EARNINGS_QUESTION]),
            "aide_logement": _screened("potential", "250", "310"),
        },
    }

    view = results_view(result)

    assert [line.key for line in view.potential] == ["aide_logement"]
    assert [line.key for line in view.to_check] == ["rsa"]
    assert view.to_check[0].questions == [EARNINGS_QUESTION]
    assert [line.key for line in view.received] == ["af"]
    # The lowest certain amount, never the baseline's guess; what is held is totalled apart.
    assert view.monthly_total == Decimal("250")
    assert view.received_monthly_total == Decimal("148.52")
    assert view.potential[0].amount_text.startswith("entre 250")


def test_a_benefit_the_screening_found_in_no_variant_is_not_offered():
    result = {
        "month": "2026-12",
        "assumptions": [],
        "benefits": [_item("rsa", eligible=True, amount="646.52")],
        "screening": {},
    }

    view = results_view(result)

    assert not view.potential
    assert not view.to_check
    assert [line.key for line in view.not_eligible] == ["rsa"]
    assert view.monthly_total == 0


@pytest.mark.django_db
def test_pierre_sees_no_rsa_offered_and_where_each_fact_came_from(citizen_of, agencies, logged_in):
    user, simulation, _, _ = _walk(citizen_of, "avec_nom_dusage")

    response = logged_in(user).get("/simulateur/resultats/")

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    offered = page.split("Vous pourriez y avoir droit</h2>", 1)[-1].split("<h2", 1)[0]
    assert "Revenu de solidarité active" not in offered
    assert "D'où viennent les informations du calcul" in page
    origin = page.split("D'où viennent les informations du calcul", 1)[1]
    organisms = {source["source"] for source in simulation.sources.values()}
    assert organisms
    assert all(organism in origin for organism in organisms)
    view = results_view(simulation.result)
    assert "rsa" not in {line.key for line in view.potential}
    assert all(line.questions for line in view.to_check)


@pytest.mark.django_db
def test_pierre_answers_a_deciding_question_from_the_results_page(citizen_of, agencies, logged_in):
    # No agency says whether Pierre rents or works: housing aid depends on both.
    user, _, _, _ = _walk(citizen_of, "avec_nom_dusage")

    page = logged_in(user).get("/simulateur/resultats/").content.decode()

    card = page.split('data-testid="to-check-aide_logement"', 1)[1].split('data-testid="to-check-', 1)[0]
    assert card.count("Répondre ici") == 2
    assert 'action="/simulateur/ma-situation/housing/"' in card
    assert 'id="id_aide_logement_housing_' in card
    assert 'name="next" value="/simulateur/resultats/"' in card
