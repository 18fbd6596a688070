"""The results' total is what the person could claim; what they already receive is shown apart."""

import html
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core import mail

from simulator.results import results_view

pytestmark = pytest.mark.django_db


def _item(key: str, *, amount: str, received: bool = False, periodicity: str = "mensuelle") -> dict:
    return {
        "key": key, "label": key, "eligible": True, "already_received": received, "amount": amount,
        "unit": "€", "periodicity": periodicity, "explanation": [],
    }  # fmt: skip


def test_the_total_leaves_out_a_received_benefit_and_totals_it_apart():
    result = {
        "month": "2026-12",
        "assumptions": [],
        "benefits": [
            _item("rsa", amount="640", received=True),
            _item("aide_logement", amount="310"),
            _item("cheque_energie", amount="194", periodicity="annuelle"),
        ],
    }

    view = results_view(result)

    assert view.monthly_total == Decimal("310")
    assert view.yearly_total == Decimal("194")
    assert view.received_monthly_total == Decimal("640")
    assert view.received_yearly_total == 0
    assert view.total_text == "310 € par mois et 194 € par an"
    assert view.received_total_text == "640 € par mois"


def test_nothing_to_claim_gives_no_total_text():
    result = {"month": "2026-12", "assumptions": [], "benefits": [_item("rsa", amount="640", received=True)]}

    view = results_view(result)

    assert view.monthly_total == 0
    assert view.total_text == ""
    assert view.received_total_text == "640 € par mois"


def _melissandre_view(client):
    return results_view(client.session["simulator"]["result"])


def test_the_results_page_shows_the_received_rsa_apart_from_the_total(melissandre_results):
    view = _melissandre_view(melissandre_results)
    assert [line.key for line in view.received] == ["rsa"]
    assert view.potential  # housing aid, family benefits…
    claimable = sum(
        line.amount for line in view.potential if line.periodicity == "mensuelle" and line.amount is not None
    )

    response = melissandre_results.get("/simulateur/resultats/")

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert view.monthly_total == claimable
    assert view.received_monthly_total == view.received[0].amount
    assert f"Au total, vous pourriez demander environ {view.total_text}</h2>" in page
    assert f"Vous percevez déjà environ {view.received_total_text} (estimation)" in page


def test_the_recap_email_gives_the_same_two_totals(melissandre_results):
    view = _melissandre_view(melissandre_results)

    response = melissandre_results.post("/simulateur/resultats/envoyer/", {"email": "m@example.org"})

    assert response.status_code == 302
    (message,) = mail.outbox
    assert f"Au total, vous pourriez demander environ {view.total_text}." in message.body
    assert f"Vous percevez déjà environ {view.received_total_text} (estimation)" in message.body


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_gives_the_same_two_totals(melissandre_results, tmp_path):
    response = melissandre_results.get("/simulateur/resultats/synthese.pdf")

    assert response.status_code == 200
    pdf = tmp_path / "synthese.pdf"
    pdf.write_bytes(response.content)
    text = " ".join(
        subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout.split()
    )
    assert "Au total, vous pourriez demander environ" in text
    assert "Vous percevez déjà environ" in text
