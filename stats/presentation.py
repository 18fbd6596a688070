"""What the public page shows of a snapshot: figures under the threshold hidden, French labels,
weekly charts with their tables."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe

from alerts.models import Publication
from rights.catalogue import ORGANISM_CHOICES, benefits
from stats.charts import weekly_bars_svg
from stats.models import Snapshot

THRESHOLD = 10  # a figure from 1 to THRESHOLD - 1 is not published
HIDDEN = "moins de 10"


@dataclass(frozen=True)
class Figure:
    value: int | None  # None: hidden under the threshold
    text: str


def figure(n: int) -> Figure:
    """A count as published: zero and counts from THRESHOLD up as they are, the others hidden."""
    if 0 < n < THRESHOLD:
        return Figure(None, HIDDEN)
    return Figure(n, number_format(n, 0, force_grouping=True))


@dataclass(frozen=True)
class Series:
    name: str
    figures: list[Figure]
    total: Figure


@dataclass(frozen=True)
class Weekly:
    """One chart and its table: a row per week, a column per series."""

    ident: str
    title: str
    series: list[Series]
    weeks: list[str]  # "30 nov. 2026", the Monday
    chart: SafeString
    rows: list[tuple[str, list[Figure]]] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    label: str
    figures: list[Figure]


@dataclass(frozen=True)
class StatsPage:
    computed_at: dt.datetime
    first_week: dt.date
    citizens: Figure
    people: Weekly
    simulations: Weekly
    clicks: Weekly
    clicks_by_organism: list[Row]
    potential_rights: list[Row]
    alerts: Weekly
    publications: Weekly
    publications_by_agency: list[Row]
    reports: Weekly
    reports_open: Figure
    reports_answered: Figure
    median_days: str | None  # None when too few reports were answered to publish it
    threshold: int = THRESHOLD


def _weekly(ident: str, title: str, weeks: list[dt.date], series: list[tuple[str, list[int]]]) -> Weekly:
    built = [Series(name, [figure(n) for n in data], figure(sum(data))) for name, data in series]
    chart = weekly_bars_svg(
        title=title,
        weeks=[date_format(week, "j N") for week in weeks],
        series=[(s.name, [f.value for f in s.figures]) for s in built],
        threshold=THRESHOLD,
        hidden=HIDDEN,
    )
    labels = [date_format(week, "j N Y") for week in weeks]
    rows = [(label, [s.figures[index] for s in built]) for index, label in enumerate(labels)]
    return Weekly(ident, title, built, labels, mark_safe(chart), rows)  # noqa: S308 -- escaped in charts


def _organism(code: str) -> str:
    return dict(ORGANISM_CHOICES).get(code, code.upper())


def _benefit(key: str) -> str:
    entry = benefits().get(key)
    return entry.name if entry else key


def _rows(counts: dict[str, list[int]], label) -> list[Row]:
    ordered = sorted(counts.items(), key=lambda item: (-sum(item[1]), label(item[0])))
    return [Row(label(key), [figure(n) for n in numbers]) for key, numbers in ordered]


def _median_days(reports: dict) -> str | None:
    if reports["answered"] < THRESHOLD or reports["median_days"] is None:
        return None
    days = reports["median_days"]
    return f"{number_format(days, 0 if float(days).is_integer() else 1)} jour{'s' if days >= 2 else ''}"


def stats_page(snapshot: Snapshot) -> StatsPage:
    data = snapshot.data
    weeks = [dt.date.fromisoformat(week) for week in data["weeks"]]
    weekly = data["weekly"]
    reports = data["error_reports"]
    agency_labels = dict(Publication._meta.get_field("agency").choices)
    return StatsPage(
        computed_at=snapshot.computed_at,
        first_week=weeks[0],
        citizens=figure(data["citizens"]),
        people=_weekly("people", "Connexions avec FranceConnect et comptes créés, par semaine", weeks, [
            ("Connexions", weekly["logins"]), ("Comptes créés", weekly["accounts"])]),
        simulations=_weekly("simulations", "Simulations faites, par semaine", weeks, [
            ("Sans connexion", weekly["simulations_anonymous"]),
            ("Personne connectée", weekly["simulations_logged_in"])]),
        clicks=_weekly("clicks", "Clics vers les démarches des organismes, par semaine", weeks, [
            ("Clics vers une démarche", weekly["procedure_clicks"])]),
        clicks_by_organism=_rows({k: [n] for k, n in data["procedure_clicks"].items()}, _organism),
        potential_rights=_rows(
            {k: [v["potential"], v["to_check"]] for k, v in data["potential_rights"].items()}, _benefit
        ),
        alerts=_weekly("alerts", "Alertes envoyées et lues, par semaine", weeks, [
            ("Envoyées", weekly["alerts_sent"]), ("Lues", weekly["alerts_read"])]),
        publications=_weekly("publications", "Messages des organismes et personnes atteintes, par semaine", weeks, [
            ("Messages envoyés", weekly["publications"]), ("Destinataires", weekly["publication_recipients"])]),
        publications_by_agency=_rows(
            {k: [v["publications"], v["recipients"], v["read"]] for k, v in data["publications_by_agency"].items()},
            lambda code: agency_labels.get(code, code.upper()),
        ),
        reports=_weekly("reports", "Signalements reçus et traités, par semaine", weeks, [
            ("Erreurs signalées", weekly["error_reports"]),
            ("Erreurs traitées", weekly["error_reports_answered"]),
            ("Résultats contestés", weekly["result_reports"])]),
        reports_open=figure(reports["open"]),
        reports_answered=figure(reports["answered"]),
        median_days=_median_days(reports),
    )  # fmt: skip
