from decimal import Decimal

import pytest

from simulator.engine.benefits import compute_benefits, compute_many, round_amount


@pytest.mark.parametrize(
    ("amount", "floor_at", "expected"),
    [(608.9, 1, "608.00"), (447.0, 10, "440.00"), (7.5, 10, "7.00"), (0, 10, "0"), (12.345, 0.01, "12.34")],
)
def test_amounts_are_floored_as_mes_aides_showed_them(amount, floor_at, expected):
    assert round_amount(amount, floor_at) == Decimal(expected)


def test_single_parent_on_rsa_gets_rsa_asf_af_and_c2s(melissandre):
    result = compute_benefits(melissandre)
    eligible = {benefit.key for benefit in result.eligible()}
    assert {"rsa", "asf", "af", "aide_logement", "css_sans_participation", "ars"} <= eligible
    assert result.get("rsa").already_received
    assert result.get("rsa").amount % 10 == 0
    assert result.get("ars").period == "2026"
    assert result.get("ars").periodicity == "ponctuelle"


def test_pensioner_in_paris_finds_aspa_housing_aid_c2s_and_local_aids(jean_philippe):
    result = compute_benefits(jean_philippe)
    eligible = {benefit.key for benefit in result.eligible()}
    assert {"aspa", "aide_logement", "css_sans_participation", "cheque_energie", "paris_logement"} <= eligible
    assert Decimal(200) < result.get("aspa").amount < Decimal(400)
    assert "La condition d'âge est remplie." in result.get("aspa").explanation


def test_part_time_worker_gets_prime_d_activite_explained(bertrand):
    result = compute_benefits(bertrand)
    ppa = result.get("ppa")
    assert ppa.eligible
    assert ppa.already_received
    assert ppa.unit == "€"
    assert ppa.explanation[0].startswith("Vos revenus d'activité retenus sont de 1 100 €")
    assert not result.get("rsa").eligible


def test_aah_beneficiary_gets_aah_and_its_complement(joelle):
    result = compute_benefits(joelle)
    assert result.get("aah").eligible
    assert result.get("aah").already_received
    assert "Taux d'incapacité déclaré : 80 %." in result.get("aah").explanation


def test_every_result_lists_the_assumptions_made(hugo):
    assumptions = compute_benefits(hugo).assumptions
    assert any("Paris depuis au moins 3 ans" in sentence for sentence in assumptions)
    assert any("montant imposable" in sentence for sentence in assumptions)


def test_many_households_in_one_run_match_one_by_one(melissandre, bertrand, hugo):
    together = compute_many([melissandre, bertrand, hugo])
    for situation, result in zip([melissandre, bertrand, hugo], together, strict=True):
        assert result == compute_benefits(situation)
