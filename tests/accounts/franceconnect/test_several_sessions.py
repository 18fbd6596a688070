"""A citizen may be logged in from several browsers at once: a new FranceConnect login leaves the
others logged in, each with its own id_token for the FranceConnect logout."""

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_second_login_of_the_same_person_keeps_the_first_browser_logged_in(franceconnect):
    laptop, phone = franceconnect.client(), franceconnect.client()
    franceconnect.login(laptop, login="test")
    laptop_id_token = laptop.session["oidc_id_token"]

    franceconnect.login(phone, login="test")

    user = User.objects.get(kind=User.Kind.CITIZEN)
    for client in (laptop, phone):
        response = client.get("/mon-compte/")
        assert response.status_code == 200
        assert int(client.session["_auth_user_id"]) == user.pk
    assert laptop.session["oidc_id_token"] == laptop_id_token
    assert phone.session["oidc_id_token"] != laptop_id_token
