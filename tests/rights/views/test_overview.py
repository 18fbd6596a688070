import pytest

from agencies.models import JournalEntry

pytestmark = pytest.mark.django_db
URL = "/mes-droits/"


def test_it_shows_six_domains_with_counts_and_what_needs_attention(
    persona, logged_in, django_assert_max_num_queries
):
    user = persona("nom_composé")
    client = logged_in(user)
    with django_assert_max_num_queries(15):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Santé", "Famille", "Logement", "Solidarité", "Retraite", "Emploi"):
        assert f">{label}</a>" in html
    assert "C2S gratuite : à renouveler avant le" in html
    assert "RSA : déclaration trimestrielle" in html or "1 droit ouvert" in html
    assert "Données CAF du" in html
    assert "Données Assurance Maladie du" in html
    assert (
        JournalEntry.objects.filter(
            person_id=user.pk, endpoint="page Mes droits", outcome="displayed"
        ).count()
        == 2
    )


def test_msa_member_sees_msa(bob, agency_row, logged_in):
    from rights.services import rights_rebuild_for_user

    agency_row(
        bob, "prime_activite", {"est_beneficiaire": True, "date_debut_droit": "2026-06-01"}, organism="msa"
    )
    rights_rebuild_for_user(user=bob)
    response = logged_in(bob).get(URL)
    assert response.status_code == 200
    assert "Données MSA du" in response.content.decode()


def test_a_person_with_no_record_is_pointed_to_the_simulator(persona, logged_in):
    response = logged_in(persona("sans_genre")).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aucun droit connu pour le moment" in html
    assert "/simulateur/" in html


def test_an_overpayment_is_announced(bob, logged_in):
    from rights.demo import rights_demo_ensure

    overpayment = rights_demo_ensure()
    response = logged_in(overpayment.user).get(URL)
    assert "Un trop-perçu vous est réclamé : 342,18 €" in response.content.decode()
    assert "Un trop-perçu" not in logged_in(bob).get(URL).content.decode()


def test_it_needs_a_citizen(client, agent):
    assert client.get(URL).status_code == 302
    client.force_login(agent)
    assert client.get(URL).status_code == 403
