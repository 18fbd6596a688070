"""The API Particulier client against the sandbox: each answer and documented error, typed."""

import datetime as dt

import pytest

from agencies.connectors.api_particulier import ApiParticulierClient
from agencies.connectors.errors import (
    BadIdentityData,
    ConfigurationError,
    MalformedAnswer,
    NeedsFranceConnect,
    NotFound,
    RateLimited,
    TransientError,
)
from agencies.connectors.schemas import BenefitStatus, ChildDisabilityStatus, HealthStatus, QuotientFamilial
from tests.personas import identity_of

pytestmark = pytest.mark.django_db

RSA = "/v3/dss/revenu_solidarite_active"


def test_quotient_familial_is_parsed_with_children_and_provider(agencies):
    answer = ApiParticulierClient().fetch("quotient_familial", identity=identity_of("nom_composé"))

    assert isinstance(answer, QuotientFamilial)
    assert answer.quotient_familial.fournisseur == "CNAF"
    assert answer.quotient_familial.valeur == 480
    assert len(answer.enfants) == 2
    assert agencies.calls("/v3/dss/quotient_familial/identite") == 1


def test_the_msa_family_file_names_msa_as_provider(agencies, franceconnect):
    client = franceconnect.client()
    franceconnect.login(client, login="sans_birthplace")

    answer = ApiParticulierClient().fetch(
        "quotient_familial", france_connect_token=client.session["oidc_access_token"]
    )

    assert answer.quotient_familial.fournisseur == "MSA"
    assert agencies.calls("/v3/dss/quotient_familial/france_connect") == 1


@pytest.mark.parametrize(
    ("dataset", "beneficiary"),
    [
        ("revenu_solidarite_active", True),
        ("prime_activite", False),
        ("allocation_adulte_handicape", False),
        ("allocation_soutien_familial", True),
        ("allocation_enfant_handicape", False),
    ],
)
def test_benefit_statuses_are_parsed(agencies, dataset, beneficiary):
    answer = ApiParticulierClient().fetch(dataset, identity=identity_of("nom_composé"))

    assert isinstance(answer, BenefitStatus | ChildDisabilityStatus)
    assert answer.est_beneficiaire is beneficiary
    assert (answer.date_debut_droit is not None) is beneficiary


def test_c2s_status_has_its_start_date_and_participation(agencies):
    answer = ApiParticulierClient().fetch(
        "complementaire_sante_solidaire", identity=identity_of("nom_composé")
    )

    assert isinstance(answer, HealthStatus)
    assert answer.est_beneficiaire is True
    assert answer.avec_participation is False
    assert dt.date.today() - answer.date_debut_droit > dt.timedelta(days=300)


def test_student_status_and_scholarship(agencies):
    identity = identity_of("moins_25_ans")

    status = ApiParticulierClient().fetch("statut_etudiant", identity=identity)
    scholarship = ApiParticulierClient().fetch("etudiant_boursier", identity=identity)

    assert status.admissions[0].est_inscrit is True
    assert scholarship.statut_boursier.est_boursier is True
    assert scholarship.echelon_bourse.echelon == "5"
    assert scholarship.periode_versement_bourse.duree == 10


def test_france_travail_status_and_payments_by_identifier(agencies):
    status = ApiParticulierClient().fetch("france_travail_statut", identifier="3456789A")
    payments = ApiParticulierClient().fetch("france_travail_indemnites", identifier="3456789A")

    assert status.inscription.categorie.code == 1
    assert len(payments.paiements) == 6
    assert all(1100 < payment.montant_total < 1300 for payment in payments.paiements)


def test_no_record_is_not_found(agencies):
    with pytest.raises(NotFound, match="HTTP 404"):
        ApiParticulierClient().fetch("quotient_familial", identity=identity_of("plusieurs_prénoms_3"))


def test_a_bad_token_is_a_configuration_error(agencies, settings):
    settings.AGENCIES_API_PARTICULIER_TOKEN = "not-our-token"

    with pytest.raises(ConfigurationError, match="HTTP 401"):
        ApiParticulierClient().fetch("revenu_solidarite_active", identity=identity_of("nom_composé"))


def test_an_unauthorised_recipient_is_a_configuration_error(agencies, settings):
    settings.AGENCIES_RECIPIENT_SIRET = "11111111111111"

    with pytest.raises(ConfigurationError, match="HTTP 403"):
        ApiParticulierClient().fetch("revenu_solidarite_active", identity=identity_of("nom_composé"))


def test_born_in_france_without_commune_is_bad_identity_data(agencies):
    with pytest.raises(BadIdentityData, match="HTTP 422"):
        ApiParticulierClient().fetch("quotient_familial", identity=identity_of("sans_birthplace"))


def test_rate_limit_gives_the_delay_to_back_off_and_is_not_retried(agencies):
    agencies.fault(RSA, "rate_limited", times=1)

    with pytest.raises(RateLimited) as caught:
        ApiParticulierClient().fetch("revenu_solidarite_active", identity=identity_of("nom_composé"))

    assert caught.value.retry_after > 0
    assert agencies.calls(RSA) == 1


@pytest.mark.parametrize("fault", ["bad_gateway_502", "unavailable_503", "error_500"])
def test_server_errors_are_transient(agencies, settings, fault):
    agencies.fault(RSA, fault)

    with pytest.raises(TransientError):
        ApiParticulierClient().fetch("revenu_solidarite_active", identity=identity_of("nom_composé"))

    # 502/503/504 are retried (bounded), a 500 is not: it is a bug on their side, not a hiccup.
    expected = 1 if fault == "error_500" else 1 + settings.AGENCIES_HTTP_RETRIES
    assert agencies.calls(RSA) == expected


def test_a_transient_error_then_success_is_retried_transparently(agencies):
    agencies.fault(RSA, "unavailable_503", times=1)

    answer = ApiParticulierClient().fetch("revenu_solidarite_active", identity=identity_of("nom_composé"))

    assert answer.est_beneficiaire is True
    assert agencies.calls(RSA) == 2


def test_a_slow_agency_is_cut_off_by_the_timeout(agencies, settings):
    settings.AGENCIES_HTTP_TIMEOUT = 0.3
    settings.AGENCIES_HTTP_RETRIES = 0
    agencies.fault(RSA, "slow", delay_ms=1500)

    with pytest.raises(TransientError, match="Timeout"):
        ApiParticulierClient().fetch("revenu_solidarite_active", identity=identity_of("nom_composé"))


def test_a_malformed_answer_is_refused(agencies):
    agencies.fault(RSA, "malformed", times=1)

    with pytest.raises(MalformedAnswer, match="documented shape"):
        ApiParticulierClient().fetch("revenu_solidarite_active", identity=identity_of("nom_composé"))


def test_an_expired_franceconnect_token_asks_for_franceconnect(agencies):
    with pytest.raises(NeedsFranceConnect):
        ApiParticulierClient().fetch("revenu_solidarite_active", france_connect_token="expired-or-unknown")


def test_without_gender_identity_mode_is_refused_as_the_api_documents(agencies):
    with pytest.raises(BadIdentityData, match="sexeEtatCivil"):
        ApiParticulierClient().fetch("quotient_familial", identity=identity_of("sans_genre"))


def test_a_pupils_schooling_is_found_in_the_familys_departement(agencies):
    from agencies.connectors.schemas import Person
    from agencies.services.schooling import school_year

    family = ApiParticulierClient().fetch("quotient_familial", identity=identity_of("nom_composé"))
    eldest = max(family.enfants, key=lambda child: -int(child.date_naissance[:4]))

    schooling = ApiParticulierClient().schooling(
        pupil=Person.model_validate(eldest.model_dump()),
        department="13",
        school_year=school_year(dt.date.today()),
    )

    assert schooling.est_scolarise is True
    assert schooling.est_boursier is True
    assert schooling.echelon_bourse == 3
    assert agencies.calls("/v4/men/scolarites/identite") == 1


def test_a_pupil_looked_for_in_another_departement_is_not_found(agencies):
    from agencies.services.schooling import school_year

    family = ApiParticulierClient().fetch("quotient_familial", identity=identity_of("nom_composé"))

    with pytest.raises(NotFound):
        ApiParticulierClient().schooling(
            pupil=family.enfants[0], department="75", school_year=school_year(dt.date.today())
        )
