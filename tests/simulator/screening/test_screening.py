"""Robust screening: a benefit is "potential" only when eligible under every plausible value of
the facts nobody gave; the others are "à vérifier" with the questions that decide them."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.engine import compute_benefits
from simulator.questionnaire.answers import situation_from_answers
from simulator.screening import screen, unknowns_of


def jean_philippe_answers(**revenus) -> dict:
    """Persona 5 as the agencies know him: born 1943, Paris 9e (DGFiP address), nothing else."""
    return {
        "profil": {"birth_date": "1943-06-15"},
        "foyer": {"couple": "seul", "children_count": "0"},
        "logement": {"commune_query": "75009", "depcom": "75109"},
        "revenus": revenus,
    }


def pierre_answers() -> dict:
    """Persona 2: CAF family file (couple, 3 children, Rennes) and DGFiP RFR 34,800 €."""
    return {
        "profil": {"birth_date": "1969-03-17"},
        "foyer": {"couple": "marie", "partner_birth_date": "1972-05-10", "children_count": "3"},
        "enfants": {
            "child_0_birth_date": "2022-12-01",
            "child_0_school_level": "",
            "child_1_birth_date": "2017-12-01",
            "child_1_school_level": "primaire",
            "child_2_birth_date": "2011-12-01",
            "child_2_school_level": "lycee",
        },
        "logement": {"commune_query": "35000", "depcom": "35238"},
        "revenus": {"rfr_n2": "34800", "received_af": "on"},
        "_meta": {"quotient_familial": 720},
    }


def test_a_known_reference_income_rules_out_rsa_and_free_c2s_for_pierre():
    screening, _ = screen(pierre_answers())
    assert "rsa" not in screening.benefits
    assert "css_sans_participation" not in screening.benefits
    assert screening.benefits["af"]["held"]


def test_the_dgfip_reference_income_makes_aspa_and_free_c2s_certain_for_jean_philippe():
    screening, _ = screen(jean_philippe_answers(rfr_n2="5300"))
    assert screening.benefits["aspa"]["status"] == "potential"
    assert screening.benefits["css_sans_participation"]["status"] == "potential"
    # The housing is not known: housing aid depends on it, and says so.
    housing_aid = screening.benefits["aide_logement"]
    assert housing_aid["status"] == "to_check"
    assert [q["key"] for q in housing_aid["questions"]] == ["housing"]


def test_without_the_pension_aspa_is_to_check_with_the_pension_question():
    screening, _ = screen(jean_philippe_answers())
    assert screening.benefits["aspa"]["status"] == "to_check"
    assert [q["key"] for q in screening.benefits["aspa"]["questions"]] == ["pension"]


def test_facts_the_person_gave_are_never_varied():
    answers = jean_philippe_answers(demandeur_retraite_nette_amount="750")
    answers["profil"]["activity"] = "retraite"
    answers["logement"].update(housing="locataire_prive", rent="640")
    screening, _ = screen(answers)
    assert screening.unknowns == ()
    assert screening.variants == 1
    assert screening.benefits["aspa"]["status"] == "potential"


RANGES = {
    "activity": [Decimal(0), Decimal(800), Decimal(1450), Decimal(2500)],
    "housing": [
        ("heberge", ""),
        ("locataire_prive", "450"),
        ("locataire_prive", "850"),
        ("proprietaire", ""),
    ],
}


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    earnings=st.sampled_from(RANGES["activity"]),
    housing=st.sampled_from(RANGES["housing"]),
    children=st.integers(min_value=0, max_value=3),
)
def test_a_benefit_classified_robust_is_eligible_for_every_value_of_the_unknowns(earnings, housing, children):
    """Property: take any household with unknown activity and housing, screen it, then answer the
    unknowns with any value of their declared ranges: every "potential" benefit is still eligible."""
    answers = {
        "profil": {"birth_date": "1985-04-02"},
        "foyer": {"couple": "seul", "children_count": str(children)},
        "enfants": {f"child_{i}_birth_date": f"{2012 + i}-03-01" for i in range(children)}
        | {f"child_{i}_school_level": "college" for i in range(children)},
        "logement": {"commune_query": "13013", "depcom": "13213"},
        "revenus": {},
    }
    screening, _ = screen(answers)
    answered, _ = unknowns_of(answers)
    answered["logement"].update(housing=housing[0], rent=housing[1])
    if earnings:
        answered["profil"]["activity"] = "salarie"
        answered["revenus"].update(demandeur_salaire_net_amount=str(earnings))
        if earnings < 1000:
            answered["revenus"]["demandeur_salaire_net_hours"] = "76"
    situation, _ = situation_from_answers(answered)
    result = compute_benefits(situation)
    for key, entry in screening.benefits.items():
        if entry["status"] == "potential":
            assert result.get(key).eligible, (key, earnings, housing, children)
