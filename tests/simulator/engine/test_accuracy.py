"""openfisca-france's own published test cases, re-expressed as portal situations (cases/*.yaml).

Each case goes through the portal's situation model and mapping; the official expected value must be
met within 1 €.
"""

from pathlib import Path

import pytest
import yaml

from simulator.engine.benefits import household_values
from simulator.engine.mapping import build_batch
from simulator.engine.situation import Situation

CASES_DIR = Path(__file__).parent / "cases"
CASES = [
    case for path in sorted(CASES_DIR.glob("*.yaml")) for case in yaml.safe_load(path.read_text("utf-8"))
]


def test_there_are_at_least_ten_official_cases():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_portal_mapping_reproduces_the_official_result(case):
    batch = build_batch([Situation.model_validate(case["situation"])])
    for variable, expected in case["expected"].items():
        value = household_values(batch, variable, expected["period"])[0]
        assert value == pytest.approx(expected["value"], abs=1), variable
