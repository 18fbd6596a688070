import xml.etree.ElementTree as ET

from rights.charts import bar_chart_svg, line_chart_svg

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 -- our own markup, in a test


def test_bar_chart_is_an_accessible_image_with_escaped_labels():
    svg = bar_chart_svg(title="Versements <mois>", categories=["mai 2026", "juin 2026"],
                        series=[("France Travail & co", [1241.3, 1201.26]), ("CAF", [0, 50])])  # fmt: skip
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Versements <mois>"
    desc = root.find(f"{NS}desc").text
    assert "France Travail & co" in desc
    assert "mai 2026" in desc
    assert len(root.findall(f"{NS}rect")) == 4 + 2  # bars + legend marks
    assert root.get("aria-labelledby").split() == [
        root.find(f"{NS}title").get("id"),
        root.find(f"{NS}desc").get("id"),
    ]


def test_line_chart_for_the_simulator():
    svg = line_chart_svg(title="Aides selon le salaire", x_values=[0, 500, 1000, 1500],
                         series=[("RSA", [635.7, 400, 150, 0]), ("Prime d'activité", [0, 180, 250, 120])],
                         x_label="Salaire net mensuel (€)", y_label="Montant mensuel (€)")  # fmt: skip
    root = parse(svg)
    assert root.get("role") == "img"
    assert len(root.findall(f"{NS}polyline")) == 2
    assert "Prime d'activité" in root.find(f"{NS}desc").text


def test_empty_charts_still_render():
    assert parse(bar_chart_svg(title="Rien", categories=[], series=[])).get("role") == "img"
    assert parse(line_chart_svg(title="Rien", x_values=[], series=[], x_label="x", y_label="y"))
