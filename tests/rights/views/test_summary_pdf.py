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
