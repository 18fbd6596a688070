"""Who an agency may reach: its members, and the audiences among them.

"Members" of an organism are the people whose data that organism provided through the connectors,
under a consent still active. Every audience starts from that set, so an agency never reaches
anyone else.
"""

import re

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import CitizenIdentity, User
from agencies.models import AgencyData, Consent
from rights.models import Right

HELD = (Right.Status.OPEN, Right.Status.RENEWAL_DUE)
DEPARTEMENTS = (
    [f"{n:02d}" for n in range(1, 20)]
    + ["2A", "2B"]
    + [f"{n:02d}" for n in range(21, 96)]
    + ["971", "972", "973", "974", "976"]
)
# Postal codes of Corsica start with 20 for both départements: 200-201 are Corse-du-Sud.
_CORSICA_POSTAL = {"2A": ("200", "201"), "2B": ("202", "203", "204", "205", "206")}
_POSTAL = re.compile(r"^\s*(\d{5})")


def members_of(*, agency: str) -> QuerySet[User]:
    active_consent = Consent.objects.filter(
        user_id=OuterRef("user_id"), source=OuterRef("source"), revoked_at__isnull=True
    )
    provided = AgencyData.objects.filter(
        Exists(active_consent), organism=agency, status=AgencyData.Status.FOUND
    ).values("user_id")
    return User.objects.filter(kind=User.Kind.CITIZEN, is_active=True, pk__in=provided)


def departement_postal_prefixes(code: str) -> tuple[str, ...]:
    if code in _CORSICA_POSTAL:
        return _CORSICA_POSTAL[code]
    return (code,)


def with_benefit(members: QuerySet[User], *, agency: str, benefit: str) -> QuerySet[User]:
    holders = Right.objects.filter(organism=agency, key=benefit, status__in=HELD).values("user_id")
    return members.filter(pk__in=holders)


def in_departement(members: QuerySet[User], *, departement: str) -> QuerySet[User]:
    """Members whose address (the one CAF or MSA gave, with consent) is in the département."""
    postal = Q()
    for prefix in departement_postal_prefixes(departement):
        postal |= Q(payload__adresse__code_postal_ville__startswith=prefix)
    addressed = AgencyData.objects.filter(
        postal, dataset="quotient_familial", status=AgencyData.Status.FOUND
    ).values("user_id")
    return members.filter(pk__in=addressed)


def audience_of(*, agency: str, audience: str, value: str = "", member_ids=()) -> QuerySet[User]:
    members = members_of(agency=agency)
    if audience == "benefit":
        return with_benefit(members, agency=agency, benefit=value)
    if audience == "departement":
        return in_departement(members, departement=value)
    if audience == "members":
        return members.filter(pk__in=list(member_ids))
    return members


def members_matching_identities(*, agency: str, identities: list[dict]) -> tuple[list[int], list[int]]:
    """The members matching each identité pivot; returns (user ids, indexes of entries unmatched)."""
    members = members_of(agency=agency).values("pk")
    found: list[int] = []
    unmatched: list[int] = []
    for index, identity in enumerate(identities):
        criteria = Q(
            given_name__iexact=identity["given_name"],
            family_name__iexact=identity["family_name"],
            birthdate=identity["birthdate"],
        )
        for optional in ("gender", "birthplace", "birthcountry"):
            if identity.get(optional):
                criteria &= Q(**{optional: identity[optional]})
        ids = list(
            CitizenIdentity.objects.filter(criteria, user_id__in=members).values_list("user_id", flat=True)[
                :2
            ]
        )
        if len(ids) == 1:  # an ambiguous identity reaches no one rather than a wrong person
            found.append(ids[0])
        else:
            unmatched.append(index)
    return sorted(set(found)), unmatched
