"""Rights from each connector answer, and their statuses at the edges (pure functions)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from rights.building import drafts_from_agency_data, fixed_term_end, next_declaration_due, status_for

TODAY = dt.date(2026, 11, 12)
FETCHED = dt.datetime(2026, 11, 12, 9, 0, tzinfo=dt.UTC)


def row(dataset, payload, *, source="caf", organism="caf", status="found"):
    return SimpleNamespace(dataset=dataset, payload=payload, source=source, organism=organism, status=status,
                           fetched_at=FETCHED)  # fmt: skip


def _child(birth_date):
    """A child of a CAF family file as API Particulier names it."""
    return {"nom_naissance": "DUPONT", "prenoms": "Léa", "date_naissance": birth_date}


def only(rows):
    drafts = drafts_from_agency_data(rows, today=TODAY)
    assert len(drafts) == 1, drafts
    return drafts[0]


@pytest.mark.parametrize(("days_left", "status"), [(59, "renewal_due"), (60, "renewal_due"), (61, "open"),
                                                  (0, "renewal_due"), (-1, "closed")])  # fmt: skip
def test_status_at_the_renewal_edges(days_left, status):
    assert status_for(end_date=TODAY + dt.timedelta(days=days_left), today=TODAY) == status


def test_c2s_ending_in_59_days_is_to_renew_and_in_61_days_is_open():
    for days_left, status in ((59, "renewal_due"), (61, "open")):
        end = TODAY + dt.timedelta(days=days_left)
        start = (end + dt.timedelta(days=1)).replace(year=end.year - 1)
        draft = only([row("complementaire_sante_solidaire",
                          {"est_beneficiaire": True, "avec_participation": False, "date_debut_droit": start.isoformat()},
                          source="cpam", organism="cpam")])  # fmt: skip
        assert (draft.key, draft.end_date, draft.status) == ("css_sans_participation", end, status)


def test_c2s_lasts_twelve_months():
    assert fixed_term_end(dt.date(2026, 1, 21), 12) == dt.date(2027, 1, 20)
    assert fixed_term_end(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 27)


def test_a_declaration_due_tomorrow():
    today = dt.date(2026, 5, 14)
    assert next_declaration_due(start=dt.date(2026, 2, 10), today=today) == dt.date(2026, 5, 15)
    assert next_declaration_due(start=dt.date(2026, 2, 10), today=dt.date(2026, 5, 15)) == dt.date(
        2026, 5, 15
    )
    assert next_declaration_due(start=dt.date(2026, 2, 10), today=dt.date(2026, 5, 16)) == dt.date(
        2026, 8, 15
    )


def test_a_right_opened_this_month_declares_after_its_first_quarter():
    assert next_declaration_due(start=dt.date(2026, 11, 1), today=TODAY) == dt.date(2027, 2, 15)


def test_rsa_from_caf_with_its_declaration():
    draft = only([row("revenu_solidarite_active", {"est_beneficiaire": True, "date_debut_droit": "2025-09-01",
                                                   "avec_majoration": False})])  # fmt: skip
    assert (draft.key, draft.organism, draft.status, draft.start_date) == (
        "rsa",
        "caf",
        "open",
        dt.date(2025, 9, 1),
    )
    assert draft.next_declaration_due == dt.date(2026, 12, 15)
    assert draft.end_date is None
    assert draft.amount is None


def test_prime_activite_from_msa_is_attributed_to_msa():
    draft = only(
        [row("prime_activite", {"est_beneficiaire": True, "date_debut_droit": "2026-06-01"}, organism="msa")]
    )
    assert (draft.key, draft.organism, draft.next_declaration_due) == ("ppa", "msa", dt.date(2026, 12, 15))


@pytest.mark.parametrize("dataset", ["revenu_solidarite_active", "prime_activite", "allocation_adulte_handicape",
                                     "allocation_soutien_familial"])  # fmt: skip
def test_not_a_beneficiary_gives_no_right(dataset):
    assert drafts_from_agency_data([row(dataset, {"est_beneficiaire": False})], today=TODAY) == []


def test_no_record_gives_no_right():
    rows = [
        row("quotient_familial", {}, status="not_found"),
        row("revenu_solidarite_active", {}, status="not_found"),
    ]
    assert drafts_from_agency_data(rows, today=TODAY) == []


def test_aah_and_asf():
    rows = [row("allocation_adulte_handicape", {"est_beneficiaire": True, "date_debut_droit": "2019-05-01"}),
            row("allocation_soutien_familial", {"est_beneficiaire": True, "date_debut_droit": "2023-11-01"})]  # fmt: skip
    assert sorted(d.key for d in drafts_from_agency_data(rows, today=TODAY)) == ["aah", "asf"]


def test_aeeh_held_by_the_parent():
    assert only([row("allocation_enfant_handicape", {"status": "allocataire"})]).key == "aeeh"
    assert (
        drafts_from_agency_data(
            [row("allocation_enfant_handicape", {"status": "non_beneficiaire"})], today=TODAY
        )
        == []
    )


def test_c2s_with_participation():
    draft = only([row("complementaire_sante_solidaire", {"est_beneficiaire": True, "avec_participation": True,
                                                         "date_debut_droit": "2026-08-12"}, source="cpam", organism="cpam")])  # fmt: skip
    assert (draft.key, draft.end_date, draft.status) == ("css_participation", dt.date(2027, 8, 11), "open")


def test_family_file_gives_allocations_familiales_for_two_children_and_paje_for_a_baby():
    payload = {"quotient_familial": {"fournisseur": "CNAF", "valeur": 480},
               "enfants": [_child("2014-08-01"), _child("2018-06-00"), _child("2026-06-07")]}  # fmt: skip
    drafts = {d.key: d for d in drafts_from_agency_data([row("quotient_familial", payload)], today=TODAY)}
    assert set(drafts) == {"af", "paje_base"}
    assert drafts["paje_base"].start_date == dt.date(2026, 7, 1)
    assert drafts["paje_base"].end_date == dt.date(2029, 6, 6)
    assert "déduit" in drafts["af"].basis


def test_one_child_gives_no_allocations_familiales():
    payload = {"quotient_familial": {"fournisseur": "CNAF"}, "enfants": [_child("2015-01-01")]}
    assert drafts_from_agency_data([row("quotient_familial", payload)], today=TODAY) == []


def test_france_travail_payments_are_are_or_ass():
    def payments(amounts):
        return {"identifiant": "X", "paiements": [{"date_versement": f"2026-{m:02d}-02", "montant_total": a}
                                                 for m, a in zip(range(5, 11), amounts, strict=True)]}  # fmt: skip

    are = only([row("france_travail_indemnites", payments([1241.3, 1201.26] * 3), source="france_travail",
                    organism="france_travail")])  # fmt: skip
    assert (are.key, are.amount, len(are.payments)) == ("are", Decimal("1201.26"), 6)
    assert are.payments[0] == {"date": "2026-05-02", "amount": "1241.30"}
    ass = only([row("france_travail_indemnites", payments([585.9, 567.0] * 3), source="france_travail",
                    organism="france_travail")])  # fmt: skip
    assert ass.key == "ass"


def test_no_payment_gives_no_allowance():
    rows = [row("france_travail_indemnites", {"identifiant": "X", "paiements": []}, source="france_travail"),
            row("france_travail_statut", {"identifiant": "X"}, source="france_travail")]  # fmt: skip
    assert drafts_from_agency_data(rows, today=TODAY) == []


def test_scholarship_with_its_payment_period():
    payload = {"statut_boursier": {"est_boursier": True, "est_radie": False},
               "periode_versement_bourse": {"date_rentree": "2026-09-01", "duree": 10},
               "echelon_bourse": {"echelon": "5"}}  # fmt: skip
    draft = only([row("etudiant_boursier", payload, source="cnous", organism="cnous")])
    assert (draft.key, draft.start_date, draft.end_date) == (
        "bourse_criteres_sociaux",
        dt.date(2026, 9, 1),
        dt.date(2027, 6, 30),
    )
    assert "échelon 5" in draft.basis
    payload["statut_boursier"]["est_radie"] = True
    assert drafts_from_agency_data([row("etudiant_boursier", payload, source="cnous")], today=TODAY) == []
