"""Reference data files are validated at load, with errors naming the file, entry and field."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from agencies.registry import load_organisms, organisms
from agencies.sources import load_sources, sources


def test_the_shipped_registry_and_sources_load():
    assert {"caf", "msa", "cpam", "cnav", "france_travail", "dgfip", "cnous", "education_nationale"} <= set(
        organisms()
    )
    assert all(set(source.organisms) <= set(organisms()) for source in sources().values())


def test_an_invalid_field_is_named(tmp_path):
    bad = tmp_path / "organisms.yaml"
    bad.write_text("- {code: caf, name: CAF, short_name: CAF, description: x, contact_url: not-a-url,"
                   " online_services_url: https://caf.fr}\n", encoding="utf-8")  # fmt: skip

    with pytest.raises(
        ImproperlyConfigured, match=r"organisms.yaml: entry 0: invalid field\(s\) contact_url"
    ):
        load_organisms(bad)


def test_a_source_naming_an_unknown_organism_is_refused(tmp_path):
    bad = tmp_path / "sources.yaml"
    bad.write_text("- {code: x, organisms: [nasa], label: X, purpose: p, datasets: []}\n", encoding="utf-8")

    with pytest.raises(ImproperlyConfigured, match=r"sources.yaml: source x: unknown organisms \['nasa'\]"):
        load_sources(bad)
