import pytest

from agencies.services.journal import journal_record

pytestmark = pytest.mark.django_db


def test_it_lists_the_persons_own_accesses_only(citizen_of, logged_in):
    melissandre = citizen_of("nom_composé")
    pierre = citizen_of("avec_nom_dusage")
    journal_record(person_id=melissandre.pk, actor="system", source="caf", endpoint="/v3/dss/quotient_familial",
                   purpose="récupération", outcome="ok")  # fmt: skip
    journal_record(person_id=pierre.pk, actor="system", source="dgfip", endpoint="dgfip:secret-of-pierre",
                   purpose="récupération", outcome="ok")  # fmt: skip

    response = logged_in(melissandre).get("/mes-donnees/historique/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/v3/dss/quotient_familial" in html
    assert "secret-of-pierre" not in html
