"""GET /stats/: the latest snapshot and when it was computed, small figures hidden, nothing computed."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from stats.models import DailyCount, Snapshot
from stats.presentation import HIDDEN, figure
from stats.services import snapshot_compute
from tests.stats.conftest import count_times

pytestmark = pytest.mark.django_db

PARIS = dt.timezone(dt.timedelta(hours=1))  # December: Europe/Paris is UTC+1


def test_the_page_shows_the_latest_snapshot_and_its_date(client, known_rows):
    snapshot_compute(now=dt.datetime(2026, 12, 1, 8, 0, tzinfo=PARIS))
    snapshot_compute(now=dt.datetime(2026, 12, 3, 16, 20, tzinfo=PARIS))
    response = client.get("/stats/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chiffres calculés le 3 décembre 2026 à 16:20" in page
    assert "lundi 14 septembre 2026" in page  # 12 weeks, the one of 3 December last
    assert "Droit potentiel" in page
    assert "Revenu de solidarité active" in page


def test_viewing_the_page_computes_nothing(client, known_rows, django_assert_max_num_queries):
    snapshot_compute()
    with django_assert_max_num_queries(2):  # the latest snapshot; the session (anonymous: none)
        response = client.get("/stats/")
    assert response.status_code == 200
    assert Snapshot.objects.count() == 1


def test_the_page_without_a_snapshot_says_it_is_not_computed_yet(client):
    response = client.get("/stats/")
    assert response.status_code == 200
    assert "Les statistiques n'ont pas encore été calculées" in response.content.decode()
    assert not Snapshot.objects.exists()


def table_rows(page: str, testid: str) -> list[list[str]]:
    """The cells' texts, row by row, of the table inside `data-testid=testid`."""
    table = page[page.index(f'data-testid="{testid}"') :]
    table = table[: table.index("</table>")]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_a_count_under_the_threshold_is_hidden(client):
    count_times(DailyCount.Event.SIMULATION_ANONYMOUS, 3)
    count_times(DailyCount.Event.SIMULATION_LOGGED_IN, 12)
    snapshot_compute()
    rows = table_rows(client.get("/stats/").content.decode(), "table-simulations")
    assert rows[0] == ["Semaine du", "Sans connexion", "Personne connectée"]
    assert rows[-2][1:] == ["moins de 10", "12"]  # this week
    assert rows[-1] == ["Total (12 semaines)", "moins de 10", "12"]
    assert all(row[1:] == ["0", "0"] for row in rows[1:-2])


@pytest.mark.parametrize(
    ("count", "shown"), [(0, "0"), (1, HIDDEN), (9, HIDDEN), (10, "10"), (1234, "1\xa0234")]
)
def test_zero_and_counts_from_the_threshold_are_published_the_others_hidden(count, shown):
    assert figure(count).text == shown
    assert (figure(count).value is None) == (shown == HIDDEN)


def test_the_median_handling_time_waits_for_enough_answered_reports(client, known_rows):
    snapshot_compute()
    page = client.get("/stats/").content.decode()
    assert "non publié (moins de 10 signalements traités)" in page


def test_the_chart_says_every_figure_and_draws_a_hidden_one_as_a_frame(client):
    count_times(DailyCount.Event.LOGIN_CITIZEN, 4)
    snapshot_compute(now=timezone.now())
    page = client.get("/stats/").content.decode()
    chart = page[page.index('data-testid="chart-people"') :]
    chart = chart[: chart.index("</svg>")]
    assert 'role="img"' in chart
    assert "Connexions : semaine du" in chart
    assert "moins de 10" in chart
    assert 'stroke-dasharray="3 2"><title>Connexions, semaine du' in chart
