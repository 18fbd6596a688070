"""The whole flow for the demo personas: agency sandbox → consent → fetch → rights → screening →
potential rights and alerts. What PERSONAS.md says each person must see, and nothing their agency
data rules out."""

import pytest

from agencies.services.fetch import fetch_run_execute, fetch_run_start
from alerts.models import Notification
from alerts.services.rules import rules_run
from rights.models import Right
from rights.services import rights_rebuild_for_user
from simulator.services import simulation_prefill_and_compute

ALL_SOURCES = ("caf", "cpam", "france_travail", "cnous", "dgfip")
FRANCE_TRAVAIL_IDS = {"sans_telephone": "3456789A", "naissance_Algérie": "4567890B"}


def _walk(citizen_of, login):
    """Log in with every consent, fetch from the sandbox, rebuild rights, screen, run the alert rules."""
    user = citizen_of(login, consents=ALL_SOURCES, france_travail_id=FRANCE_TRAVAIL_IDS.get(login, ""))
    fetch_run_execute(run_id=fetch_run_start(user=user).pk)
    rights_rebuild_for_user(user=user)
    simulation = simulation_prefill_and_compute(user_id=user.pk)
    rules_run(user_id=user.pk)
    rights = {right.key: right.status for right in Right.objects.filter(user=user)}
    alerted = {
        key.split(":")[1]  # "potential-right:<benefit>[:<season>]"
        for key in Notification.objects.filter(user=user, kind="potential-right").values_list(
            "dedup_key", flat=True
        )
    }
    return user, simulation, rights, alerted


def _with(rights: dict, status: str) -> set[str]:
    return {key for key, value in rights.items() if value == status}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "login",
    [
        "avec_nom_dusage",
        "caractères_spéciaux",
        "sans_birthplace",
        "nom_50+_caractères",
        "test_CORSE_2A",
        "test",
    ],
)
def test_no_persona_whose_agency_data_rules_out_rsa_or_free_c2s_is_offered_them(citizen_of, agencies, login):
    _, simulation, rights, alerted = _walk(citizen_of, login)
    potential = _with(rights, "potential")
    assert "rsa" not in potential
    assert "css_sans_participation" not in potential
    assert not alerted & {"rsa", "css_sans_participation"}
    assert simulation.result is not None  # everyone gets a screening
    # Only robust findings may alert.
    assert alerted <= potential


@pytest.mark.django_db
def test_melissandre_holds_her_rights_and_is_never_offered_them(citizen_of, agencies):
    _, simulation, rights, alerted = _walk(citizen_of, "nom_composé")
    assert {"rsa", "asf", "af", "css_sans_participation"} <= _with(rights, "open") | _with(
        rights, "renewal_due"
    )
    assert not alerted & {"rsa", "asf", "af", "css_sans_participation", "css_participation"}
    af = next(item for item in simulation.result["benefits"] if item["key"] == "af")
    assert af["already_received"]  # the simulator's results and PDF say "vous le percevez déjà"


@pytest.mark.django_db
def test_vincent_receives_ass_in_the_simulated_month_and_a_rsa_top_up_is_found(citizen_of, agencies):
    _, simulation, rights, _ = _walk(citizen_of, "naissance_Algérie")
    assert rights["ass"] == "open"
    ass = next(item for item in simulation.result["benefits"] if item["key"] == "ass")
    assert ass["already_received"]
    assert float(ass["amount"]) == pytest.approx(585, abs=10)
    assert simulation.answers["profil"]["ass_work_condition"] == "oui"
    assert "rsa" in _with(rights, "potential") | _with(rights, "to_check")


@pytest.mark.django_db
def test_jean_philippe_without_tax_data_is_asked_his_pension_before_aspa_is_promised(citizen_of, agencies):
    """No agency gives his pension (and the DGFiP needs a FranceConnect token this flow has not):
    the ASPA depends on it, so it is "à vérifier" with that question, and never alerted."""
    user, _, rights, alerted = _walk(citizen_of, "plusieurs_prénoms_3")
    assert rights["aspa"] == "to_check"
    aspa = Right.objects.get(user=user, key="aspa")
    assert [question["key"] for question in aspa.questions] == ["pension"]
    assert "aspa" not in alerted


@pytest.mark.django_db
def test_dominique_without_any_agency_record_is_offered_nothing_as_certain(citizen_of, agencies, logged_in):
    user, _, rights, alerted = _walk(citizen_of, "sans_genre")
    assert _with(rights, "potential") == set()
    assert alerted == set()
    assert _with(rights, "to_check")  # the screening ran, over every unknown
    page = logged_in(user).get("/mes-droits/").content.decode()
    assert 'data-testid="no-rights"' in page
    assert 'data-testid="commune-prompt"' in page  # the one missing fact is asked first


@pytest.mark.django_db
def test_hugo_without_a_commune_gets_a_screening_and_is_asked_where_he_lives(citizen_of, agencies, logged_in):
    user, _, rights, _ = _walk(citizen_of, "sans_telephone")
    assert rights.get("aide_logement") == "to_check"
    page = logged_in(user).get("/mes-droits/domaine/logement/").content.decode()
    assert 'data-testid="commune-prompt"' in page
    assert "Dans quelle commune habitez-vous ?" in page
    assert "n'a pas encore trouvé" not in page
