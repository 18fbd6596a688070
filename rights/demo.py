"""Demo data of the rights app (`make run`): an overpayment (indu) for Melissandre TROIS-DUPRE
(PERSONAS.md, persona 1), recorded as her CAF would. Idempotent. Never call this in production."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import citizen_login_from_franceconnect
from rights.models import Overpayment
from rights.right_to_error import overpayment_create

# FranceConnect's demo identity `nom_composé`, as its sandbox sends it: the same `sub`, so that her
# FranceConnect login finds this account.
MELISSANDRE = {
    "sub": "2114f7efd783942410bffa1177d33585265b482fb93d0140f799d1259a3222d3v1",
    "given_name": "Melissandre Juliette",
    "family_name": "TROIS-DUPRE",
    "preferred_username": "",
    "gender": "female",
    "birthdate": "1981-07-27",
    "birthplace": "13012",
    "birthcountry": "99100",
    "email": "imyllommo-2736@yopmail.com",
}


@transaction.atomic
def rights_demo_ensure(*, today: dt.date | None = None) -> Overpayment:
    today = today or timezone.localdate()
    user = User.objects.filter(fc_sub=MELISSANDRE["sub"]).first() or citizen_login_from_franceconnect(
        claims=MELISSANDRE
    )
    existing = Overpayment.objects.filter(user=user, organism="caf", benefit_key="rsa").first()
    if existing:
        return existing
    notified = today - dt.timedelta(days=12)
    first_of_month = today.replace(day=1)
    return overpayment_create(
        user=user,
        organism="caf",
        benefit_key="rsa",
        amount=Decimal("342.18"),
        reason=(
            "Un contrat de travail de trois semaines n'a pas été indiqué dans votre déclaration "
            "trimestrielle de ressources. Votre RSA a été recalculé avec ce salaire : il était plus "
            "faible pendant ces mois-là."
        ),
        period_start=(first_of_month - dt.timedelta(days=150)).replace(day=1),
        period_end=(first_of_month - dt.timedelta(days=60)).replace(day=1) - dt.timedelta(days=1),
        notified_on=notified,
        repayment=Overpayment.Repayment.DEDUCTION,
        monthly_deduction=Decimal("57.03"),
    )
