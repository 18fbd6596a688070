"""'Se faire aider près de chez moi' for anyone: the France services nearest to a postcode, without
logging in; a logged-in citizen goes to their own page, which starts from their known address."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/aide-pres-de-chez-moi/"


def test_it_asks_for_a_postcode_without_login(client):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Se faire aider près de chez moi</h1>" in html
    assert 'name="code_postal"' in html
    assert 'data-testid="france-services-site"' not in html


def test_a_postcode_lists_the_nearest_france_services(client, settings):
    settings.RIGHTS_FRANCE_SERVICES_NEAREST = 3

    response = client.get(URL, {"code_postal": "33000"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Les France services les plus proches de Bordeaux" in html
    assert html.count('data-testid="france-services-site"') == 3
    assert "D'après votre adresse connue" not in html.replace("&#x27;", "'")


def test_an_unknown_postcode_is_said_so(client):
    response = client.get(URL, {"code_postal": "00000"})

    assert response.status_code == 200
    assert "Ce code postal ne correspond à aucune commune." in response.content.decode()


def test_a_malformed_postcode_is_refused_with_the_expected_format(client):
    html = client.get(URL, {"code_postal": "Bordeaux"}).content.decode()

    assert "Saisissez un code postal à 5 chiffres." in html
    assert 'data-testid="france-services-site"' not in html


def test_a_citizen_is_sent_to_their_own_page_with_the_query(logged_in, citizen_of):
    response = logged_in(citizen_of("nom_composé")).get(URL, {"code_postal": "13013"})

    assert response.status_code == 302
    assert response["Location"] == "/mes-droits/aide-pres-de-chez-moi/?code_postal=13013"


def test_an_agent_uses_the_public_page(client, agent):
    client.force_login(agent)

    assert client.get(URL, {"code_postal": "33000"}).status_code == 200
