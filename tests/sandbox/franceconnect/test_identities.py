import hashlib

import pytest
import yaml

from sandbox.franceconnect.config import load_settings
from sandbox.franceconnect.identities import InvalidIdentities, load_identities

PERSONA_LOGINS = (
    "nom_composé",
    "avec_nom_dusage",
    "moins_25_ans",
    "sans_telephone",
    "plusieurs_prénoms_3",
    "caractères_spéciaux",
    "sans_birthplace",
    "nom_50+_caractères",
    "naissance_Algérie",
    "test_CORSE_2A",
    "sans_genre",
    "test",
)
SCHEMA = (
    "login",
    "sub",
    "given_name",
    "family_name",
    "preferred_username",
    "gender",
    "birthdate",
    "birthplace",
    "birthcountry",
    "email",
    "label",
)


def identities_path():
    return load_settings({}).identities_file


def test_identities_file_follows_the_documented_schema():
    entries = yaml.safe_load(identities_path().read_text(encoding="utf-8"))

    assert all(tuple(entry) == SCHEMA for entry in entries)


def test_every_persona_of_the_demo_can_log_in():
    identities = load_identities(identities_path())

    assert set(PERSONA_LOGINS) <= set(identities)


def test_subs_are_derived_from_the_login():
    for login, identity in load_identities(identities_path()).items():
        assert identity.sub == hashlib.sha256(f"mesdroits-sandbox:{login}".encode()).hexdigest() + "v1"


def test_presumed_birth_dates_are_kept_as_franceconnect_sends_them():
    birthdates = {identity.birthdate for identity in load_identities(identities_path()).values()}

    assert {"1977-00-03", "1992-11-00", "1992-00-00"} <= birthdates


def test_identity_facts_match_the_franceconnect_demo_base():
    identities = load_identities(identities_path())

    corse = identities["test_CORSE_2A"]
    assert (corse.family_name, corse.preferred_username, corse.birthplace) == ("Brosse", "Mario", "2A004")
    algeria = identities["naissance_Algérie"]
    assert (algeria.birthplace, algeria.birthcountry) == ("", "99352")
    assert identities["sans_genre"].gender == ""
    assert len(identities["nom_50+_caractères"].family_name) == 52


def test_a_malformed_identity_is_refused_at_load(tmp_path):
    entries = yaml.safe_load(identities_path().read_text(encoding="utf-8"))
    entries[0]["birthdate"] = "27/07/1981"
    broken = tmp_path / "identities.yaml"
    broken.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")

    with pytest.raises(InvalidIdentities, match="birthdate"):
        load_identities(broken)
