"""French prepositions before names, in Python and in templates: elision and contraction."""

import pytest
from django.template import Context, Template

from agencies import french
from agencies.registry import organisms


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Ajaccio", "d'Ajaccio"),
        ("Paris", "de Paris"),
        ("Le Havre", "du Havre"),
        ("Les Abymes", "des Abymes"),
        ("la CAF", "de la CAF"),
        ("l'Assurance Maladie", "de l'Assurance Maladie"),
        ("France Travail", "de France Travail"),
        ("le Département", "du Département"),
        ("un revenu fiscal", "d'un revenu fiscal"),
        ("Hyères", "de Hyères"),  # an initial h is left alone: many are aspirated
    ],
)
def test_de_elides_before_a_vowel_and_contracts_le_and_les(words, expected):
    assert french.de(words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("la CAF", "à la CAF"),
        ("l'Assurance Maladie", "à l'Assurance Maladie"),
        ("France Travail", "à France Travail"),
        ("le CROUS", "au CROUS"),
        ("Les Abymes", "aux Abymes"),
    ],
)
def test_a_contracts_le_and_les_and_never_elides(words, expected):
    assert french.a(words) == expected


def test_every_organism_has_its_article_and_none_reads_de_le():
    for organism in organisms().values():
        assert organism.short_name.lower() in organism.with_article.lower()
        assert "de le " not in french.de(organism.with_article)
        assert "à le " not in french.a(organism.with_article)


def test_the_template_filters_keep_the_apostrophe_and_escape_the_words():
    template = Template("{% load french %}{{ city|de }} · {{ 'caf'|organism|a }} · {{ evil|de }}")
    html = template.render(Context({"city": "Ajaccio", "evil": "<b>Orléans</b>"}))
    assert html == "d'Ajaccio · à la CAF · de &lt;b&gt;Orléans&lt;/b&gt;"


def test_a_date_in_words_the_first_of_the_month_as_french_writes_it():
    import datetime as dt

    from agencies.french import french_date
    from agencies.templatetags.french import french_date_filter

    assert french_date(dt.date(2027, 1, 1)) == "1er janvier 2027"
    assert french_date(dt.date(2027, 1, 15)) == "15 janvier 2027"
    # A datetime is read in local time: 23:30 UTC on 31 December is already 1 January in Paris.
    assert french_date_filter(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)) == "1er janvier 2027"
    assert french_date_filter(None) == ""
