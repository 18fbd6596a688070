import shutil
import subprocess

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is needed")
def test_the_pdf_renders_and_is_not_blank(persona, logged_in, tmp_path):
    response = logged_in(persona("nom_composé")).get("/mes-droits/recapitulatif.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    [png] = tmp_path.glob("page*.png")
    image = Image.open(png).convert("L")
    dark = sum(count for value, count in enumerate(image.histogram()) if value < 128)
    assert dark > 0.005 * image.width * image.height  # text and table, not a white page


def test_the_pdf_for_a_person_with_nothing(persona, logged_in):
    response = logged_in(persona("sans_genre")).get("/mes-droits/recapitulatif.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def _pdf_text(content: bytes, tmp_path) -> str:
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(content)
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")
def test_the_pdf_gives_the_birth_date_and_rights_dates_in_words(persona, logged_in, tmp_path):
    response = logged_in(persona("nom_composé")).get("/mes-droits/recapitulatif.pdf")

    text = _pdf_text(response.content, tmp_path)
    assert response.status_code == 200
    assert "né(e) le 27 juillet 1981" in text
    assert "1981-07-27" not in text
    assert "depuis le 1er octobre 2025" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")
def test_the_pdf_columns_are_wide_enough_for_names_on_one_line(persona, logged_in, tmp_path):
    response = logged_in(persona("nom_composé")).get("/mes-droits/recapitulatif.pdf")

    lines = _pdf_text(response.content, tmp_path).splitlines()
    assert response.status_code == 200
    # Each cell's text comes out line by line: a squashed column splits names over several lines.
    for name in ("Revenu de solidarité active", "Allocation de soutien familial", "Assurance Maladie"):
        assert name in lines, name
