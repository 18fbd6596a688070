import jwt


def test_rotation_signs_with_a_new_key_and_keeps_the_old_one_published(fc):
    old_kid = fc.jwks().keys[0].key_id

    new_kid = fc.control("rotate-key").json()["kid"]
    tokens = fc.login()

    assert new_kid != old_kid
    assert [key.key_id for key in fc.jwks().keys] == [old_kid, new_kid]
    assert jwt.get_unverified_header(tokens["id_token"])["kid"] == new_kid
    assert fc.verify(tokens["id_token"])


def test_reset_returns_to_the_persistent_key(fc):
    old_kid = fc.jwks().keys[0].key_id
    fc.control("rotate-key")

    fc.control("reset")

    assert [key.key_id for key in fc.jwks().keys] == [old_kid]
