from decimal import Decimal

from simulator.engine.batch import compute_scenarios, income_curve, with_earnings
from simulator.engine.benefits import compute_benefits


def test_scenarios_are_computed_with_the_baseline_in_one_run(bertrand):
    scenarios = [with_earnings(bertrand, 0), with_earnings(bertrand, 2500)]
    results = compute_scenarios(bertrand, scenarios)
    assert results.baseline == compute_benefits(bertrand)
    assert results.scenarios[0].get("rsa").eligible
    assert not results.scenarios[1].get("aide_logement").eligible


def test_income_curve_gives_net_income_against_earnings_for_each_situation(bertrand):
    cheaper = bertrand.model_copy(
        update={"household": bertrand.household.model_copy(update={"rent": Decimal(150)})}
    )
    curves = income_curve({"actuel": bertrand, "loyer 150 €": cheaper}, max_earnings=2000, points=11)
    assert [curve.label for curve in curves] == ["actuel", "loyer 150 €"]
    points = curves[0].points
    assert len(points) == 11
    assert points[0].earnings == 0
    assert points[-1].earnings == 2000
    assert points[0].net_income == points[0].benefits > 0
    assert points[-1].net_income > points[0].net_income
    # A lower rent means less housing aid at low earnings.
    assert curves[1].points[0].benefits < points[0].benefits
