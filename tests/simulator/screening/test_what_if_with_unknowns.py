"""The what-if of a pre-computed simulation whose answers are incomplete: it starts from the
screening's filled-in values and says each one on the page; without a commune it asks for it."""

import html

import pytest

from simulator.screening import ASSUMED
from tests.simulator.screening.test_personas_flow import _walk


@pytest.mark.django_db
def test_pierre_s_what_if_says_what_it_supposes_about_his_housing_and_work(citizen_of, agencies, logged_in):
    user, _, _, _ = _walk(citizen_of, "avec_nom_dusage")

    response = logged_in(user).get("/simulateur/changement/")

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assumed = page.split('data-testid="assumed"', 1)[1].split("</div>", 1)[0]
    assert ASSUMED["housing"].split(" :")[0] in assumed
    assert ASSUMED["activity"].split(" :")[0] in assumed


@pytest.mark.django_db
def test_hugo_without_a_commune_is_asked_for_it_before_a_what_if(citizen_of, agencies, logged_in):
    user, _, _, _ = _walk(citizen_of, "sans_telephone")

    response = logged_in(user).get("/simulateur/changement/")

    assert response.status_code == 302
    assert response["Location"] == "/simulateur/ma-commune/"
