"""Schooling of a family's children (MEN v4), asked once the CAF/MSA family file names them.

The MEN API needs each pupil's identity and a search perimeter; the family file gives both (the
children and the family's address), so this runs after the other sources, in a second phase.
"""

import datetime as dt

from agencies.connectors.api_particulier import ApiParticulierClient
from agencies.connectors.errors import NotFound
from agencies.connectors.schemas import QuotientFamilial, Schoolings

SCHOOL_AGES = range(3, 20)  # school is compulsory from 3; lycée ends around 18


def school_year(today: dt.date) -> str:
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}-{start + 1}"


def department_of(postcode: str) -> str:
    """The département code of a French postcode (Corsica split at 20200; overseas on 3 digits)."""
    if postcode.startswith("20"):
        return "2A" if int(postcode) < 20200 else "2B"
    if postcode.startswith(("97", "98")):
        return postcode[:3]
    return postcode[:2]


def _age(birthdate: str | None, today: dt.date) -> int | None:
    if not birthdate or birthdate.endswith("00"):
        return None
    born = dt.date.fromisoformat(birthdate)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def schoolings_fetch(*, family: QuotientFamilial, today: dt.date) -> Schoolings:
    """Each school-age child of the family file, with their schooling when the MEN knows it."""
    address = (family.adresse.code_postal_ville if family.adresse else "") or ""
    postcode = address.split(" ")[0]
    if not postcode.isdigit() or len(postcode) != 5:
        raise NotFound(f"MEN scolarité: no usable postcode in the family file ({address!r})")
    department = department_of(postcode)
    client = ApiParticulierClient()
    entries = []
    for child in family.enfants:
        age = _age(child.date_naissance, today)
        if age is None or age not in SCHOOL_AGES:
            continue
        try:
            schooling = client.schooling(pupil=child, department=department, school_year=school_year(today))
        except NotFound:
            schooling = None
        entries.append(
            Schoolings.Entry(
                prenom=child.prenoms.title(), date_naissance=child.date_naissance, scolarite=schooling
            )
        )
    if not entries:
        raise NotFound("MEN scolarité: no school-age child in the family file")
    return Schoolings(eleves=entries)
