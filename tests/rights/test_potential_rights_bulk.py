"""`potential_rights_replace_many`: many members' simulator findings in a constant number of
queries, refused as a whole on a value the model refuses."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rights.models import Right
from rights.services import (
    PotentialRight,
    potential_rights_replace,
    potential_rights_replace_many,
    rights_rebuild_for_user,
)

pytestmark = pytest.mark.django_db

LOGINS = ("test", "nom_composé", "avec_nom_dusage", "sans_genre", "caractères_spéciaux", "sans_birthplace")


def _findings(amount="230"):
    return [
        PotentialRight("rsa", Decimal("635.70"), "mensuelle", "/s/"),
        PotentialRight("aide_logement", Decimal(amount), "mensuelle", "/s/"),
        PotentialRight("cheque_energie", None, "annuelle", "/s/", to_check=True,
                       questions=[{"key": "commune", "question": "Où habitez-vous ?", "url": "/q/"}]),
    ]  # fmt: skip


def _members(citizen_of, agency_row, count):
    """Members with a held RSA (estimate to write), a potential row to update and one to delete."""
    users = [citizen_of(login) for login in LOGINS[:count]]
    for user in users:
        agency_row(
            user, "revenu_solidarite_active", {"est_beneficiaire": True, "date_debut_droit": "2026-01-01"}
        )
        rights_rebuild_for_user(user=user)
        potential_rights_replace(user=user, potentials=[
            PotentialRight("aide_logement", Decimal("200"), "mensuelle", "/s/"),
            PotentialRight("ppa", Decimal("100"), "mensuelle", "/s/"),
        ])  # fmt: skip
    return users


@pytest.mark.parametrize("count", [1, 6])
def test_writing_many_members_takes_the_same_few_queries(
    citizen_of, agency_row, django_assert_max_num_queries, count
):
    users = _members(citizen_of, agency_row, count)

    with django_assert_max_num_queries(9):  # savepoint, 3 reads, 1 delete, 2 inserts, 1 update, release
        potential_rights_replace_many(potentials_by_user={user.pk: _findings() for user in users})

    for user in users:
        rows = {r.key: (r.status, r.amount, r.amount_is_estimate) for r in Right.objects.filter(user=user)}
        assert rows == {
            "rsa": ("open", Decimal("635.70"), True),
            "aide_logement": ("potential", Decimal("230"), True),
            "cheque_energie": ("to_check", None, True),
        }


def test_members_written_together_get_what_each_would_alone(citizen_of, agency_row):
    users = _members(citizen_of, agency_row, 3)
    findings = {users[0].pk: _findings("230"), users[1].pk: _findings("10"), users[2].pk: []}

    def rows():
        return sorted(
            Right.objects.filter(user__in=users).values_list(
                "user_id", "key", "status", "domain", "organism", "amount", "amount_is_estimate",
                "periodicity", "questions", "basis", "source", "start_date", "end_date", "simulation_url",
            )
        )  # fmt: skip

    for user in users:
        potential_rights_replace(user=user, potentials=findings[user.pk])
    one_by_one = rows()
    potential_rights_replace_many(potentials_by_user=findings)

    assert rows() == one_by_one


@pytest.mark.parametrize(
    ("potential", "field"),
    [
        (PotentialRight("aide_logement", Decimal("123456789.123"), "mensuelle", "/s/"), "amount"),
        (PotentialRight("aide_logement", Decimal("10"), "hebdomadaire", "/s/"), "periodicity"),
        (PotentialRight("aide_logement", Decimal("10"), "mensuelle", "/s/" + "x" * 300), "simulation_url"),
        (
            PotentialRight("rsa", Decimal("12345678901"), "mensuelle", "/s/"),
            "amount",
        ),  # a held right's estimate
    ],
)
def test_a_value_the_model_refuses_writes_nothing_for_anyone(citizen_of, agency_row, potential, field):
    users = _members(citizen_of, agency_row, 2)
    before = sorted(Right.objects.values_list("user_id", "key", "status", "amount"))

    with pytest.raises(ValidationError) as refused:
        potential_rights_replace_many(potentials_by_user={users[0].pk: _findings(), users[1].pk: [potential]})

    assert field in refused.value.message_dict
    assert sorted(Right.objects.values_list("user_id", "key", "status", "amount")) == before


def test_an_unknown_key_raises_and_writes_nothing(citizen_of, agency_row):
    users = _members(citizen_of, agency_row, 2)
    before = sorted(Right.objects.values_list("user_id", "key", "status", "amount"))

    with pytest.raises(KeyError):
        potential_rights_replace_many(
            potentials_by_user={
                users[0].pk: _findings(),
                users[1].pk: [PotentialRight("nope", None, "mensuelle", "/s/")],
            }
        )

    assert sorted(Right.objects.values_list("user_id", "key", "status", "amount")) == before


def test_an_unknown_member_is_refused(bob):
    with pytest.raises(ValidationError) as refused:
        potential_rights_replace_many(potentials_by_user={bob.pk: _findings(), bob.pk + 1000: _findings()})

    assert "user" in refused.value.message_dict
    assert not Right.objects.exists()


def test_a_key_given_twice_for_a_new_row_is_refused(bob):
    twice = [
        PotentialRight("ppa", Decimal("1"), "mensuelle", "/s/"),
        PotentialRight("ppa", Decimal("2"), "mensuelle", "/s/"),
    ]

    with pytest.raises(ValidationError):
        potential_rights_replace(user=bob, potentials=twice)

    assert not Right.objects.exists()
