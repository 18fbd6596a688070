"""Every demo persona through the real flow, FranceConnect included: the FC sandbox logs them in, the
portal fetches every consented source with their FranceConnect token (so the DGFiP answers too),
rebuilds their rights, screens their simulation and runs the alert rules.

What each person then sees is checked against the "what the portal must show" column of
../shared/PERSONAS.md. Where that column names a right a fact nobody gave decides (earnings, rent),
the right is "à vérifier" rather than potential, and the table says so. Where the engine and
PERSONAS.md disagree on the figures, the comment says why (see also the closing notes).
"""

from dataclasses import dataclass, field

import pytest

from accounts.models import User
from agencies.services.consent import consent_grant
from agencies.services.fetch import fetch_run_execute, fetch_run_start
from alerts.models import Notification
from alerts.services.rules import rules_run
from rights.models import Right
from rights.services import rights_rebuild_for_user
from simulator.services import simulation_prefill_and_compute

ALL_SOURCES = ("caf", "cpam", "france_travail", "cnous", "dgfip")
FRANCE_TRAVAIL_IDS = {"sans_telephone": "3456789A", "naissance_Algérie": "4567890B"}
HELD = ("open", "renewal_due")
RULED_OUT = {"rsa", "css_sans_participation"}


@dataclass(frozen=True)
class Expected:
    held: set[str]
    potential: set[str] = field(default_factory=set)
    to_check: set[str] = field(default_factory=set)  # at least these
    never_potential: set[str] = field(default_factory=set)


EXPECTED = {
    # 1. Melissandre: her RSA says today's earnings are low or none, so the prime d'activité is only
    #    "à vérifier" (she has none, PERSONAS.md). The bourse de collège (child in collège, RFR
    #    7,400 €) is one PERSONAS.md does not name; it is right on her figures.
    "nom_composé": Expected(
        held={"rsa", "asf", "af", "css_sans_participation"},
        potential={"ars", "bourse_college"},
        to_check={"ppa", "aide_logement"},
    ),
    # 2. Pierre: only the allocations familiales are known paid (the CAF's answer has no list of
    #    benefits), so the complément familial is potential. RFR 34,800 € rules out the bourse de
    #    lycée and the chèque énergie that PERSONAS.md names (engine figures: not eligible).
    "avec_nom_dusage": Expected(
        held={"af"},
        potential={"cf", "ars"},
        to_check={"ppa", "aide_logement"},
        never_potential=RULED_OUT | {"bourse_lycee", "cheque_energie"},
    ),
    # 3. Paul: a student job up to 600 € a month still leaves him under the C2S ceiling.
    "moins_25_ans": Expected(
        held={"bourse_criteres_sociaux"},
        potential={"css_sans_participation"},
        to_check={"aide_logement"},
    ),
    # 4. Hugo: what he earned before registering with France Travail decides the C2S.
    "sans_telephone": Expected(
        held={"are"},
        to_check={"aide_logement", "css_sans_participation"},
    ),
    # 5. Jean Philippe: the DGFiP's RFR 5,300 € puts his pension low whatever it is exactly.
    "plusieurs_prénoms_3": Expected(
        held=set(),
        potential={"aspa", "css_sans_participation"},
        to_check={"aide_logement", "cheque_energie"},
    ),
    "caractères_spéciaux": Expected(
        held={"aah", "css_participation"},
        potential={"paris_complement_sante", "paris_pass_access"},
        to_check={"aide_logement"},
        never_potential=RULED_OUT,
    ),
    # 7. Rémi: with the RFR 23,900 € the free C2S depends on this year's farm profit.
    "sans_birthplace": Expected(
        held={"ppa", "af"},
        potential={"ars"},
        to_check={"aide_logement", "css_participation"},
        never_potential=RULED_OUT,
    ),
    # 8. Bertrand: PERSONAS.md names the free C2S; at 1,100 € net plus his prime d'activité the
    #    engine finds the C2S with participation, so both are "à vérifier" on his earnings.
    "nom_50+_caractères": Expected(
        held={"ppa"},
        to_check={"aide_logement", "css_participation"},
        never_potential=RULED_OUT,
    ),
    "naissance_Algérie": Expected(
        held={"ass", "css_sans_participation"},
        to_check={"rsa", "aide_logement"},
    ),
    "test_CORSE_2A": Expected(
        held={"paje_base"},
        to_check={"ppa", "aide_logement"},
        never_potential=RULED_OUT,
    ),
    # 11. Dominique: no agency knows her; nothing is certain, everything is asked.
    "sans_genre": Expected(held=set(), to_check={"rsa", "aide_logement"}),
    # 12. Angela: the CAF knows her without a benefit; her RFR 38,200 € rules the means-tested out.
    "test": Expected(held=set(), never_potential=RULED_OUT),
}


def _walk_through_franceconnect(franceconnect, login: str):
    client = franceconnect.client()
    franceconnect.login(client, login=login)
    user = User.objects.get(pk=client.session["_auth_user_id"])
    for source in ALL_SOURCES:
        identifier = FRANCE_TRAVAIL_IDS.get(login, "") if source == "france_travail" else ""
        consent_grant(user=user, source=source, identifier=identifier)
    token = client.session["oidc_access_token"]
    fetch_run_execute(run_id=fetch_run_start(user=user, france_connect_token=token).pk)
    rights_rebuild_for_user(user=user)
    simulation = simulation_prefill_and_compute(user_id=user.pk)
    rules_run(user_id=user.pk)
    return user, simulation


@pytest.mark.django_db
@pytest.mark.parametrize("login", EXPECTED)
def test_each_persona_sees_what_personas_md_names_and_nothing_their_data_rules_out(
    franceconnect, agencies, login
):
    expected = EXPECTED[login]

    user, simulation = _walk_through_franceconnect(franceconnect, login)

    rights = dict(Right.objects.filter(user=user).values_list("key", "status"))
    held = {key for key, status in rights.items() if status in HELD}
    potential = {key for key, status in rights.items() if status == "potential"}
    to_check = {key for key, status in rights.items() if status == "to_check"}
    assert held == expected.held
    assert potential == expected.potential
    assert expected.to_check <= to_check
    assert not potential & expected.never_potential
    alerted = {
        key.split(":")[1]  # "potential-right:<benefit>[:<season>]"
        for key in Notification.objects.filter(user=user, kind="potential-right").values_list(
            "dedup_key", flat=True
        )
    }
    assert alerted <= potential  # only certain findings alert
    assert simulation.result is not None


@pytest.mark.django_db
def test_pierre_s_tax_data_reaches_the_simulation_with_its_source(franceconnect, agencies):
    _, simulation = _walk_through_franceconnect(franceconnect, "avec_nom_dusage")

    assert simulation.answers["revenus"]["rfr_n2"] == "34800"
    assert simulation.sources["revenus.rfr_n2"]["source"] == "Impôts (revenus 2025)"
