"""Simulator fixtures: the OpenFisca system is built ONCE per test session and shared by the engine,
web, API and browser tests; answers of named personas as the questionnaire stores them."""

import pytest

from simulator.engine.system import get_tax_benefit_system


@pytest.fixture(scope="session", autouse=True)
def tax_benefit_system():
    """The process-wide system, built once for the whole session (5–10 s)."""
    return get_tax_benefit_system()


def hugo_answers() -> dict:
    """Persona 4 as the questionnaire stores him: jobseeker in Paris 19e, ARE 1,240 € for 6 months."""
    return {
        "profil": {"birth_date": "1990-12-19", "activity": "chomeur", "jobseeker_since": "2026-04-01"},
        "foyer": {"couple": "seul", "children_count": "0"},
        "logement": {
            "commune_query": "75019",
            "depcom": "75119",
            "housing": "locataire_prive",
            "rent": "780",
        },
        "revenus": {"demandeur_chomage_net_amount": "1240", "demandeur_chomage_net_months": "6"},
    }


def melissandre_answers() -> dict:
    """Persona 1: single parent in Marseille 13e, HLM, two children, RSA received."""
    return {
        "profil": {"birth_date": "1981-07-27", "activity": "inactif"},
        "foyer": {"couple": "seul", "children_count": "2"},
        "enfants": {
            "child_0_birth_date": "2018-10-01",
            "child_0_school_level": "primaire",
            "child_1_birth_date": "2014-10-01",
            "child_1_school_level": "college",
        },
        "logement": {"commune_query": "13013", "depcom": "13213", "housing": "locataire_hlm", "rent": "520"},
        "revenus": {"received_rsa": "on", "received_rsa_amount": "700"},
    }
