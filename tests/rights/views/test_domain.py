import pytest
from django.utils import timezone

from rights.models import Right
from rights.services import PotentialRight, potential_rights_replace, rights_rebuild_for_user

pytestmark = pytest.mark.django_db


def test_solidarity_page_of_a_single_parent(persona, logged_in, django_assert_max_num_queries):
    client = logged_in(persona("nom_composé"))
    with django_assert_max_num_queries(12):
        response = client.get("/mes-droits/domaine/solidarite/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Revenu de solidarité active" in html
    assert "allocations familiales (CAF)" in html
    assert "https://wwwd.caf.fr/redirect/s/Redirect?page=demandeRsa" in html  # Faire une démarche, CAF
    assert "Prochaine déclaration trimestrielle" in html
    assert "Documents à préparer" in html
    assert "/mes-droits/signaler/revenu_solidarite_active/" in html


def test_health_page_shows_c2s_end_and_renewal(persona, logged_in):
    html = logged_in(persona("nom_composé")).get("/mes-droits/domaine/sante/").content.decode()
    right = Right.objects.get(key="css_sans_participation")
    assert f"Jusqu'au</dt><dd>{right.end_date:%d/%m/%Y}" in html
    assert "À renouveler bientôt" in html
    assert "https://www.ameli.fr/assure/adresses-et-contacts" in html


def test_msa_rights_link_to_msa(bob, agency_row, logged_in):
    # The MSA persona has no birthplace: the sandbox answers her only in FranceConnect mode.
    agency_row(
        bob, "prime_activite", {"est_beneficiaire": True, "date_debut_droit": "2026-06-01"}, organism="msa"
    )
    rights_rebuild_for_user(user=bob)
    html = logged_in(bob).get("/mes-droits/domaine/solidarite/").content.decode()
    assert "Mutualité sociale agricole (MSA)" in html
    assert "https://www.msa.fr/lfp/espace-prive" in html
    assert "wwwd.caf.fr" not in html


def test_jobseeker_employment_page(persona, logged_in):
    html = logged_in(persona("sans_telephone")).get("/mes-droits/domaine/emploi/").content.decode()
    assert "Allocation d&#x27;aide au retour à l&#x27;emploi" in html
    assert "Données France Travail du" in html


def test_potential_rights_slot(persona, logged_in):
    user = persona("avec_nom_dusage")
    potential_rights_replace(user=user, potentials=[
        PotentialRight("aide_logement", 152, "mensuelle", "/simulateur/resultats/7/")])  # fmt: skip
    html = logged_in(user).get("/mes-droits/domaine/logement/").content.decode()
    assert 'data-testid="potential-slot"' in html
    assert "152 € par mois" in html
    assert "(estimation du simulateur)" in html
    assert 'href="/simulateur/resultats/7/"' in html


def test_stale_data_is_labelled(persona, logged_in):
    from agencies.models import AgencyData

    user = persona("caractères_spéciaux")
    AgencyData.objects.filter(user=user, source="cpam").update(
        last_error="Service indisponible", last_attempt_at=timezone.now()
    )
    html = logged_in(user).get("/mes-droits/domaine/sante/").content.decode()
    assert "pas à jour : l'organisme n'a pas répondu" in html


def test_an_unknown_domain_is_404(bob, logged_in):
    assert logged_in(bob).get("/mes-droits/domaine/loisirs/").status_code == 404
