import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError

from simulator.engine.situation import Household, Person, Role, Situation, french_errors, today


def errors_of(**data) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        Situation.model_validate(data)
    return french_errors(info.value)


def household(**overrides):
    return {"depcom": "75119", "housing": "locataire_prive", "rent": 700, **overrides}


def person(**overrides):
    return {"id": "p", "role": "demandeur", "birth_date": "1990-01-01", **overrides}


def test_missing_birth_date_is_refused_rather_than_defaulted_to_1970():
    errors = errors_of(persons=[{"id": "p", "role": "demandeur"}], household=household())
    assert errors == {"persons.0.birth_date": ["Ce champ est obligatoire."]}


def test_birth_date_in_the_future_is_refused_in_french():
    future = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    errors = errors_of(persons=[person(birth_date=future)], household=household())
    assert errors == {"persons.0.birth_date": ["La date de naissance ne peut pas être dans le futur."]}


def test_missing_commune_is_refused_rather_than_defaulted_to_apl_zone_2():
    errors = errors_of(persons=[person()], household={"housing": "proprietaire"})
    assert errors == {"household.depcom": ["Ce champ est obligatoire."]}


@pytest.mark.parametrize("depcom", ["7511", "75 119", "2C004", "abcde"])
def test_malformed_commune_code_is_refused(depcom):
    errors = errors_of(persons=[person()], household=household(depcom=depcom))
    assert errors["household.depcom"] == [
        "Le code commune INSEE doit compter 5 caractères (ex. 75119, 2A004)."
    ]


def test_corsican_commune_code_is_accepted():
    assert Household(depcom="2a004", housing="proprietaire").depcom == "2A004"


def test_negative_and_absurd_amounts_are_refused_with_their_field():
    incomes = [{"kind": "salaire_net", "amounts": {"2026-01": -5, "2026-02": 900_000}}]
    errors = errors_of(persons=[person(incomes=incomes)], household=household(rent=-1))
    assert errors["persons.0.incomes.0.amounts.2026-01"] == ["La valeur doit être positive ou nulle."]
    assert errors["persons.0.incomes.0.amounts.2026-02"] == ["La valeur est trop élevée (maximum 50000)."]
    assert errors["household.rent"] == ["La valeur doit être positive ou nulle."]


def test_more_than_twelve_children_are_refused():
    children = [person(id=f"c{i}", role="enfant", birth_date="2015-01-01") for i in range(13)]
    errors = errors_of(persons=[person(), *children], household=household())
    assert errors == {"persons": ["La situation ne peut pas compter plus de 12 enfants."]}


def test_jobseeker_must_say_since_when():
    errors = errors_of(persons=[person(activity="chomeur")], household=household())
    assert errors == {"persons.0": ["Indiquez depuis quand cette personne est au chômage."]}


def test_tenant_must_give_a_rent():
    errors = errors_of(persons=[person()], household=household(rent=None))
    assert errors == {"household": ["Indiquez le montant du loyer (hors charges)."]}


def test_income_month_must_be_year_dash_month():
    incomes = [{"kind": "salaire_net", "amounts": {"01/2026": 1000}}]
    errors = errors_of(persons=[person(incomes=incomes)], household=household())
    assert errors == {"persons.0.incomes.0.amounts": ["Le mois « 01/2026 » doit être au format AAAA-MM."]}


def test_a_valid_situation_exposes_its_demandeur():
    situation = Situation(
        persons=[Person(id="a", role=Role.DEMANDEUR, birth_date=dt.date(1980, 1, 1))],
        household=Household(depcom="75119", housing="locataire_prive", rent=Decimal(700)),
    )
    assert situation.demandeur.id == "a"
    assert situation.month == today().strftime("%Y-%m")
