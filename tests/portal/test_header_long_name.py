"""A 52-letter name (persona 8) must not push the header and clip the Marianne block: the header
cuts it with an ellipsis and gives it whole in the link's title; "Mon compte" shows it whole."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

FULL_NAME = "Bertrand AZERTYUIOPMLKJHGFDSQWXCVBNAZERTYUIOPMLKJHGFDSQWXCVBN"


def name_link(html: str) -> str:
    return re.search(r'<a [^>]*data-testid="citizen-name"[^>]*>.*?</a>', html, re.S).group(0)


def test_a_long_name_is_truncated_in_the_header_with_the_full_name_in_the_title(logged_in, citizen_of):
    html = logged_in(citizen_of("nom_50+_caractères")).get("/").content.decode()

    link = name_link(html)
    assert f'title="Mon compte : {FULL_NAME}"' in link
    assert f'<span class="md-truncate">{FULL_NAME}</span>' in link


def test_the_truncation_is_styled_with_an_ellipsis_and_a_bounded_width():
    css = Path(finders.find("portal/portal.css")).read_text(encoding="utf-8")
    rule = re.search(r"\.md-truncate \{(.*?)\}", css, re.S).group(1)

    assert "text-overflow: ellipsis" in rule
    assert "white-space: nowrap" in rule
    assert "overflow: hidden" in rule
    assert re.search(r"max-width: \d+rem", rule)


def test_the_account_page_shows_the_long_name_whole(logged_in, citizen_of):
    html = logged_in(citizen_of("nom_50+_caractères")).get("/mon-compte/").content.decode()

    assert "AZERTYUIOPMLKJHGFDSQWXCVBNAZERTYUIOPMLKJHGFDSQWXCVBN</dd>" in html
