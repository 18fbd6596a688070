"""The export is built from a registry of exporters that must cover every model about a person."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from privacy.export import personal_data, personal_data_json
from privacy.exporters import EXPORTERS, NOT_EXPORTED, covered_foreign_keys

pytestmark = pytest.mark.django_db


def foreign_keys_to_the_user() -> set[str]:
    user_model = get_user_model()
    return {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    }


def test_every_foreign_key_to_the_user_is_exported_or_explained():
    # A new model referring to the user fails here until an exporter covers it (export and
    # deletion both follow the registry) or NOT_EXPORTED says why it is not about the citizen.
    missing = foreign_keys_to_the_user() - covered_foreign_keys() - NOT_EXPORTED.keys()

    assert missing == set()
    assert NOT_EXPORTED.keys() <= foreign_keys_to_the_user(), "explanations for keys that no longer exist"


def test_the_export_has_a_row_in_every_section_and_only_the_persons_own(joelle, pierre):
    data = personal_data(user=joelle)

    assert list(data["sections"]) == [exporter.key for exporter in EXPORTERS]
    rows = {key: section["rows"] for key, section in data["sections"].items()}
    empty = {key for key, section_rows in rows.items() if not section_rows}
    assert empty == {"rattachement_agent"}  # Joëlle is no agent
    assert [row["id"] for row in rows["compte"]] == [joelle.pk]
    for key in ("identite", "accords", "donnees_organismes", "droits", "alertes", "simulation"):
        assert {row["user_id"] for row in rows[key]} == {joelle.pk}, key
    assert {row["person_id"] for row in rows["journal"]} == {joelle.pk}
    assert rows["droits"][0]["payments"] == [{"date": "2026-11-05", "amount": "1033.32"}]
    assert {row["source"] for row in rows["donnees_organismes"]} == {"caf", "cpam"}
    assert all(row["fetched_at"] for row in rows["donnees_organismes"])
    assert "password" not in rows["compte"][0]
    assert "token" not in rows["simulation"][0]


def test_the_json_is_machine_readable_and_names_nobody_else(joelle, pierre):
    text = personal_data_json(user=joelle).decode()

    data = json.loads(text)
    assert data["format"] == "mes-droits/export-donnees-personnelles/1"
    assert data["sections"]["identite"]["rows"][0]["family_name"] == "DUBINÔRE"
    assert "MERCIER" not in text  # Pierre's birth name
    assert "ymmyffarapp" not in text  # and his e-mail


def test_the_export_lists_the_devices_without_their_session_keys(joelle, pierre):
    key = joelle.device_sessions.get().session_key

    data = personal_data(user=joelle)

    (device,) = data["sections"]["appareils"]["rows"]
    assert (device["user_id"], device["device"]) == (joelle.pk, "Firefox sur Linux")
    assert device["started_at"]
    assert device["last_seen_at"]
    assert "session_key" not in device
    assert key not in personal_data_json(user=joelle).decode()
