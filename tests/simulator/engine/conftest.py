"""Engine fixtures: situations of named personas (the system is built once, in ../conftest.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from simulator.engine.situation import (
    Activity,
    Household,
    Housing,
    Income,
    IncomeKind,
    Person,
    ReceivedBenefit,
    Role,
    SchoolLevel,
    Situation,
)

MONTH = "2026-11"
LAST_12_MONTHS = [f"2025-{m:02d}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 11)]


def monthly(amount, months=LAST_12_MONTHS) -> dict[str, Decimal]:
    return dict.fromkeys(months, Decimal(str(amount)))


@pytest.fixture
def bertrand() -> Situation:
    """Persona 8: lives alone in Bordeaux, part-time job at about 1,100 € net, rent 560 €."""
    return Situation(
        month=MONTH,
        persons=[
            Person(
                id="bertrand",
                role=Role.DEMANDEUR,
                birth_date=dt.date(2000, 3, 1),
                activity=Activity.SALARIE,
                incomes=[
                    Income(kind=IncomeKind.SALAIRE_NET, amounts=monthly(1100), monthly_hours=Decimal(110))
                ],
            )
        ],
        household=Household(depcom="33063", housing=Housing.LOCATAIRE_PRIVE, rent=Decimal(560)),
        received=[ReceivedBenefit(key="ppa", monthly_amount=Decimal(180), since=dt.date(2026, 9, 1))],
    )


@pytest.fixture
def hugo() -> Situation:
    """Persona 4: jobseeker in Paris 19e since 7 months, ARE of 1,240 € a month, rent 780 €."""
    return Situation(
        month=MONTH,
        persons=[
            Person(
                id="hugo",
                role=Role.DEMANDEUR,
                birth_date=dt.date(1990, 12, 19),
                activity=Activity.CHOMEUR,
                jobseeker_since=dt.date(2026, 4, 1),
                incomes=[Income(kind=IncomeKind.CHOMAGE_NET, amounts=monthly(1240, LAST_12_MONTHS[-6:]))],
            )
        ],
        household=Household(depcom="75119", housing=Housing.LOCATAIRE_PRIVE, rent=Decimal(780)),
    )


@pytest.fixture
def jean_philippe() -> Situation:
    """Persona 5: 83-year-old in Paris 9e, pension 750 €/month, rent 640 €, RFR 5,300 €."""
    return Situation(
        month=MONTH,
        persons=[
            Person(
                id="jean-philippe",
                role=Role.DEMANDEUR,
                birth_date=dt.date(1943, 6, 15),
                activity=Activity.RETRAITE,
                incomes=[Income(kind=IncomeKind.RETRAITE_NETTE, amounts=monthly(750))],
            )
        ],
        household=Household(depcom="75109", housing=Housing.LOCATAIRE_PRIVE, rent=Decimal(640)),
        fiscal={"rfr_n2": Decimal(5300)},
    )


@pytest.fixture
def melissandre() -> Situation:
    """Persona 1: single parent in Marseille 13e, HLM rent 520 €, children of 8 and 12, on RSA."""
    return Situation(
        month=MONTH,
        persons=[
            Person(id="melissandre", role=Role.DEMANDEUR, birth_date=dt.date(1981, 7, 27)),
            Person(
                id="e1", role=Role.ENFANT, birth_date=dt.date(2018, 10, 1), school_level=SchoolLevel.PRIMAIRE
            ),
            Person(
                id="e2", role=Role.ENFANT, birth_date=dt.date(2014, 10, 1), school_level=SchoolLevel.COLLEGE
            ),
        ],
        household=Household(depcom="13213", housing=Housing.LOCATAIRE_HLM, rent=Decimal(520)),
        received=[ReceivedBenefit(key="rsa", monthly_amount=Decimal(700), since=dt.date(2025, 9, 1))],
    )


@pytest.fixture
def joelle() -> Situation:
    """Persona 6: lives alone in Paris 17e, incapacity rate 80 %, AAH beneficiary, rent 700 €."""
    return Situation(
        month=MONTH,
        persons=[
            Person(
                id="joelle",
                role=Role.DEMANDEUR,
                birth_date=dt.date(1992, 8, 15),
                disability_rate=80,
                incomes=[Income(kind=IncomeKind.AAH, amounts=monthly(1033))],
            )
        ],
        household=Household(depcom="75117", housing=Housing.LOCATAIRE_PRIVE, rent=Decimal(700)),
    )
