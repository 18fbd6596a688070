"""Citizen login with FranceConnect, over real HTTP against the sandbox provider."""

import pytest

from accounts.models import CitizenIdentity, User
from tests.accounts.franceconnect.flow import query_of

pytestmark = pytest.mark.django_db


def test_authorize_request_asks_eidas1_with_fresh_state_and_nonce(franceconnect):
    client = franceconnect.client()

    first = query_of(franceconnect.start(client))
    second = query_of(franceconnect.start(client))

    assert first["acr_values"] == "eidas1"
    assert first["response_type"] == "code"
    assert first["scope"].split()[:9] == [
        "openid", "given_name", "family_name", "birthdate", "gender",
        "birthplace", "birthcountry", "email", "preferred_username",
    ]  # fmt: skip
    assert {"cnaf_quotient_familial", "revenu_solidarite_active", "dgfip_rfr"} <= set(first["scope"].split())
    assert len(first["state"]) >= 32
    assert len(first["nonce"]) >= 32
    assert first["state"] != second["state"]
    assert first["nonce"] != second["nonce"]
    assert set(client.session["oidc_states"]) == {first["state"], second["state"]}


def test_login_creates_the_citizen_by_sub_with_the_identite_pivot(franceconnect):
    client = franceconnect.client()
    client.get("/")
    anonymous_session_key = client.session.session_key

    response = franceconnect.login(client, login="avec_nom_dusage")

    assert response.status_code == 302
    assert response["Location"] == "/mes-donnees/connexion/"
    user = User.objects.get()
    assert user.kind == User.Kind.CITIZEN
    assert user.fc_sub.endswith("v1")
    assert len(user.fc_sub) == 66
    assert not user.has_usable_password()
    identity = user.identity
    assert identity.given_name == "Pierre"
    assert identity.family_name == "MERCIER"
    assert identity.preferred_username == "DUBOIS"
    assert identity.birthdate == "1969-03-17"
    assert identity.gender == "male"
    assert identity.birthplace == "95277"
    assert identity.birthcountry == "99100"
    assert identity.email
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session.session_key != anonymous_session_key
    assert client.session["oidc_access_token"]
    assert "Pierre DUBOIS" in client.get("/").content.decode()


def test_token_call_uses_client_secret_post(franceconnect):
    franceconnect.login(franceconnect.client())

    (token_call,) = franceconnect.calls("/api/v2/token")
    assert token_call["method"] == "POST"
    form = token_call.get("form") or token_call.get("params") or {}
    assert form.get("client_id") == "mesdroits-demo"
    assert "client_secret" in form
    assert form.get("grant_type") == "authorization_code"


def test_a_second_login_finds_the_same_citizen_by_sub_not_by_email(franceconnect):
    agent = User.objects.create_user(
        username="agent", email="imyllommo-2736@yopmail.com", kind=User.Kind.AGENT
    )
    franceconnect.login(franceconnect.client(), login="nom_composé")

    franceconnect.login(franceconnect.client(), login="nom_composé")

    assert User.objects.filter(kind=User.Kind.CITIZEN).count() == 1
    assert CitizenIdentity.objects.count() == 1
    agent.refresh_from_db()
    assert not hasattr(agent, "identity") or agent.identity is None


@pytest.mark.parametrize(
    ("login", "birthdate", "birthplace", "gender"),
    [
        ("naissance_Algérie", "1963-12-05", "", "male"),
        ("sans_genre", "1984-01-06", None, ""),
        ("étranger_présumé_né_jour_et_mois", "1992-00-00", "", None),
    ],
)
def test_edge_identities_are_stored_as_sent(franceconnect, login, birthdate, birthplace, gender):
    response = franceconnect.login(franceconnect.client(), login=login)

    assert response.status_code == 302
    identity = CitizenIdentity.objects.get()
    assert identity.birthdate == birthdate
    if birthplace is not None:
        assert identity.birthplace == birthplace
    if gender is not None:
        assert identity.gender == gender
    if birthdate.endswith("00"):
        assert identity.birth_date is None


def test_the_jwks_is_fetched_once_for_several_logins(franceconnect):
    for login in ("test", "nom_composé", "moins_25_ans"):
        assert franceconnect.login(franceconnect.client(), login=login).status_code == 302

    assert len(franceconnect.calls("/api/v2/jwks")) == 1


def test_a_rotated_key_is_fetched_once_and_accepted(franceconnect):
    franceconnect.login(franceconnect.client(), login="test")
    franceconnect.rotate_key()

    response = franceconnect.login(franceconnect.client(), login="test")

    assert response.status_code == 302
    assert len(franceconnect.calls("/api/v2/jwks")) == 2
