"""C2S ending: a reminder 2 months before the end date, another 15 days before, with the renewal link."""

import pytest
import time_machine

from alerts.models import Delivery, Notification
from alerts.services.rules import rules_run
from tests.alerts.conftest import day, right_add

END = day("2026-12-31")
RENEWAL = "https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/complementaire-sante/renouvellement"


@pytest.fixture
def c2s(melissandre):
    return right_add(
        melissandre, "css_sans_participation", organism="cpam", end_date=END, start_date=day("2026-01-01")
    )


def keys(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("dedup_key", flat=True))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-10-30", []),  # the day before "2 months before"
        ("2026-10-31", ["c2s-ending-2-mois:2026-12-31"]),
        ("2026-12-15", ["c2s-ending-2-mois:2026-12-31"]),  # the day before "15 days before"
        ("2026-12-16", ["c2s-ending-15-jours:2026-12-31"]),
        ("2026-12-31", ["c2s-ending-15-jours:2026-12-31"]),  # the last day still reminds
        ("2027-01-01", []),  # over: the "right ended" rule speaks instead
    ],
)
@pytest.mark.django_db
def test_c2s_reminder_at_its_date_edges(c2s, melissandre, today, expected):
    with time_machine.travel(day(today), tick=False):
        rules_run(today=day(today))
    assert [k for k in keys(melissandre) if k.startswith("c2s")] == expected


@pytest.mark.django_db
def test_c2s_reminder_carries_the_renewal_link_and_reaches_the_inbox(c2s, melissandre):
    rules_run(today=day("2026-11-10"))

    notification = Notification.objects.get(user=melissandre)
    assert notification.action_url == RENEWAL
    assert notification.organism == "cpam"
    assert notification.category == "renouvellement"
    assert "31 décembre 2026" in notification.title
    assert list(notification.deliveries.values_list("channel", "status")) == [("inbox", "sent")]


@pytest.mark.django_db
def test_both_stages_over_time_make_two_notifications_and_no_more(c2s, melissandre):
    for today in ["2026-10-31", "2026-11-15", "2026-12-16", "2026-12-20", "2026-12-31"]:
        rules_run(today=day(today))
    assert keys(melissandre) == ["c2s-ending-15-jours:2026-12-31", "c2s-ending-2-mois:2026-12-31"]


@pytest.mark.django_db
def test_a_closed_or_potential_c2s_is_not_reminded(melissandre):
    right_add(melissandre, "css_participation", organism="cpam", status="potential", end_date=END)
    rules_run(today=day("2026-11-10"))
    assert not Notification.objects.filter(kind="c2s-ending").exists()
    assert Delivery.objects.count() == Notification.objects.count()


@pytest.mark.django_db
def test_melissandre_first_reminded_41_days_before_the_end_is_told_41_days(melissandre):
    right_add(melissandre, "css_sans_participation", organism="cpam", end_date=day("2027-01-11"))

    with time_machine.travel(day("2026-12-01"), tick=False):
        assert rules_run() == 1
        assert rules_run() == 0

    notification = Notification.objects.get(user=melissandre)
    assert notification.dedup_key == "c2s-ending-2-mois:2027-01-11"
    assert notification.title == "Renouvelez votre complémentaire santé solidaire avant le 11 janvier 2027"
    assert notification.body == (
        "Votre complémentaire santé solidaire (C2S) prend fin le 11 janvier 2027, dans 41 jours : "
        "demandez son renouvellement dès maintenant pour ne pas être privé de votre couverture."
    )
    assert "deux mois" not in notification.body


@pytest.mark.parametrize(
    ("today", "said"),
    [
        ("2026-12-16", "prend fin le 31 décembre 2026, dans 15 jours."),
        ("2026-12-21", "prend fin le 31 décembre 2026, dans 10 jours."),  # first seen late
        ("2026-12-30", "prend fin le 31 décembre 2026, demain."),
        ("2026-12-31", "prend fin le 31 décembre 2026, aujourd'hui."),
    ],
)
@pytest.mark.django_db
def test_the_last_c2s_reminder_says_the_days_really_left(c2s, melissandre, today, said):
    with time_machine.travel(day(today), tick=False):
        assert rules_run() == 1
        assert rules_run() == 0

    notification = Notification.objects.get(user=melissandre)
    assert notification.dedup_key == "c2s-ending-15-jours:2026-12-31"
    assert said in notification.body
    assert "Il reste 15 jours" not in notification.body
