import itertools
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format

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
    # Faire une démarche: counted for the public statistics, then on to the CAF's procedure.
    assert 'href="/stats/demarche/rsa/?organisme=caf"' in html
    counted = client.get("/stats/demarche/rsa/?organisme=caf")
    assert counted["Location"] == "https://wwwd.caf.fr/redirect/s/Redirect?page=demandeRsa"
    assert "Prochaine déclaration trimestrielle" in html
    assert "Documents à préparer" in html
    assert "/mes-droits/signaler/revenu_solidarite_active/" in html


def test_health_page_shows_c2s_end_and_renewal(persona, logged_in):
    html = logged_in(persona("nom_composé")).get("/mes-droits/domaine/sante/").content.decode()
    right = Right.objects.get(key="css_sans_participation")
    assert f"Jusqu'au</dt><dd>{date_format(right.end_date, 'j F Y')}" in html
    assert "À renouveler bientôt" in html
    assert "https://www.ameli.fr/assure/adresses-et-contacts" in html


def test_msa_rights_link_to_msa(bob, agency_row, logged_in):
    # The MSA persona has no birthplace: the sandbox answers her only in FranceConnect mode.
    agency_row(
        bob, "prime_activite", {"est_beneficiaire": True, "date_debut_droit": "2026-06-01"}, organism="msa"
    )
    rights_rebuild_for_user(user=bob)
    client = logged_in(bob)
    html = client.get("/mes-droits/domaine/solidarite/").content.decode()
    assert "Mutualité sociale agricole (MSA)" in html
    assert 'href="/stats/demarche/ppa/?organisme=msa"' in html
    assert (
        client.get("/stats/demarche/ppa/?organisme=msa")["Location"] == "https://www.msa.fr/lfp/espace-prive"
    )
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


def _heading_levels(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


def test_the_domain_page_headings_go_h1_h2_h3_without_a_skip(persona, logged_in):
    user = persona("nom_composé")
    potential_rights_replace(user=user, potentials=[
        PotentialRight("aide_logement", 152, "mensuelle", "/simulateur/resultats/7/")])  # fmt: skip
    client = logged_in(user)
    for domain in ("solidarite", "sante", "logement", "famille", "emploi", "retraite"):
        response = client.get(f"/mes-droits/domaine/{domain}/")
        html = response.content.decode()
        main = html[html.index("<h1") : html.index('id="footer"')]  # the page's content, not the footer
        levels = _heading_levels(main)
        assert response.status_code == 200
        assert levels[0] == 1, domain
        assert all(after - before <= 1 for before, after in itertools.pairwise(levels)), (domain, levels)
    solidarity = client.get("/mes-droits/domaine/solidarite/").content.decode()
    assert "Vos droits connus des organismes</h2>" in solidarity


def test_the_contact_link_names_the_organism_with_its_article(persona, logged_in):
    client = logged_in(persona("nom_composé"))

    solidarity = client.get("/mes-droits/domaine/solidarite/")
    health = client.get("/mes-droits/domaine/sante/")

    assert solidarity.status_code == health.status_code == 200
    assert ">Contacter la CAF</a>" in solidarity.content.decode()
    assert ">Contacter l&#x27;Assurance Maladie</a>" in health.content.decode()
    assert "Contacter CAF" not in solidarity.content.decode()


def test_rights_dates_are_in_french_words(persona, logged_in):
    client = logged_in(persona("nom_composé"))
    right = Right.objects.get(key="rsa")

    html = client.get("/mes-droits/domaine/solidarite/").content.decode()

    assert f"avant le {date_format(right.next_declaration_due, 'j F Y')}" in html
    assert f"{right.next_declaration_due:%d/%m/%Y}" not in html
