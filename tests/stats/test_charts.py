"""The weekly bar chart: whole ticks, hidden figures drawn as a dashed frame and told in words."""

import re

import pytest

from stats.charts import _nice_max, weekly_bars_svg


@pytest.mark.parametrize(("value", "top"), [(10, 12), (43, 60), (100, 100), (1234, 1600)])
def test_the_axis_ends_on_four_whole_ticks(value, top):
    assert _nice_max(value) == top
    assert top % 4 == 0


def test_a_hidden_figure_is_a_dashed_frame_and_said_in_the_description():
    svg = weekly_bars_svg(
        title="Simulations", weeks=["23 nov.", "30 nov."], series=[("Sans connexion", [None, 43])],
        threshold=10, hidden="moins de 10",
    )  # fmt: skip
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert re.search(
        r'<desc id="[^"]+">Sans connexion : semaine du 23 nov. moins de 10, semaine du 30 nov. 43.</desc>',
        svg,
    )
    assert (
        'fill="none" stroke="#000091" stroke-width="1.5" stroke-dasharray="3 2"><title>Sans connexion, semaine du 23 nov. : moins de 10</title>'
        in svg
    )
    assert "<title>Sans connexion, semaine du 30 nov. : 43</title>" in svg


def test_labels_are_escaped():
    svg = weekly_bars_svg(
        title="<b>", weeks=["1 déc."], series=[("<script>", [12])], threshold=10, hidden="moins de 10"
    )
    assert "<script>" not in svg
    assert "<b>" not in svg
