"""Publishing to an agency's members: audiences among its own members only, written once."""

import datetime as dt

import pytest
from django.utils import timezone

from agencies.models import Consent
from alerts.audience import audience_of, members_matching_identities, members_of
from alerts.models import Delivery, Notification, Preference, Publication
from alerts.services.publish import Draft, publication_create, publication_send, publications_due_enqueue
from tests.alerts.conftest import right_add


def draft(**overrides) -> Draft:
    values = {
        "agency": "caf", "title": "Nouveau service", "body": "Votre CAF ouvre un accueil le samedi.",
        "link": "https://www.caf.fr", "category": "organisme", "audience": "all",
    }  # fmt: skip
    return Draft(**(values | overrides))


def send(d: Draft) -> Publication:
    publication = publication_create(draft=d, author=None, via="backoffice")
    return publication_send(publication_id=publication.pk)


@pytest.mark.django_db
def test_members_are_people_whose_data_the_agency_gave_with_an_active_consent(
    melissandre, pierre, hugo, member_of
):
    revoked = member_of("test", "caf")
    Consent.objects.filter(user=revoked).update(revoked_at=timezone.now())
    unconsented = member_of("sans_genre", "caf", consent=False)

    assert set(members_of(agency="caf")) == {melissandre, pierre}
    assert set(members_of(agency="france_travail")) == {hugo}
    assert revoked not in members_of(agency="caf")
    assert unconsented not in members_of(agency="caf")


@pytest.mark.django_db
def test_publishing_to_all_members_writes_one_notification_each(melissandre, pierre, hugo):
    publication = send(draft())

    assert publication.status == "sent"
    assert publication.recipient_count == 2
    assert set(Notification.objects.values_list("user", flat=True)) == {melissandre.pk, pierre.pk}
    notification = Notification.objects.get(user=pierre)
    assert (notification.organism, notification.action_url, notification.dedup_key) == (
        "caf",
        "https://www.caf.fr",
        f"publication:{publication.pk}",
    )
    assert Delivery.objects.filter(channel="inbox", status="sent").count() == 2


@pytest.mark.django_db
def test_sending_twice_writes_nothing_more(melissandre, pierre, django_capture_on_commit_callbacks):
    Preference.objects.create(user=pierre, category="organisme", email=True)
    publication = publication_create(draft=draft(), author=None, via="api")
    with django_capture_on_commit_callbacks() as first:
        publication_send(publication_id=publication.pk)
    with django_capture_on_commit_callbacks() as second:
        publication_send(publication_id=publication.pk)
    assert Notification.objects.count() == 2
    assert Delivery.objects.filter(channel="email").count() == 1
    assert (len(first), len(second)) == (1, 0)  # one e-mail queued, by the first send only


@pytest.mark.django_db
def test_members_with_a_benefit_of_that_agency(melissandre, pierre):
    right_add(melissandre, "rsa")
    right_add(pierre, "rsa", status="potential")  # not held
    right_add(pierre, "ppa", organism="msa")  # another organism's right
    assert list(audience_of(agency="caf", audience="benefit", value="rsa")) == [melissandre]
    assert list(audience_of(agency="caf", audience="benefit", value="ppa")) == []


@pytest.mark.parametrize(("departement", "expected"), [("13", "melissandre"), ("35", "pierre"), ("2A", None)])
@pytest.mark.django_db
def test_members_in_a_departement(melissandre, pierre, departement, expected):
    found = list(audience_of(agency="caf", audience="departement", value=departement))
    assert found == ([{"melissandre": melissandre, "pierre": pierre}[expected]] if expected else [])


@pytest.mark.django_db
def test_corsican_departements_split_the_20_postal_codes(member_of):
    ajaccio = member_of("test_CORSE_2A", "caf", postal="20000 AJACCIO")
    assert list(audience_of(agency="caf", audience="departement", value="2A")) == [ajaccio]
    assert list(audience_of(agency="caf", audience="departement", value="2B")) == []


@pytest.mark.django_db
def test_members_by_identite_pivot_match_only_the_agencys_members(melissandre, hugo):
    identities = [
        {"given_name": "melissandre juliette", "family_name": "TROIS-DUPRE", "birthdate": "1981-07-27"},
        {"given_name": "Hugo", "family_name": "MEUNIER", "birthdate": "1990-12-19"},  # France Travail's
        {"given_name": "Nobody", "family_name": "X", "birthdate": "2000-01-01"},
    ]
    found, unmatched = members_matching_identities(agency="caf", identities=identities)
    assert found == [melissandre.pk]
    assert unmatched == [1, 2]


@pytest.mark.django_db
def test_a_scheduled_publication_waits_for_its_time(melissandre, django_capture_on_commit_callbacks):
    later = timezone.now() + dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks() as callbacks:
        publication = publication_create(draft=draft(scheduled_at=later), author=None, via="backoffice")
    assert callbacks == []
    assert publication_send(publication_id=publication.pk).status == "scheduled"
    assert publications_due_enqueue() == 0

    Publication.objects.filter(pk=publication.pk).update(scheduled_at=timezone.now())
    with django_capture_on_commit_callbacks() as callbacks:
        assert publications_due_enqueue() == 1
    assert len(callbacks) == 1
    assert publication_send(publication_id=publication.pk).recipient_count == 1
