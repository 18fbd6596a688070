"""Weekly bar charts drawn on the server as accessible SVG (no JavaScript, nothing from a CDN).

A figure hidden under the threshold is drawn as a dashed frame from 0 to the threshold ("somewhere
below it"), never as a bar of made-up height. The `<desc>` says every figure, as the table below
the chart does; labels are escaped, so the markup may be marked safe.
"""

import math
import zlib
from html import escape

from django.utils import formats

from rights.charts import COLOURS

WIDTH, HEIGHT = 480, 260  # narrow: on a phone the text stays readable
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 36
LINE = 20  # a legend line


def _number(value: float) -> str:
    return formats.number_format(value, 0, force_grouping=True)


def _nice_max(value: float) -> int:
    """The top of the axis: four whole, round ticks at least reaching `value` (counts are whole)."""
    quarter = value / 4
    magnitude = 10 ** max(math.floor(math.log10(quarter)), 0)
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        tick = step * magnitude
        if tick >= quarter and float(tick).is_integer():
            return int(4 * tick)
    return int(40 * magnitude)


def weekly_bars_svg(
    *, title: str, weeks: list[str], series: list[tuple[str, list[int | None]]], threshold: int, hidden: str
) -> str:
    """Grouped bars, one group per week; `None` is a figure hidden under `threshold`."""
    ident = f"stats-{zlib.crc32(repr((title, weeks, series)).encode()):08x}"
    shown = [value for _, data in series for value in data if value is not None]
    maximum = _nice_max(max([*shown, threshold]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body = []
    for i in range(5):
        y = TOP + plot_h - plot_h * i / 4
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#3a3a3a">'
            f"{_number(maximum * i / 4)}</text>"
        )
    group_w = plot_w / len(weeks)
    bar_w = group_w * 0.8 / len(series)
    for w_index, week in enumerate(weeks):
        x0 = LEFT + w_index * group_w + group_w * 0.1
        for s_index, (name, data) in enumerate(series):
            value, colour = data[w_index], COLOURS[s_index % len(COLOURS)]
            x = x0 + s_index * bar_w
            tip = escape(f"{name}, semaine du {week} : {hidden if value is None else _number(value)}")
            if value is None:
                h = plot_h * threshold / maximum
                body.append(
                    f'<rect x="{x + 1:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w * 0.92 - 2:.1f}" '
                    f'height="{h:.1f}" fill="none" stroke="{colour}" stroke-width="1.5" '
                    f'stroke-dasharray="3 2"><title>{tip}</title></rect>'
                )
            else:
                h = plot_h * value / maximum
                body.append(
                    f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w * 0.92:.1f}" '
                    f'height="{h:.1f}" fill="{colour}"><title>{tip}</title></rect>'
                )
        if (len(weeks) - 1 - w_index) % 2 == 0 or len(weeks) <= 6:  # every other label, the last one kept
            body.append(
                f'<text x="{x0 + group_w * 0.4:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" '
                f'fill="#3a3a3a">{escape(week)}</text>'
            )
    legend = []
    for s_index, (name, _) in enumerate(series):
        y = HEIGHT + LINE * s_index + 12
        legend.append(
            f'<rect x="{LEFT}" y="{y - 11}" width="14" height="12" fill="{COLOURS[s_index % len(COLOURS)]}"/>'
            f'<text x="{LEFT + 20}" y="{y}" fill="#161616">{escape(name)}</text>'
        )
    y = HEIGHT + LINE * len(series) + 12
    legend.append(
        f'<rect x="{LEFT + 1}" y="{y - 11}" width="12" height="12" fill="none" stroke="#3a3a3a" '
        f'stroke-dasharray="3 2"/><text x="{LEFT + 20}" y="{y}" fill="#161616">'
        f"{escape(f'Pointillés : {hidden}, chiffre non publié')}</text>"
    )
    desc = "; ".join(
        f"{name} : "
        + ", ".join(
            f"semaine du {w} {hidden if v is None else _number(v)}" for w, v in zip(weeks, data, strict=True)
        )
        for name, data in series
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {WIDTH} {HEIGHT + LINE * (len(series) + 1) + 8}" width="100%" '
        f'style="max-width:{WIDTH}px;height:auto" font-family="Marianne, Arial, sans-serif" font-size="13">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}.</desc>'
        + "".join(body)
        + "".join(legend)
        + "</svg>"
    )
