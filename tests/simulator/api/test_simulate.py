"""POST /api/simulateur/simulation/: validated input, precise 400s by field path, documented."""

import copy

import pytest
from rest_framework.test import APIClient

from simulator.api.views import EXAMPLE

pytestmark = pytest.mark.django_db
URL = "/api/simulateur/simulation/"


def post(body):
    return APIClient().post(URL, body, format="json")


def test_it_returns_every_benefit_explained():
    response = post(EXAMPLE)
    assert response.status_code == 200
    body = response.json()
    assert body["month"] == "2026-11"
    ppa = next(b for b in body["benefits"] if b["key"] == "ppa")
    assert ppa["eligible"]
    assert float(ppa["amount"]) > 0
    assert ppa["explanation"]
    assert body["assumptions"]


def _with(path: str, value):
    body = copy.deepcopy(EXAMPLE)
    target = body
    *parents, last = path.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return body


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        ("household.depcom", None, "household.depcom", "Ce champ est obligatoire."),
        (
            "household.depcom",
            "99999",
            "household.depcom",
            "Commune inconnue du Code officiel géographique 2026.",
        ),
        ("household.depcom", "75019x", "household.depcom", "Le code commune INSEE doit compter 5 caractères"),
        ("household.depcom", "75056", "household.depcom", "Paris : indiquez le code de l'arrondissement"),
        ("household.depcom", "69123", "household.depcom", "Lyon : indiquez le code de l'arrondissement"),
        ("household.depcom", "13055", "household.depcom", "Marseille : indiquez le code de l'arrondissement"),
        (
            "persons.0.birth_date",
            "2999-01-01",
            "persons.0.birth_date",
            "La date de naissance ne peut pas être dans le futur.",
        ),
        (
            "persons.0.incomes.0.amounts",
            {"2026-10": "-5"},
            "persons.0.incomes.0.amounts.2026-10",
            "supérieure ou égale à",
        ),
        ("persons.0.incomes.0.amounts", {"2026-13": "5"}, "persons.0.incomes.0.amounts", "AAAA-MM"),
        ("persons.1.role", "demandeur", "persons", "exactement un demandeur"),
        ("household.rent", None, "household", "Indiquez le montant du loyer"),
    ],
)
def test_bad_input_answers_400_naming_the_field(path, value, field, message):
    response = post(_with(path, value))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors, errors
    assert any(message in text for text in errors[field]), errors


def test_fifteen_children_are_refused():
    body = copy.deepcopy(EXAMPLE)
    body["persons"] += [{"id": f"e{i}", "role": "enfant", "birth_date": "2015-01-01"} for i in range(15)]
    response = post(body)
    assert response.status_code == 400
    assert "persons" in response.json()["errors"]


def test_the_endpoint_is_in_the_openapi_schema():
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"][URL]["post"]
    assert operation["operationId"] == "simulate"
    assert set(operation["responses"]) == {"200", "400", "401", "429"}


def test_hours_with_two_decimals_the_legal_full_time_are_accepted():
    body = copy.deepcopy(EXAMPLE)
    salary = next(income for income in body["persons"][0]["incomes"] if income["kind"] == "salaire_net")
    salary["monthly_hours"] = "151.67"

    response = post(body)

    assert response.status_code == 200, response.json()


def test_each_amount_comes_with_its_unrounded_value_and_the_rounding_is_documented():
    body = post(EXAMPLE).json()

    ppa = next(b for b in body["benefits"] if b["key"] == "ppa")
    assert float(ppa["amount"]) <= float(ppa["amount_unrounded"]) < float(ppa["amount"]) + 1
    css = next(b for b in body["benefits"] if b["key"] == "css_sans_participation")
    assert css["amount_unrounded"] is None  # eligibility only
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    benefit = schema["components"]["schemas"]["Benefit"]["properties"]
    assert "multiple of 10 € for rsa" in benefit["amount"]["description"]
    assert "to the cent" in benefit["amount_unrounded"]["description"]
    income = schema["components"]["schemas"]["Income"]["properties"]["amounts"]["description"]
    assert "filled with the average" in income
