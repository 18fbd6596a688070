"""'Montant inattendu ?': the common reasons an amount differs, then the report form for that benefit."""

import html

import pytest

from simulator.models import ErrorReport

pytestmark = pytest.mark.django_db

RSA_PAGE = "/simulateur/resultats/montant-inattendu/rsa/"


def test_each_benefit_with_an_amount_links_to_its_unexpected_amount_page(melissandre_results):
    response = melissandre_results.get("/simulateur/resultats/")

    page = response.content.decode()
    assert response.status_code == 200
    card = page.split('data-testid="benefit-rsa"', 1)[1].split('data-testid="benefit-', 1)[0]
    assert f'href="{RSA_PAGE}"' in card
    assert "Montant inattendu ?" in card
    assert 'href="/simulateur/resultats/montant-inattendu/aide_logement/"' in page


def test_the_rsa_page_gives_the_three_months_reasons_and_a_form_for_the_rsa(melissandre_results):
    response = melissandre_results.get(RSA_PAGE)

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Revenu de solidarité active — notre estimation : <strong>environ" in page
    assert "Les ressources des trois derniers mois" in page
    assert "déclarez chaque trimestre" in page
    assert "Les revenus de 2024" not in page  # the N-2 family is not the RSA's
    for common in ("Un arrondi", "Un changement pas encore déclaré", "Les informations de l'organisme"):
        assert common in page
    assert "Les hypothèses de ce calcul" in page
    assert 'action="/simulateur/resultats/signaler/"' in page
    assert '<option value="rsa" selected>' in page


def test_the_family_allowances_page_names_the_year_of_the_resources(melissandre_results):
    response = melissandre_results.get("/simulateur/resultats/montant-inattendu/af/")

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Les revenus de 2024" in page  # simulated December 2026: N-2
    assert "Les ressources des trois derniers mois" not in page


def test_the_prefilled_form_posted_stores_the_report_on_that_benefit(melissandre_results):
    page = melissandre_results.get(RSA_PAGE).content.decode()
    assert '<option value="rsa" selected>' in page

    response = melissandre_results.post(
        "/simulateur/resultats/signaler/",
        {"benefit_key": "rsa", "expected_amount": "612", "comment": "La CAF me verse moins."},
    )

    assert response.status_code == 302
    assert response["Location"] == "/simulateur/resultats/"
    report = ErrorReport.objects.get()
    assert report.benefit_key == "rsa"
    assert str(report.expected_amount) == "612.00"
    assert report.result["month"] == "2026-12"


def test_the_report_page_selects_the_benefit_named_in_the_link(melissandre_results):
    response = melissandre_results.get("/simulateur/resultats/signaler/?aide=rsa")

    assert response.status_code == 200
    assert '<option value="rsa" selected>' in response.content.decode()


def test_the_report_page_ignores_a_benefit_not_in_the_result(melissandre_results):
    response = melissandre_results.get("/simulateur/resultats/signaler/?aide=paris_logement")

    assert response.status_code == 200
    assert '<option value="" selected>Choisissez une aide</option>' in response.content.decode()


@pytest.mark.parametrize("key", ["paris_logement", "inconnue"])
def test_a_benefit_not_in_the_result_is_not_found(melissandre_results, key):
    response = melissandre_results.get(f"/simulateur/resultats/montant-inattendu/{key}/")

    assert response.status_code == 404
    assert not ErrorReport.objects.exists()


def test_without_a_result_it_sends_back_to_the_recap(client):
    response = client.get(RSA_PAGE)

    assert response.status_code == 302
    assert response["Location"] == "/simulateur/recapitulatif/"


def test_every_benefit_named_in_the_reasons_is_one_the_engine_computes():
    from simulator.engine.catalogue import load_catalogue
    from simulator.unexpected import _load

    _, family_of, _ = _load()

    assert set(family_of) <= {definition.key for definition in load_catalogue()}


def test_a_benefit_of_no_family_gets_the_general_and_common_reasons():
    from simulator.unexpected import unexpected_amount_reasons

    titles = [reason.title for reason in unexpected_amount_reasons("paris_logement", month="2026-12")]

    assert titles[0] == "Les règles de la collectivité ou de l'organisme"
    assert "Un arrondi" in titles
