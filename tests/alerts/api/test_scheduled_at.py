"""`scheduled_at` of POST /api/notifications/publications/ at the limits: a French 400, never a 500,
and nothing created (issue 12, point 8)."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from alerts.models import Publication
from tests.alerts.api.conftest import publish

PAYLOAD = {
    "title": "Permanence exceptionnelle",
    "body": "Votre CAF vous reçoit samedi.",
    "audience": {"kind": "all"},
}
PARIS = dt.timezone(dt.timedelta(hours=1))

# Dates at the limits: the first and last days Python can hold, naive and aware, date-only, times
# that do not exist in Paris (spring forward) or exist twice (fall back), absurd offsets.
LIMITS = [
    "0001-01-01", "0001-01-01T00:00:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00",
    "9999-12-31", "9999-12-31T23:59:59", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-12:00",
    "9999-12-31T23:59:59.999999-23:59", "1970-01-01T00:00:00Z", "2038-01-19T03:14:08Z",
    "2027-03-28T02:30:00", "2027-10-31T02:30:00", "2027-03-28T02:30:00+01:00",
    "2027-02-30T10:00:00", "2027-13-01T10:00:00", "2027-01-01T24:00:00", "10000-01-01T00:00:00",
    "-0001-01-01T00:00:00", "", " ", "now", "2027-01-01T10:00:00+99:00",
]  # fmt: skip
DATE_STRINGS = st.one_of(
    st.sampled_from(LIMITS),
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(dt.datetime.isoformat),
    st.datetimes(timezones=st.timezones()).map(dt.datetime.isoformat),
    st.text(max_size=40),
)
ANY_JSON = st.one_of(
    DATE_STRINGS,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.text()),
)


def errors_of(response) -> list[str]:
    return response.json()["scheduled_at"]


OUT_OF_RANGE = "Date hors des limites : l'envoi se programme entre maintenant et dans un an."
TOO_FAR = "L'envoi ne peut pas être programmé plus d'un an à l'avance."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0001-01-01", OUT_OF_RANGE),  # a naive year 1 in Paris is before year 1 in UTC
        ("0001-01-01T00:00:00", OUT_OF_RANGE),
        ("0001-01-01T00:00:00+14:00", OUT_OF_RANGE),
        ("9999-12-31", TOO_FAR),
        ("9999-12-31T23:59:59Z", OUT_OF_RANGE),  # Paris is already in year 10000
    ],
)
def test_a_date_at_the_limits_of_the_calendar_is_a_french_400(caf_api, melissandre, value, message):
    response = publish(caf_api, PAYLOAD | {"scheduled_at": value})

    assert response.status_code == 400, response.content
    assert errors_of(response) == [message]
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_a_date_in_the_past_is_refused_with_how_to_send_now(caf_api, melissandre):
    yesterday = timezone.now() - dt.timedelta(days=1)

    response = publish(caf_api, PAYLOAD | {"scheduled_at": yesterday.isoformat()})

    assert response.status_code == 400
    assert "laissez scheduled_at vide" in errors_of(response)[0]
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_more_than_a_year_ahead_is_refused(caf_api, melissandre):
    response = publish(
        caf_api, PAYLOAD | {"scheduled_at": (timezone.now() + dt.timedelta(days=400)).isoformat()}
    )

    assert response.status_code == 400
    assert errors_of(response) == ["L'envoi ne peut pas être programmé plus d'un an à l'avance."]
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_a_paris_time_that_does_not_exist_asks_for_an_offset(caf_api, melissandre):
    # Clocks jump from 02:00 to 03:00 in Paris on the last Sunday of March.
    march = dt.date(timezone.localdate().year + 1, 3, 31)
    gap_day = march - dt.timedelta(days=(march.weekday() + 1) % 7)
    if timezone.make_aware(dt.datetime.combine(gap_day, dt.time(1))) > timezone.now() + dt.timedelta(
        days=365
    ):
        gap_day = gap_day.replace(year=gap_day.year - 1)

    response = publish(caf_api, PAYLOAD | {"scheduled_at": f"{gap_day.isoformat()}T02:30:00"})

    assert response.status_code == 400
    assert "n'existe pas à Paris" in errors_of(response)[0]


@pytest.mark.django_db
def test_a_time_within_the_year_is_scheduled_in_paris_time(caf_api, melissandre):
    when = (timezone.localtime() + dt.timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)

    response = publish(caf_api, PAYLOAD | {"scheduled_at": when.replace(tzinfo=None).isoformat()})

    assert response.status_code == 201, response.content
    publication = Publication.objects.get()
    assert publication.scheduled_at == when
    assert publication.status == Publication.Status.SCHEDULED


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(value=ANY_JSON)
def test_any_scheduled_at_is_a_201_or_a_400_never_a_500(caf_api, settings, value):
    settings.ALERTS_API_RATE = "100000/min"
    before = Publication.objects.count()

    response = publish(caf_api, PAYLOAD | {"scheduled_at": value}, key=uuid.uuid4().hex)

    assert response.status_code in {201, 400}, (value, response.status_code)
    if response.status_code == 400:
        assert Publication.objects.count() == before
        assert all(isinstance(message, str) for message in errors_of(response))
    else:
        scheduled = Publication.objects.get(pk=response.json()["id"]).scheduled_at
        assert timezone.now() - dt.timedelta(minutes=10) < scheduled < timezone.now() + dt.timedelta(days=366)
