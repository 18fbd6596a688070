"""Dates written relative to the day the sandbox answers (T), so the demo never goes stale.

Grammar: ``[T|AY]{[+-]N(y|m|w|d)}[@D]``, e.g. ``-14m``, ``-10m-20d``, ``-1m@5`` (the 5th of last
month), ``AY`` (1 September opening the current academic year), ``AY+1y-1d``. An ISO date
(``2019-05-01``) stays absolute.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

EXPRESSION = re.compile(r"^(?P<anchor>T|AY)?(?P<offsets>(?:[+-]\d+[ymwd])*)(?:@(?P<day>\d{1,2}))?$")
OFFSET = re.compile(r"([+-]\d+)([ymwd])")
ACADEMIC_YEAR_START_MONTH = 9


class BadDateExpression(ValueError):
    pass


def months_add(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def academic_year_start(today: dt.date) -> dt.date:
    year = today.year if today.month >= ACADEMIC_YEAR_START_MONTH else today.year - 1
    return dt.date(year, ACADEMIC_YEAR_START_MONTH, 1)


def validate(value: object) -> None:
    """Raise BadDateExpression now rather than at the first request."""
    resolve(value, dt.date(2000, 1, 1))


def resolve(value: object, today: dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = str(value).replace(" ", "")
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return dt.date.fromisoformat(text)
    match = EXPRESSION.match(text)
    if not match or not text:
        raise BadDateExpression(f"not a date nor a relative date: {value!r}")
    day = academic_year_start(today) if match["anchor"] == "AY" else today
    for amount, unit in OFFSET.findall(match["offsets"]):
        number = int(amount)
        if unit == "y":
            day = months_add(day, 12 * number)
        elif unit == "m":
            day = months_add(day, number)
        elif unit == "w":
            day += dt.timedelta(weeks=number)
        else:
            day += dt.timedelta(days=number)
    if match["day"]:
        last = calendar.monthrange(day.year, day.month)[1]
        day = day.replace(day=min(int(match["day"]), last))
    return day


def resolve_iso(value: object, today: dt.date) -> str | None:
    return None if value is None else resolve(value, today).isoformat()
