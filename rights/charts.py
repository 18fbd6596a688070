"""Accessible SVG charts drawn on the server: no JavaScript library, readable by screen readers.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` summarising the figures; the pages
also show the table behind the chart. Every label is escaped, so the markup may be marked safe.
Colours are DSFR illustrative colours with enough contrast on white, and series are also told
apart by their legend order and, for lines, by their dash pattern.
"""

import itertools
import math
import zlib
from html import escape

from django.utils import formats

COLOURS = ["#000091", "#c9191e", "#18753c", "#716043", "#6e445a", "#3558a2"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"]
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 24, 72


def _number(value: float, unit: str = "") -> str:
    decimals = 0 if float(value).is_integer() else 2
    text = formats.number_format(value, decimals, force_grouping=True)
    return f"{text} {unit}".strip()


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _svg(title: str, desc: str, body: list[str], legend: list[str], ident: str) -> str:
    height = HEIGHT + 24 * math.ceil(len(legend) / 3)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" style="max-width:{WIDTH}px;height:auto" '
        f'font-family="Marianne, Arial, sans-serif" font-size="12">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "".join(legend)
        + "</svg>"
    )


def _y_axis(maximum: float, unit: str) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = []
    for i in range(5):
        value = maximum * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#3a3a3a">'
            f"{escape(_number(value, unit))}</text>"
        )
    return parts


def _legend(names: list[str], kind: str) -> list[str]:
    parts = []
    for index, name in enumerate(names):
        x = LEFT + (index % 3) * 220
        y = HEIGHT + 4 + 24 * (index // 3)
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        mark = (
            f'<rect x="{x}" y="{y - 10}" width="14" height="12" fill="{colour}"/>'
            if kind == "bar"
            else f'<line x1="{x}" x2="{x + 18}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="3" stroke-dasharray="{dash}"/>'
        )
        parts.append(f'{mark}<text x="{x + 22}" y="{y}" fill="#161616">{escape(name)}</text>')
    return parts


def _ident(prefix: str, title: str, *parts: object) -> str:
    return f"{prefix}-{zlib.crc32(repr((title, *parts)).encode()):08x}"


def bar_chart_svg(
    *, title: str, categories: list[str], series: list[tuple[str, list[float]]], unit: str = "€"
) -> str:
    """Grouped bars: one group per category (e.g. a month), one bar per series (e.g. an organism)."""
    ident = _ident("bar", title, categories, series)
    values = [v for _, data in series for v in data]
    maximum = _nice_max(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body = _y_axis(maximum, unit)
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    for c_index, category in enumerate(categories):
        x0 = LEFT + c_index * group_w + group_w * 0.1
        for s_index, (name, data) in enumerate(series):
            value = data[c_index] if c_index < len(data) else 0
            h = plot_h * value / maximum
            body.append(
                f'<rect x="{x0 + s_index * bar_w:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w * 0.92:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[s_index % len(COLOURS)]}">'
                f"<title>{escape(f'{name}, {category} : {_number(value, unit)}')}</title></rect>"
            )
        body.append(
            f'<text x="{x0 + group_w * 0.4:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" '
            f'fill="#3a3a3a">{escape(category)}</text>'
        )
    desc = (
        "; ".join(
            f"{name} : "
            + ", ".join(f"{c} {_number(v, unit)}" for c, v in zip(categories, data, strict=False))
            for name, data in series
        )
        or "Aucune donnée."
    )
    return _svg(title, desc, body, _legend([name for name, _ in series], "bar"), ident)


def line_chart_svg(
    *, title: str, x_values: list[float], series: list[tuple[str, list[float]]], x_label: str, y_label: str
) -> str:
    """Lines over a numeric x axis (e.g. the simulator's benefits against earned income)."""
    ident = _ident("line", title, x_values, series)
    ys = [v for _, data in series for v in data]
    y_max = _nice_max(max(ys, default=0))
    x_min, x_max = (min(x_values), max(x_values)) if x_values else (0.0, 1.0)
    x_span = (x_max - x_min) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body = _y_axis(y_max, "")
    for i in range(5):
        value = x_min + x_span * i / 4
        x = LEFT + plot_w * i / 4
        body.append(
            f'<text x="{x:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="#3a3a3a">'
            f"{escape(_number(round(value, 2)))}</text>"
        )
    body.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{TOP + plot_h + 40}" text-anchor="middle" fill="#161616">'
        f"{escape(x_label)}</text>"
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" fill="#161616" '
        f'transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">{escape(y_label)}</text>'
    )
    for index, (_name, data) in enumerate(series):
        points = " ".join(
            f"{LEFT + plot_w * (x - x_min) / x_span:.1f},{TOP + plot_h - plot_h * y / y_max:.1f}"
            for x, y in zip(x_values, data, strict=False)
        )
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{COLOURS[index % len(COLOURS)]}" '
            f'stroke-width="2.5" stroke-dasharray="{DASHES[index % len(DASHES)]}"/>'
        )
    pairs = list(itertools.islice(zip(x_values, *[d for _, d in series], strict=False), 0, None))
    desc = (
        f"{y_label} selon {x_label}, de {_number(x_min)} à {_number(x_max)}. "
        + "; ".join(
            f"{name} : de {_number(min(data, default=0))} à {_number(max(data, default=0))}"
            for name, data in series
        )
        + (f" ({len(pairs)} points)." if pairs else ".")
    )
    return _svg(title, desc, body, _legend([name for name, _ in series], "line"), ident)
