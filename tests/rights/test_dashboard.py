"""The reads behind "Mes droits", on a fixed day: things to do, domain amounts, next payments."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from rights.catalogue import benefit, organism_info
from rights.dashboard import (
    domain_summaries,
    expected_payments,
    french_count,
    french_date,
    french_months,
    payments_not_transmitted,
    todo_items,
)
from rights.models import Overpayment, Right
from rights.selectors import RightView

TODAY = dt.date(2026, 12, 4)


def view(key: str, organism: str, status: str = Right.Status.OPEN, **fields) -> RightView:
    right = Right(key=key, domain=benefit(key).domain, organism=organism, status=status, **fields)
    return RightView(right=right, benefit=benefit(key), organism=organism_info(organism), freshness=None)


def monthly(days: list[str], amount: str = "585.90") -> list[dict]:
    return [{"date": day, "amount": amount} for day in days]


def test_dates_and_counts_read_as_french_writes_them():
    assert french_date(dt.date(2027, 1, 1)) == "1er janvier 2027"
    assert french_date(dt.date(2027, 1, 15)) == "15 janvier 2027"
    assert french_months(dt.date(2026, 10, 1), dt.date(2026, 12, 31)) == "d'octobre à décembre 2026"
    assert french_months(dt.date(2026, 11, 1), dt.date(2027, 1, 31)) == "de novembre 2026 à janvier 2027"
    assert (
        french_count(0, "droit ouvert", "droits ouverts", none="aucun droit ouvert") == "aucun droit ouvert"
    )
    assert french_count(1, "droit ouvert", "droits ouverts", none="") == "1 droit ouvert"
    assert french_count(2, "droit ouvert", "droits ouverts", none="") == "2 droits ouverts"


def test_things_to_do_come_by_deadline_whatever_their_kind():
    c2s = view(
        "css_sans_participation", "cpam", Right.Status.RENEWAL_DUE,
        start_date=dt.date(2026, 1, 11), end_date=dt.date(2027, 1, 10),
    )  # fmt: skip
    rsa = view("rsa", "caf", start_date=dt.date(2025, 10, 1), next_declaration_due=dt.date(2027, 1, 15))
    soon = Overpayment(
        pk=7,
        organism="caf",
        benefit_key="rsa",
        amount=Decimal("342.18"),
        recourse_deadline=dt.date(2027, 1, 2),
    )
    late = Overpayment(
        pk=8, organism="caf", benefit_key="ppa", amount=Decimal("80"), recourse_deadline=dt.date(2026, 11, 30)
    )

    items = todo_items(views=[rsa, c2s], overpayments=[late, soon], today=TODAY)

    assert [(item.kind, item.deadline) for item in items] == [
        ("overpayment", dt.date(2027, 1, 2)),
        ("renewal", dt.date(2027, 1, 10)),
        ("declaration", dt.date(2027, 1, 15)),
        ("overpayment", None),
    ]
    assert [item.text for item in items] == [
        "Contestez le trop-perçu de 342,18\u00a0€ (RSA) réclamé par la CAF au plus tard le 2 janvier 2027, "
        "ou demandez une remise ou un échéancier",
        "Renouvelez votre C2S gratuite auprès de l'Assurance Maladie avant le 10 janvier 2027",
        "Déclarez à la CAF vos ressources d'octobre à décembre 2026 pour votre RSA au plus tard le "
        "15 janvier 2027, à partir du 1er janvier 2027",
        "Demandez à la CAF une remise ou un échéancier pour le trop-perçu de 80\u00a0€ (Prime d'activité)",
    ]
    assert [item.when for item in items] == ["dans 29 jours", "dans 37 jours", "dans 42 jours", ""]
    assert [item.url for item in items] == [
        "/mes-droits/indus/7/",
        reverse("stats:procedure", args=["css_sans_participation"]) + "?organisme=cpam",
        reverse("stats:procedure", args=["rsa"]) + "?organisme=caf",
        "/mes-droits/indus/8/",
    ]
    assert items[1].link_title == "Renouveler en ligne : C2S gratuite, Assurance Maladie — nouvelle fenêtre"


def test_an_open_declaration_does_not_say_when_it_opens():
    rsa = view("rsa", "caf", start_date=dt.date(2025, 10, 1), next_declaration_due=dt.date(2027, 1, 15))
    (item,) = todo_items(views=[rsa], overpayments=[], today=dt.date(2027, 1, 3))
    assert item.text.endswith("au plus tard le 15 janvier 2027")
    assert item.when == "dans 12 jours"


def test_a_right_ending_without_renewal_nor_a_potential_one_is_nothing_to_do():
    paje = view("paje_base", "caf", Right.Status.RENEWAL_DUE, end_date=dt.date(2027, 1, 20))
    potential = view("ppa", "caf", Right.Status.POTENTIAL, amount=Decimal("120"), periodicity="mensuelle")
    assert todo_items(views=[paje, potential], overpayments=[], today=TODAY) == []


def test_a_to_check_amount_is_never_summed_with_the_estimates():
    rights = [
        view("aide_logement", "caf", Right.Status.POTENTIAL, amount=Decimal("250"), periodicity="mensuelle"),
        view("paris_logement", "ville_paris", Right.Status.TO_CHECK, amount=Decimal("900"), periodicity="mensuelle"),
        view("cheque_energie", "cheque_energie", Right.Status.POTENTIAL, amount=Decimal("194"), periodicity="annuelle"),
        view("paris_logement_familles", "ville_paris", Right.Status.POTENTIAL, amount=Decimal("881"), periodicity="ponctuelle"),
    ]  # fmt: skip

    logement = {summary.code: summary for summary in domain_summaries(views=rights)}["logement"]

    assert logement.estimated == {
        "mensuelle": Decimal("250"), "annuelle": Decimal("194"), "ponctuelle": Decimal("881")
    }  # fmt: skip
    assert (
        logement.estimated_text == "environ 250\u00a0€ par mois, 194\u00a0€ par an et 881\u00a0€ en une fois"
    )
    assert logement.counts == "aucun droit ouvert · 3 droits potentiels · 1 aide à vérifier"


def test_held_rights_say_paid_estimated_or_unknown_amounts():
    rights = [
        view("ass", "france_travail", amount=Decimal("567"), periodicity="mensuelle",
             payments=monthly(["2026-11-04", "2026-12-04"])),
        view("rsa", "caf", amount=Decimal("607.75"), amount_is_estimate=True, periodicity="mensuelle"),
        view("aah", "caf", amount=Decimal("1033.32"), periodicity="mensuelle"),
        view("af", "caf", periodicity="mensuelle"),
        view("css_participation", "cpam", start_date=dt.date(2026, 9, 4), end_date=dt.date(2027, 9, 3)),
    ]  # fmt: skip

    lines = {line.name: line.text for summary in domain_summaries(views=rights) for line in summary.held}

    assert lines == {
        "ASS": "585,90\u00a0€ versés le 4 décembre 2026",
        "RSA": "environ 607,75\u00a0€ par mois (estimation)",
        "AAH": "1\u00a0033,32\u00a0€ par mois",
        "Allocations familiales": "montant non transmis",
        "C2S avec participation": "avec une participation mensuelle selon l'âge, jusqu'au 3 septembre 2027",
    }


def test_a_regular_monthly_payment_is_expected_on_its_day_next_month():
    ass = view(
        "ass", "france_travail", periodicity="mensuelle",
        payments=monthly(["2026-10-04", "2026-09-04", "2026-11-05", "2026-12-04"]),
    )  # fmt: skip

    (item,) = expected_payments(views=[ass], today=TODAY)

    assert item.expected_on == dt.date(2027, 1, 4)
    assert item.text == (
        "attendu vers le 4 janvier 2027 (dernier versement le 4 décembre 2026 : 585,90\u00a0€)"
    )


def test_no_date_is_invented_from_irregular_few_or_late_payments():
    irregular = view(
        "are", "france_travail", periodicity="mensuelle",
        payments=monthly(["2026-09-02", "2026-10-20", "2026-11-03"]),
    )  # fmt: skip
    few = view(
        "ass", "france_travail", periodicity="mensuelle", payments=monthly(["2026-11-04", "2026-12-04"])
    )
    gap = view(
        "are", "france_travail", periodicity="mensuelle",
        payments=monthly(["2026-08-02", "2026-10-02", "2026-11-02"]),
    )  # fmt: skip
    late = view(
        "ass", "france_travail", periodicity="mensuelle",
        payments=monthly(["2026-08-02", "2026-09-02", "2026-10-02"]),
    )  # fmt: skip

    for right in (irregular, few, gap, late):
        (item,) = expected_payments(views=[right], today=TODAY)
        assert item.expected_on is None
        assert item.text.startswith("dernier versement le ")


def test_closed_and_potential_rights_have_no_expected_payment():
    closed = view(
        "ass", "france_travail", Right.Status.CLOSED, periodicity="mensuelle",
        payments=monthly(["2026-09-04", "2026-10-04", "2026-11-04"]),
    )  # fmt: skip
    assert expected_payments(views=[closed], today=TODAY) == []


def test_the_organisms_that_transmit_no_payment_are_named_with_their_article():
    rsa, af = view("rsa", "caf"), view("af", "caf")
    c2s = view("css_sans_participation", "cpam", end_date=dt.date(2027, 6, 3))
    bourse = view("bourse_criteres_sociaux", "cnous")
    are = view("are", "france_travail", payments=monthly(["2026-12-02"]))

    assert payments_not_transmitted(views=[are, c2s]) == ""
    assert payments_not_transmitted(views=[rsa, af, c2s, are]) == (
        "La CAF ne nous transmet pas ses versements : vous les trouverez dans votre espace sur son site."
    )
    assert payments_not_transmitted(views=[rsa, bourse]) == (
        "La CAF et le CROUS ne nous transmettent pas leurs versements : vous les trouverez dans votre "
        "espace sur leur site."
    )
