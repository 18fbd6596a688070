import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured

from agencies.registry import organisms
from rights.catalogue import CATALOGUE_DIR, DOMAINS, benefit, benefits, load_catalogue, organism_info

SIMULATOR_BENEFITS = Path(__file__).resolve().parents[2] / "simulator" / "engine" / "benefits.yaml"
VALID = {
    "key": "demo", "name": "Aide de démonstration", "short_name": "Démo", "domain": "famille",
    "organisms": ["caf"], "description": "Une aide de démonstration pour les tests du catalogue.",
    "conditions": ["Être un test."], "info_url": "https://www.service-public.fr/particuliers/vosdroits/F1",
    "procedures": {"caf": "https://www.caf.fr/"},
}  # fmt: skip


def write(tmp_path: Path, entries: list[dict], name: str = "famille.yaml") -> Path:
    (tmp_path / name).write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return tmp_path


def test_it_loads_a_valid_file(tmp_path):
    assert list(load_catalogue(write(tmp_path, [VALID]))) == ["demo"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"domain": "loisirs"}, "domain"),
        ({"info_url": "pas une adresse"}, "info_url"),
        ({"info_url": "http://www.caf.fr/"}, "info_url"),
        ({"name": None}, "name"),
        ({"renewal": {"kind": "fixed_term"}}, "renewal.fixed_term.months"),
        ({"organisms": []}, "organisms"),
        ({"unexpected": 1}, "unexpected"),
        ({"season": {"start": "7-1", "end": "09-30"}}, "season.start"),
        ({"season": {"start": "02-29", "end": "03-31"}}, "season.start"),
        ({"season": {"start": "07-01", "end": "09-31"}}, "season.end"),
    ],
)
def test_an_invalid_entry_is_refused_naming_file_and_field(tmp_path, change, field):
    directory = write(tmp_path, [{**VALID, **change}], name="logement.yaml")
    with pytest.raises(ImproperlyConfigured) as error:
        load_catalogue(directory)
    message = str(error.value)
    assert "logement.yaml" in message
    assert "entry 0 (demo)" in message
    assert field in message


@pytest.mark.parametrize(
    ("today", "opened"),
    [("2026-11-14", None), ("2026-11-15", "2026-11-15"), ("2027-02-15", "2026-11-15"), ("2027-02-16", None)],
)
def test_a_season_may_run_over_the_new_year(tmp_path, today, opened):
    entry = {**VALID, "season": {"start": "11-15", "end": "02-15"}}
    season = load_catalogue(write(tmp_path, [entry]))["demo"].season
    found = season.opened_on(dt.date.fromisoformat(today))
    assert found == (dt.date.fromisoformat(opened) if opened else None)


def test_an_unknown_organism_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match=r"famille\.yaml.*field 'organisms'.*'urssaf'"):
        load_catalogue(write(tmp_path, [{**VALID, "organisms": ["caf", "urssaf"]}]))


def test_a_procedure_for_another_organism_is_refused(tmp_path):
    entry = {**VALID, "procedures": {"msa": "https://www.msa.fr/"}}
    with pytest.raises(ImproperlyConfigured, match=r"field 'procedures'.*msa"):
        load_catalogue(write(tmp_path, [entry]))


def test_a_duplicate_key_is_refused(tmp_path):
    write(tmp_path, [VALID], name="a.yaml")
    with pytest.raises(ImproperlyConfigured, match=r"b\.yaml.*duplicate key 'demo'"):
        load_catalogue(write(tmp_path, [VALID], name="b.yaml"))


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    (tmp_path / "sante.yaml").write_text("- key: [unclosed", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match=r"sante\.yaml: cannot read"):
        load_catalogue(tmp_path)


def test_every_benefit_has_a_domain_an_organism_and_well_formed_links():
    link = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(/\S*)?$")
    for key, item in benefits().items():
        assert item.domain in DOMAINS, key
        assert item.organisms, key
        assert all(organism_info(code) for code in item.organisms), key
        assert link.match(item.info_url), key
        assert all(link.match(url) for url in item.procedures.values()), key
        assert item.procedures, key


def test_the_simulator_keys_are_all_in_the_catalogue():
    keys = {entry["key"] for entry in yaml.safe_load(SIMULATOR_BENEFITS.read_text(encoding="utf-8"))}
    assert keys <= set(benefits())


def test_connector_benefits_are_in_the_catalogue():
    assert {"rsa", "ppa", "aah", "asf", "aeeh", "css_participation", "css_sans_participation", "are", "ass",
            "bourse_criteres_sociaux", "af", "paje_base"} <= set(benefits())  # fmt: skip


def test_caf_and_msa_procedures_differ():
    rsa = benefit("rsa")
    assert rsa.procedures["caf"] != rsa.procedures["msa"]
    assert "caf.fr" in rsa.procedures["caf"]
    assert "msa.fr" in rsa.procedures["msa"]


def test_renewal_rules():
    assert benefit("css_participation").renewal.months == 12
    assert benefit("rsa").renewal.kind == benefit("ppa").renewal.kind == "quarterly_declaration"


def test_an_unknown_key_raises_key_error():
    with pytest.raises(KeyError):
        benefit("nope")


def test_registry_organisms_have_their_mediator():
    for code in organisms():
        assert organism_info(code).mediator_url, code


def test_the_shipped_files_are_per_domain():
    assert {path.stem for path in CATALOGUE_DIR.glob("*.yaml")} == set(DOMAINS)
