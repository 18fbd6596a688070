"""Known rows for the public statistics: a few people, simulations, rights, alerts, a publication and
reports, each created "now" so that they fall in the current week."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from alerts.models import Notification, Publication
from rights.models import ErrorReport, Right
from simulator.models import ErrorReport as ResultReport
from stats.models import DailyCount
from stats.services import event_count


def citizen(name: str) -> User:
    return User.objects.create(username=f"fc-{name}", fc_sub=f"sub-{name}", kind=User.Kind.CITIZEN)


def count_times(event: str, times: int, key: str = "") -> None:
    for _ in range(times):
        event_count(event=event, key=key)


@pytest.fixture
def known_rows() -> dict:
    """Two citizens and an agent; 12 citizen logins and 1 agent login; 3 anonymous and 11 logged-in
    simulations; potential rights (RSA twice, prime d'activité to check once); 3 alerts (1 read) and
    a CAF publication to 1 member (read); 2 right-to-error reports (1 answered in 3 days); 1 result
    reported wrong; 2 clicks to the CAF's RSA procedure and 1 to the MSA's."""
    melissandre, angela = citizen("melissandre"), citizen("angela")
    User.objects.create(username="claire", email="claire@caf.example", kind=User.Kind.AGENT)
    count_times(DailyCount.Event.LOGIN_CITIZEN, 12)
    count_times(DailyCount.Event.LOGIN_AGENT, 1)
    count_times(DailyCount.Event.SIMULATION_ANONYMOUS, 3)
    count_times(DailyCount.Event.SIMULATION_LOGGED_IN, 11)
    count_times(DailyCount.Event.PROCEDURE_CLICK, 2, key="caf:rsa")
    count_times(DailyCount.Event.PROCEDURE_CLICK, 1, key="msa:rsa")
    for user in (melissandre, angela):
        Right.objects.create(user=user, key="rsa", domain="solidarite", organism="caf", status="potential")
    Right.objects.create(user=angela, key="ppa", domain="solidarite", organism="caf", status="to_check")
    Right.objects.create(user=angela, key="af", domain="famille", organism="caf", status="open")
    now = timezone.now()
    for index, user in enumerate((melissandre, melissandre, angela)):
        Notification.objects.create(
            user=user, kind="rule", dedup_key=f"rule:{index}", category="renouvellement", title="Alerte",
            body="À renouveler.", read_at=now if index == 0 else None,
        )  # fmt: skip
    publication = Publication.objects.create(
        agency="caf", via=Publication.Via.BACKOFFICE, title="Message", body="Bonjour.",
        audience=Publication.Audience.ALL, status=Publication.Status.SENT, sent_at=now, recipient_count=1,
    )  # fmt: skip
    Notification.objects.create(
        user=angela, kind="publication", dedup_key=publication.dedup_key, category="organisme",
        title="Message", body="Bonjour.", organism="caf", publication=publication, read_at=now,
    )  # fmt: skip
    report_fields = {
        "organism": "caf",
        "source": "caf",
        "dataset": "revenu_solidarite_active",
        "subject": "RSA",
    }
    ErrorReport.objects.create(user=melissandre, message="Montant inexact.", **report_fields)
    answered = ErrorReport.objects.create(user=angela, message="Enfant oublié.", **report_fields)
    ErrorReport.objects.filter(pk=answered.pk).update(
        status=ErrorReport.Status.CORRECTED, created_at=now - dt.timedelta(days=3), updated_at=now
    )
    ResultReport.objects.create(situation={}, result={}, benefit_key="rsa")
    return {"melissandre": melissandre, "angela": angela}
