"""Writes on accounts."""

import re

from django.db import transaction

from accounts.models import CitizenIdentity, User

_BIRTHDATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@transaction.atomic
def citizen_login_from_franceconnect(*, claims: dict) -> User:
    """Create or update the citizen identified by FranceConnect's `sub`, with their identité pivot.

    FranceConnect is the source of truth for identity: every login refreshes it.
    """
    sub = claims["sub"]
    birthdate = str(claims.get("birthdate", ""))
    if not _BIRTHDATE.match(birthdate):
        raise ValueError(f"birthdate {birthdate!r} is not YYYY-MM-DD")
    user, _ = User.objects.get_or_create(
        fc_sub=sub,
        defaults={"username": f"fc-{sub[:140]}", "kind": User.Kind.CITIZEN},
    )
    given_name = claims.get("given_name", "")
    user.first_name = given_name.split(" ")[0][:150]
    user.last_name = (claims.get("preferred_username") or claims.get("family_name", ""))[:150]
    user.email = claims.get("email", "")
    if user.has_usable_password():
        # Only ever once: an unusable password is a fresh random string, and Django's sessions carry a
        # hash of the password, so replacing it at every login would end the person's other sessions.
        user.set_unusable_password()
    user.save()
    CitizenIdentity.objects.update_or_create(
        user=user,
        defaults={
            "given_name": given_name,
            "family_name": claims.get("family_name", ""),
            "preferred_username": claims.get("preferred_username", "") or "",
            "birthdate": birthdate,
            "gender": claims.get("gender", "") if claims.get("gender") in {"female", "male"} else "",
            "birthplace": claims.get("birthplace", "") or "",
            "birthcountry": claims.get("birthcountry", "") or "",
            "email": claims.get("email", "") or "",
        },
    )
    return user
