"""Every date the partners' API takes, at the limits of the calendar: a French 400, never a 500
(issue 12, point 8). The notifications API's `scheduled_at` has its own tests in tests/alerts/api/."""

import contextlib
import copy
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pydantic import ValidationError
from rest_framework.test import APIClient

from simulator.api.serializers import SituationSerializer
from simulator.api.views import EXAMPLE
from simulator.engine import Situation

LIMIT_DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "1900-01-01", "2027-03-28", "2027-02-29", ""]
LIMIT_MONTHS = ["0001-01", "9999-12", "0000-01", "1900-01", "2027-13", "10000-01", ""]
DATES = st.one_of(
    st.sampled_from(LIMIT_DATES),
    st.dates().map(dt.date.isoformat),
    st.datetimes(timezones=st.none() | st.timezones()).map(dt.datetime.isoformat),
    st.text(max_size=20),
)
MONTHS = st.one_of(
    st.sampled_from(LIMIT_MONTHS), st.dates().map(lambda day: day.isoformat()[:7]), st.text(max_size=10)
)


def situation_with(*, field: str, value: str) -> dict:
    data = copy.deepcopy(EXAMPLE)
    if field == "month":
        data["month"] = value
    elif field == "income_month":
        data["persons"][0]["incomes"][0]["amounts"] = {value: "1100"}
    elif field == "received_since":
        data["received"] = [{"key": "rsa", "monthly_amount": "300", "since": value}]
    else:
        data["persons"][0][field] = value
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("month", "0001-01"),
        ("month", "9999-12"),
        ("birth_date", "0001-01-01"),
        ("birth_date", "9999-12-31"),
        ("jobseeker_since", "9999-12-31"),
        ("received_since", "0001-01-01"),
        ("received_since", "9999-12-31"),
        ("income_month", "0001-01"),
        ("income_month", "9999-12"),
    ],
)
def test_a_simulation_at_the_limits_of_the_calendar_is_never_a_server_error(settings, field, value):
    settings.SIMULATOR_API_ANON_RATE = "100000/min"

    response = APIClient().post(
        "/api/simulateur/simulation/", situation_with(field=field, value=value), format="json"
    )

    assert response.status_code in {200, 400}, response.content
    if response.status_code == 400:
        assert response.json()["errors"]


@pytest.mark.django_db
def test_a_simulated_month_out_of_range_is_a_french_400(settings):
    settings.SIMULATOR_API_ANON_RATE = "100000/min"

    response = APIClient().post(
        "/api/simulateur/simulation/", situation_with(field="month", value="0001-01"), format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "month": ["Le mois simulé doit être compris entre il y a deux ans et dans un an (format AAAA-MM)."]
    }


@hypothesis_settings(max_examples=200, deadline=None, database=None)
@given(
    field=st.sampled_from(["birth_date", "jobseeker_since", "received_since", "month", "income_month"]),
    data=st.data(),
)
def test_the_simulation_serializer_and_model_refuse_any_date_cleanly(field, data):
    value = data.draw(MONTHS if field in {"month", "income_month"} else DATES)
    serializer = SituationSerializer(data=situation_with(field=field, value=value))

    if not serializer.is_valid():
        assert all(serializer.errors.values())
        return
    # The engine's own model may still refuse it, with its French messages; nothing else may escape.
    with contextlib.suppress(ValidationError):
        Situation.model_validate(serializer.validated_data)
