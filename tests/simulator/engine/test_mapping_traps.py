"""Each known trap of openfisca-france, and how the portal mapping avoids it."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from simulator.engine.benefits import compute_benefits, household_values
from simulator.engine.catalogue import load_catalogue
from simulator.engine.mapping import build_batch, income_series, lookback_months
from simulator.engine.situation import FiscalItems, Housing


def calc(situation, variable, period=None):
    batch = build_batch([situation])
    return float(household_values(batch, variable, period or situation.month)[0])


def test_net_salary_fills_taxable_salary_and_housing_aid_resources(bertrand):
    batch = build_batch([bertrand])
    assert batch.simulation.calculate("salaire_net", "2026-11")[0] == pytest.approx(1100, abs=0.5)
    assert batch.simulation.calculate("salaire_imposable", "2026-11")[0] > 1100
    assert household_values(batch, "aide_logement_base_ressources", "2026-11")[0] > 11_000


def test_net_salary_alone_would_zero_housing_aid_resources(tax_benefit_system):
    # The trap itself, on the raw engine: salaire_net without salaire_imposable.
    months = lookback_months("2026-11")
    situation = {
        "individus": {
            "p": {"date_naissance": {"ETERNITY": "2000-03-01"}, "salaire_net": dict.fromkeys(months, 1100)}
        },
        "familles": {"f": {"parents": ["p"]}},
        "foyers_fiscaux": {"ff": {"declarants": ["p"]}},
        "menages": {"m": {"personne_de_reference": ["p"], "depcom": {"2026-11": "33063"}}},
    }
    simulation = SimulationBuilder().build_from_entities(tax_benefit_system, situation)
    assert simulation.calculate("aide_logement_base_ressources", "2026-11")[0] == 0


def test_incomes_cover_the_whole_look_back_so_rsa_is_not_computed_on_one_month(bertrand):
    months = lookback_months("2026-11")
    assert months[0] == "2024-01"
    assert months[-1] == "2026-11"
    batch = build_batch([bertrand])
    earnings = batch.simulation.calculate("salaire_net", "2024-01")[0]
    assert earnings == pytest.approx(1100, abs=0.5)
    assert household_values(batch, "rsa", "2026-11")[0] == 0
    assert household_values(batch, "ppa", "2026-11")[0] > 200


def test_income_series_extrapolates_before_and_after_declared_months():
    amounts = {"2026-08": Decimal(100), "2026-10": Decimal(300)}
    series = income_series(amounts, ["2026-06", "2026-08", "2026-09", "2026-10", "2026-11"])
    assert series.tolist() == [200, 100, 0, 300, 300]


def test_part_time_salary_carries_paid_hours(bertrand):
    batch = build_batch([bertrand])
    assert batch.simulation.calculate("heures_remunerees_volume", "2026-11")[0] == 110
    assert batch.simulation.calculate("contrat_de_travail", "2026-11").decode_to_str()[0] == "temps_partiel"


def test_jobseeker_start_date_triggers_the_housing_aid_allowance(hugo):
    batch = build_batch([hugo])
    assert batch.simulation.calculate("date_debut_chomage", "2026-11")[0] == np.datetime64("2026-04-01")
    assert batch.simulation.calculate("aide_logement_abattement_revenus_activite_professionnelle", "2026-11")[
        0
    ]


def test_commune_sets_the_apl_zone(hugo):
    assert build_batch([hugo]).simulation.calculate("zone_apl", "2026-11").decode_to_str()[0] == "zone_1"


def test_disability_complement_is_caah_and_mva_is_not_shown(joelle):
    keys = {benefit.variable for benefit in load_catalogue()}
    assert "caah" in keys
    assert "mva" not in keys
    assert compute_benefits(joelle).get("caah").amount > 0


def test_results_do_not_depend_on_the_order_of_computation(melissandre, bertrand):
    variables = ["rsa", "ppa", "aide_logement", "af", "asf", "cf", "css_participation_forfaitaire"]
    forward = build_batch([melissandre, bertrand])
    backward = build_batch([melissandre, bertrand])
    ahead = {name: household_values(forward, name, "2026-11") for name in variables}
    behind = {name: household_values(backward, name, "2026-11") for name in reversed(variables)}
    for name in variables:
        np.testing.assert_allclose(ahead[name], behind[name], atol=0.01, err_msg=name)


def test_past_months_of_undeclared_benefits_are_inputs_at_zero(bertrand):
    simulation = build_batch([bertrand]).simulation
    assert simulation.get_holder("rsa").get_array("2026-10")[0] == 0
    # Declared since 2026-09: the declared amount from then on.
    assert simulation.get_holder("ppa").get_array("2026-10")[0] == 180
    assert simulation.get_holder("ppa").get_array("2026-08")[0] == 0


def test_hlm_housing_aid_is_net_of_the_rent_reduction(melissandre):
    result = compute_benefits(melissandre).get("aide_logement")
    private = melissandre.model_copy(
        update={"household": melissandre.household.model_copy(update={"housing": Housing.LOCATAIRE_PRIVE})}
    )
    assert result.amount < compute_benefits(private).get("aide_logement").amount
    assert any("réduction de loyer de solidarité" in sentence for sentence in result.explanation)


def test_rfr_of_n_minus_2_is_used_for_the_cheque_energie(jean_philippe):
    simulation = build_batch([jean_philippe]).simulation
    assert simulation.calculate("rfr", "2024")[0] == 5300
    richer = jean_philippe.model_copy(update={"fiscal": FiscalItems(rfr_n2=Decimal(40_000))})
    assert compute_benefits(richer).get("cheque_energie").amount == 0
    assert compute_benefits(jean_philippe).get("cheque_energie").amount > 0


def test_a_non_parisian_is_not_offered_paris_aids(bertrand):
    keys = {benefit.key for benefit in compute_benefits(bertrand).benefits}
    assert "paris_logement" not in keys


def test_paris_aids_need_three_years_of_residence(jean_philippe):
    recent = jean_philippe.model_copy(
        update={
            "household": jean_philippe.household.model_copy(update={"resident_since": dt.date(2025, 1, 1)})
        }
    )
    assert compute_benefits(jean_philippe).get("paris_logement").eligible
    assert not compute_benefits(recent).get("paris_logement").eligible
