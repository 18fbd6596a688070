import pytest

pytestmark = pytest.mark.django_db
URL = "/mes-droits/aide-pres-de-chez-moi/"


def test_it_uses_the_caf_address(persona, logged_in, django_assert_max_num_queries):
    client = logged_in(persona("nom_composé"))
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Les France services les plus proches de Marseille 13e Arrondissement" in html
    assert html.count('data-testid="france-services-site"') == 5
    assert "Horaires : " in html
    assert "Téléphone" in html
    assert "ANCT / Banque des Territoires – liste des France services, 01/08/2024" in html


def test_a_postal_code_typed_in(bob, logged_in):
    html = logged_in(bob).get(URL, {"code_postal": "20000"}).content.decode()
    assert "plus proches d'Ajaccio" in html
    assert "Ajaccio" in html


def test_an_unknown_postal_code(bob, logged_in):
    html = logged_in(bob).get(URL, {"code_postal": "00000"}).content.decode()
    assert "ne correspond à aucune commune" in html


def test_no_address_known_asks_for_one(bob, logged_in):
    html = logged_in(bob).get(URL).content.decode()
    assert 'name="code_postal"' in html
    assert "france-services-site" not in html
