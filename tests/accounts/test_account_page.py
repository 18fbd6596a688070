""" "Mon compte" shows the identity FranceConnect sent in French words."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_birth_date_is_written_in_french(citizen_of, logged_in):
    pierre = citizen_of("avec_nom_dusage")

    response = logged_in(pierre).get("/mon-compte/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<dd>17 mars 1969</dd>" in page
    assert "1969-03-17" not in page


def test_a_presumed_birth_date_shows_the_year_and_says_so(citizen_of, logged_in):
    pierre = citizen_of("avec_nom_dusage")
    pierre.identity.birthdate = "1969-00-00"
    pierre.identity.save()

    response = logged_in(pierre).get("/mon-compte/")

    assert response.status_code == 200
    assert "<dd>1969 (date présumée)</dd>" in response.content.decode()
