"""/mes-droits/: what to do by when, the next payments, and each domain's amounts (paid, estimated)."""

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import JournalEntry
from rights.dashboard import french_date
from rights.demo import rights_demo_ensure
from rights.models import Right
from rights.services import PotentialRight, potential_rights_replace, rights_rebuild_for_user

pytestmark = pytest.mark.django_db
URL = "/mes-droits/"
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}


class _Collector(HTMLParser):
    """The text and the links (href) of every element carrying a data-testid."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.texts: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "br":
            self.handle_data(" ")
        if tag not in VOID:
            self.open.append((tag, attrs.get("data-testid")))
        if tag == "a":
            for _, testid in self.open:
                if testid:
                    self.links.setdefault(testid, []).append(attrs.get("href", ""))
        if tag not in VOID and attrs.get("data-testid"):
            self.texts.setdefault(attrs["data-testid"], []).append("")

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, testid in self.open:
            if testid:
                self.texts[testid][-1] += data


class Page:
    def __init__(self, html: str):
        collector = _Collector()
        collector.feed(html)
        self._texts, self._links = collector.texts, collector.links
        self.text = " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("\xa0", " ")

    def all(self, testid: str) -> list[str]:
        return [" ".join(text.split()).replace("\xa0", " ") for text in self._texts.get(testid, [])]

    def one(self, testid: str) -> str:
        (text,) = self.all(testid)
        return text

    def links(self, testid: str) -> list[str]:
        return self._links.get(testid, [])


def get(client) -> tuple[int, Page]:
    response = client.get(URL)
    return response.status_code, Page(response.content.decode())


def test_melissandre_has_her_c2s_renewal_rsa_declaration_and_overpayment_to_do_by_deadline(
    persona, logged_in, django_assert_max_num_queries
):
    user = persona("nom_composé")
    overpayment = rights_demo_ensure()
    c2s = Right.objects.get(user=user, key="css_sans_participation")
    rsa = Right.objects.get(user=user, key="rsa")
    client = logged_in(user)

    with django_assert_max_num_queries(15):
        status, page = get(client)

    assert status == 200
    renewal, declaration, contest = (
        page.all("todo-renewal") + page.all("todo-declaration") + page.all("todo-overpayment")
    )
    assert renewal.startswith(
        f"Renouvelez votre C2S gratuite auprès de l'Assurance Maladie avant le {french_date(c2s.end_date)}"
    )
    assert declaration.startswith(
        f"Déclarez à la CAF vos ressources d'octobre à décembre 2026 pour votre RSA au plus tard le "
        f"{french_date(rsa.next_declaration_due)}"
    )
    assert contest.startswith(
        "Contestez le trop-perçu de 342,18 € (RSA) réclamé par la CAF au plus tard le "
        f"{french_date(overpayment.recourse_deadline)}"
    )
    # In deadline order, each with its link to act.
    assert c2s.end_date < rsa.next_declaration_due < overpayment.recourse_deadline
    todo = page.one("todo")
    assert todo.index(renewal) < todo.index(declaration) < todo.index(contest)
    assert page.links("todo") == [
        reverse("stats:procedure", args=["css_sans_participation"]) + "?organisme=cpam",
        reverse("stats:procedure", args=["rsa"]) + "?organisme=caf",
        f"/mes-droits/indus/{overpayment.pk}/",
    ]
    # Above the tiles.
    assert page.text.index("À faire") < page.text.index("Mes droits par domaine")
    assert (
        JournalEntry.objects.filter(
            person_id=user.pk, endpoint="page Mes droits", outcome="displayed"
        ).count()
        == 2
    )


def test_melissandres_health_tile_says_what_her_c2s_costs_and_until_when(persona, logged_in):
    user = persona("nom_composé")
    c2s = Right.objects.get(user=user, key="css_sans_participation")

    status, page = get(logged_in(user))

    assert status == 200
    tile = page.one("tile-sante")
    assert tile == (
        f"Santé 1 droit ouvert C2S gratuite · Assurance Maladie "
        f"Sans rien à payer, à renouveler avant le {french_date(c2s.end_date)}"
    )
    assert page.one("tile-famille-counts") == "2 droits ouverts"
    assert page.one("tile-retraite-counts") == "Aucun droit ouvert"
    assert not re.search(r"\b0 droit", page.text)


def test_melissandre_sees_the_simulators_amounts_labelled_as_estimates(persona, logged_in):
    user = persona("nom_composé")
    potential_rights_replace(
        user=user,
        potentials=[
            PotentialRight("rsa", Decimal("607.75"), "mensuelle", "/simulateur/resultats/"),
            PotentialRight("ars", Decimal("416.40"), "annuelle", "/simulateur/resultats/"),
        ],
    )

    status, page = get(logged_in(user))

    assert status == 200
    assert "RSA · CAF Environ 607,75 € par mois (estimation)" in page.one("tile-solidarite")
    assert page.one("tile-famille-counts") == "2 droits ouverts · 1 droit potentiel"
    assert page.one("tile-famille-estimated") == "Droit potentiel (estimation) : environ 416,40 € par an"


def test_angela_s_amount_to_check_is_never_added_to_the_estimate(citizen_of, logged_in):
    angela = citizen_of("test")
    potential_rights_replace(
        user=angela,
        potentials=[
            PotentialRight("aide_logement", Decimal("250"), "mensuelle", "/simulateur/resultats/"),
            PotentialRight("cheque_energie", Decimal("194"), "annuelle", "/simulateur/resultats/"),
            PotentialRight(
                "paris_logement", Decimal("900"), "mensuelle", "/simulateur/resultats/", to_check=True,
                questions=[{"key": "paris_residence", "question": "Depuis quand ?", "url": "/simulateur/"}],
            ),
        ],
    )  # fmt: skip

    status, page = get(logged_in(angela))

    assert status == 200
    tile = page.one("tile-logement")
    assert page.one("tile-logement-counts") == "Aucun droit ouvert · 2 droits potentiels · 1 aide à vérifier"
    assert page.one("tile-logement-estimated") == (
        "Droits potentiels (estimation) : environ 250 € par mois et 194 € par an, sans les aides à vérifier"
    )
    assert "900" not in tile
    assert "1 150" not in tile


def test_dominique_without_any_right_reads_the_empty_states_in_good_french(persona, logged_in):
    status, page = get(logged_in(persona("sans_genre")))

    assert status == 200
    assert "Aucun droit connu pour le moment" in page.one("no-rights")
    assert "/simulateur/" in page.links("no-rights")
    assert page.one("todo-empty").startswith("Rien à faire pour le moment")
    assert page.one("expected-payments-empty").startswith("Aucun versement connu")
    assert page.all("payments-not-transmitted") == []
    for domain in ("sante", "famille", "logement", "solidarite", "retraite", "emploi"):
        assert page.one(f"tile-{domain}-counts") == "Aucun droit ouvert"
    assert not re.search(r"\b0 (droit|aide)", page.text)


def test_hugo_sees_when_his_next_france_travail_payment_is_expected(persona, logged_in):
    user = persona("sans_telephone")
    are = Right.objects.get(user=user, key="are")
    last = max(are.payments, key=lambda payment: payment["date"])
    last_day = dt.date.fromisoformat(last["date"])
    next_month = (last_day.replace(day=1) + dt.timedelta(days=32)).replace(day=last_day.day)

    status, page = get(logged_in(user))

    assert status == 200
    assert page.one("expected-payment") == (
        f"Allocation chômage (ARE) · France Travail Attendu vers le {french_date(next_month)} "
        f"(dernier versement le {french_date(last_day)} : 1 201,26 €)"
    )
    assert f"Allocation chômage (ARE) · France Travail 1 201,26 € versés le {french_date(last_day)}" in (
        page.one("tile-emploi")
    )


def test_a_late_payment_is_not_guessed_the_last_one_is_said(persona, logged_in):
    user = persona("sans_telephone")
    are = Right.objects.get(user=user, key="are")
    are.payments = [
        {"date": f"2026-{month:02d}-02", "amount": "1201.26"} for month in range(5, 10)
    ]  # the last one in September: October's is missing
    are.save()

    status, page = get(logged_in(user))

    assert status == 200
    assert page.one("expected-payment") == (
        "Allocation chômage (ARE) · France Travail Dernier versement le 2 septembre 2026 : 1 201,26 €"
    )


def test_melissandre_is_told_the_caf_does_not_transmit_its_payments(persona, logged_in):
    status, page = get(logged_in(persona("nom_composé")))

    assert status == 200
    assert page.one("payments-not-transmitted") == (
        "La CAF ne nous transmet pas ses versements : vous les trouverez dans votre espace sur son site."
    )


def test_an_overpayment_past_its_contest_deadline_still_offers_a_remission(bob, persona, logged_in):
    user = persona("nom_composé")
    overpayment = rights_demo_ensure(today=timezone.localdate() - dt.timedelta(days=90))

    status, page = get(logged_in(user))

    assert status == 200
    assert overpayment.recourse_deadline < timezone.localdate()
    assert page.all("todo-overpayment") == [
        "Demandez à la CAF une remise ou un échéancier pour le trop-perçu de 342,18 € (RSA) "
        "Comprendre ce trop-perçu et mes possibilités"
    ]
    assert page.one("todo").endswith("Comprendre ce trop-perçu et mes possibilités")  # undated: last
    assert get(logged_in(bob))[1].all("todo-overpayment") == []


def test_msa_member_sees_msa(bob, agency_row, logged_in):
    agency_row(
        bob, "prime_activite", {"est_beneficiaire": True, "date_debut_droit": "2026-06-01"}, organism="msa"
    )
    rights_rebuild_for_user(user=bob)
    status, page = get(logged_in(bob))
    assert status == 200
    assert "Données MSA du" in page.text
    assert "· MSA" in page.one("tile-solidarite")
    assert page.one("todo-declaration").startswith("Déclarez à la MSA vos ressources")
    assert page.links("todo-declaration") == [reverse("stats:procedure", args=["ppa"]) + "?organisme=msa"]


def test_it_needs_a_citizen(client, agent):
    assert client.get(URL).status_code == 302
    client.force_login(agent)
    assert client.get(URL).status_code == 403
