"""The API Impôt particulier client: FranceConnect header mode, errors."""

import pytest

from agencies.connectors.errors import NeedsFranceConnect, NotFound
from agencies.connectors.impot_particulier import ImpotParticulierClient

pytestmark = pytest.mark.django_db


def fc_token(franceconnect, login: str) -> str:
    client = franceconnect.client()
    franceconnect.login(client, login=login)
    return client.session["oidc_access_token"]


def test_the_revenu_fiscal_de_reference_comes_with_parts_and_family_status(agencies, franceconnect):
    situation = ImpotParticulierClient().last_situation(
        france_connect_token=fc_token(franceconnect, "plusieurs_prénoms_3")
    )

    assert situation.revenu_fiscal_reference == 5300
    assert situation.nombre_parts >= 1
    assert situation.annee_revenus >= 2024
    assert agencies.calls("/impotparticulier/1.0/dernieresituation") == 1


def test_someone_unknown_to_the_dgfip_is_not_found(agencies, franceconnect):
    with pytest.raises(NotFound):
        ImpotParticulierClient().last_situation(france_connect_token=fc_token(franceconnect, "sans_genre"))


def test_without_a_franceconnect_token_the_dgfip_is_not_called(agencies):
    with pytest.raises(NeedsFranceConnect):
        ImpotParticulierClient().last_situation(france_connect_token=None)

    assert agencies.calls("/impotparticulier/") == 0
