"""E-mail preferences by category: the inbox always, e-mail for the categories chosen."""

import pytest

from alerts.models import Preference


@pytest.mark.django_db
def test_it_saves_email_choices_per_category(melissandre, logged_in):
    client = logged_in(melissandre)
    page = client.get("/alertes/preferences/").content.decode()
    assert "imyllommo-2736@yopmail.com" in page

    response = client.post("/alertes/preferences/", {"declaration": "on", "renouvellement": "on"})

    assert response.status_code == 302
    assert dict(Preference.objects.filter(user=melissandre).values_list("category", "email")) == {
        "renouvellement": True, "declaration": True, "paiement": False, "nouveau_droit": False, "organisme": False,
    }  # fmt: skip
    client.post("/alertes/preferences/", {})
    assert not Preference.objects.filter(user=melissandre, email=True).exists()
