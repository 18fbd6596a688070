import re

import pytest

pytestmark = pytest.mark.django_db
URL = "/mes-droits/versements/"


def test_a_jobseeker_sees_the_chart_and_the_table(persona, logged_in, django_assert_max_num_queries):
    client = logged_in(persona("sans_telephone"))
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    assert "<caption>Montants reçus par mois et par organisme (en euros)</caption>" in html
    assert len(re.findall(r"1\s?241,30 €", html)) >= 3
    assert "France Travail" in html


def test_ass_payments(persona, logged_in):
    html = logged_in(persona("naissance_Algérie")).get(URL).content.decode()
    assert "585,90 €" in html


def test_no_payment_data(persona, logged_in):
    html = logged_in(persona("nom_composé")).get(URL).content.decode()
    assert 'data-testid="no-payments"' in html
    assert "<svg" not in html
