"""Relative dates and the loading of the agencies' data files."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox.agencies import dates
from sandbox.agencies.records import BadRecords, records_load
from sandbox.agencies.settings import DATA_DIR, ImproperlyConfigured, load_settings

TODAY = dt.date(2026, 3, 31)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("-14m", dt.date(2025, 1, 31)),
        ("-10m-20d", dt.date(2025, 5, 11)),
        ("-1m", dt.date(2026, 2, 28)),
        ("-1m@5", dt.date(2026, 2, 5)),
        ("T@2", dt.date(2026, 3, 2)),
        ("+9m", dt.date(2026, 12, 31)),
        ("-8y", dt.date(2018, 3, 31)),
        ("-2w", dt.date(2026, 3, 17)),
        ("AY", dt.date(2025, 9, 1)),
        ("AY+1y-1d", dt.date(2026, 8, 31)),
        ("2019-05-01", dt.date(2019, 5, 1)),
    ],
)
def test_relative_dates_resolve_against_the_day_of_the_answer(expression, expected):
    assert dates.resolve(expression, TODAY) == expected


def test_academic_year_starts_in_september():
    assert dates.academic_year_start(dt.date(2026, 9, 1)) == dt.date(2026, 9, 1)
    assert dates.academic_year_start(dt.date(2026, 8, 31)) == dt.date(2025, 9, 1)


@pytest.mark.parametrize("expression", ["14m", "-14x", "yesterday", ""])
def test_bad_date_expression_is_refused(expression):
    with pytest.raises(dates.BadDateExpression):
        dates.validate(expression)


def test_shipped_records_load():
    book = records_load(
        identities_file=DATA_DIR / "identities.yaml", records_file=DATA_DIR / "agency_records.yaml"
    )
    assert {person.key for person in book.people} >= {"nom_composé", "test", "naissance_Algérie"}
    assert "sans_genre" not in {person.key for person in book.people}
    assert book.jobseeker_find("4567890b").key == "naissance_Algérie"


def test_record_for_an_unknown_login_is_refused(tmp_path):
    records = tmp_path / "records.yaml"
    records.write_text("people:\n  - login: nobody\n", encoding="utf-8")
    with pytest.raises(BadRecords, match="nobody"):
        records_load(identities_file=DATA_DIR / "identities.yaml", records_file=records)


def test_record_with_a_bad_date_is_refused_at_load(tmp_path):
    records = tmp_path / "records.yaml"
    records.write_text(
        "people:\n  - login: test\n    health_insurance:\n"
        "      complementaire_sante_solidaire: {since: last-week}\n",
        encoding="utf-8",
    )
    with pytest.raises(BadRecords, match="since"):
        records_load(identities_file=DATA_DIR / "identities.yaml", records_file=records)


@pytest.mark.parametrize(
    "env",
    [
        {"SANDBOX_AGENCIES_RECIPIENTS": "123"},
        {"SANDBOX_AGENCIES_LATENCY_MS": "-5"},
        {"SANDBOX_AGENCIES_LATENCY_MS": "fast"},
        {"SANDBOX_AGENCIES_TOKENS": " , "},
        {"SANDBOX_AGENCIES_DGFIP_CLIENTS": "no-secret"},
        {"SANDBOX_AGENCIES_TODAY": "31/03/2026"},
    ],
)
def test_bad_setting_fails_loudly(env):
    with pytest.raises(ImproperlyConfigured):
        load_settings(env)


def test_token_entries_may_restrict_scopes():
    settings = load_settings({"SANDBOX_AGENCIES_TOKENS": "full,limited:prime_activite cnaf_adresse"})
    assert settings.tokens == {"full": None, "limited": frozenset({"prime_activite", "cnaf_adresse"})}


def test_jwks_url_defaults_beside_checktoken():
    settings = load_settings({"SANDBOX_AGENCIES_FC_CHECKTOKEN_URL": "http://fc.test/api/v2/checktoken"})
    assert settings.fc_jwks_url == "http://fc.test/api/v2/jwks"
