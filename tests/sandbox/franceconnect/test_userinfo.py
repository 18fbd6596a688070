import jwt


def test_userinfo_is_a_jwt_signed_by_a_published_key(fc):
    tokens = fc.login("nom_composé")

    response = fc.userinfo(tokens["access_token"])

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/jwt"
    claims = fc.verify(response.text)
    assert claims["sub"] == fc.verify(tokens["id_token"])["sub"]
    assert claims["given_name"] == "Melissandre Juliette"
    assert claims["given_name_array"] == ["Melissandre", "Juliette"]
    assert claims["family_name"] == "TROIS-DUPRE"
    assert claims["gender"] == "female"
    assert claims["birthdate"] == "1981-07-27"
    assert claims["birthplace"] == "13012"
    assert claims["birthcountry"] == "99100"
    assert claims["email"] == "imyllommo-2736@yopmail.com"
    assert claims["exp"] > claims["iat"]


def test_userinfo_releases_only_the_claims_of_the_granted_scopes(fc):
    tokens = fc.login("avec_nom_dusage", scope="openid given_name family_name")

    claims = fc.verify(fc.userinfo(tokens["access_token"]).text)

    assert set(claims) == {"sub", "iss", "aud", "iat", "exp", "given_name", "given_name_array", "family_name"}


def test_usage_name_comes_with_the_preferred_username_scope(fc):
    tokens = fc.login("avec_nom_dusage")

    claims = fc.verify(fc.userinfo(tokens["access_token"]).text)

    assert (claims["family_name"], claims["preferred_username"]) == ("MERCIER", "DUBOIS")


def test_person_without_gender_gets_no_gender_claim(fc):
    tokens = fc.login("sans_genre")

    claims = fc.verify(fc.userinfo(tokens["access_token"]).text)

    assert "gender" not in claims
    assert "preferred_username" not in claims


def test_person_born_abroad_has_an_empty_birthplace(fc):
    tokens = fc.login("naissance_Algérie")

    claims = fc.verify(fc.userinfo(tokens["access_token"]).text)

    assert (claims["birthplace"], claims["birthcountry"]) == ("", "99352")


def test_presumed_birthdate_is_sent_with_its_zeros(fc):
    tokens = fc.login("étranger_présumé_né_jour_et_mois")

    claims = fc.verify(fc.userinfo(tokens["access_token"]).text)

    assert claims["birthdate"] == "1992-00-00"


def test_unknown_access_token_gets_401_with_a_bearer_challenge(fc):
    response = fc.userinfo("not-a-token")

    assert response.status_code == 401
    assert (
        response.headers["WWW-Authenticate"] == 'Bearer realm="franceconnect-sandbox", error="invalid_token"'
    )


def test_missing_access_token_gets_401(fc):
    response = fc.http.get(f"{fc.issuer}/userinfo", timeout=10)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_userinfo_header_names_the_signing_key(fc):
    tokens = fc.login()

    header = jwt.get_unverified_header(fc.userinfo(tokens["access_token"]).text)

    assert header["alg"] == "ES256"
    assert header["kid"] in {key.key_id for key in fc.jwks().keys}
