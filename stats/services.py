"""Writes of the public statistics: the event counters and the periodic snapshot.

The snapshot reads the other apps' tables in aggregate only (counts and sums grouped by week,
benefit or organism); no row about a person leaves this module.
"""

import datetime as dt
import logging
import statistics
from collections import Counter

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from accounts.models import User
from alerts.models import Notification, Publication
from rights.models import ErrorReport, Right
from simulator.models import ErrorReport as ResultReport
from stats.models import DailyCount, Snapshot

logger = logging.getLogger(__name__)

WEEKS = 12  # the weeks the page charts, the current one last


def event_count(*, event: str, key: str = "", day: dt.date | None = None) -> None:
    """Add one to the day's counter of `event` (and `key`), creating it on the first event."""
    day = day or timezone.localdate()
    counters = DailyCount.objects.filter(event=event, key=key, day=day)
    if counters.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DailyCount.objects.create(event=event, key=key, day=day, count=1)
    except IntegrityError:  # created meanwhile by another request
        counters.update(count=F("count") + 1)


def event_count_or_log(event: str, key: str = "") -> None:
    """`event_count` for the request paths it sits on: a counter must never make a login, a
    simulation or a click fail, so its write gets its own savepoint and a failure is only logged."""
    try:
        with transaction.atomic():
            event_count(event=event, key=key)
    except DatabaseError:
        logger.exception("stats: could not count %s", event)


def _weeks(today: dt.date) -> list[dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=WEEKS - 1 - index) for index in range(WEEKS)]


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _weekly(queryset: QuerySet, field: str, weeks: list[dt.date], total=None) -> list[int]:
    """One figure per week of `weeks`: the rows whose `field` falls in it, or the sum of `total`."""
    is_datetime = queryset.model._meta.get_field(field).get_internal_type() == "DateTimeField"
    rows = (
        queryset.filter(**{f"{field}__date__gte" if is_datetime else f"{field}__gte": weeks[0]})
        .annotate(week=TruncWeek(field))
        .values("week")
        .annotate(n=Sum(total) if total else Count("pk"))
    )
    by_week = Counter({_as_date(row["week"]): row["n"] or 0 for row in rows})
    return [by_week[week] for week in weeks]


def _events(event: str) -> QuerySet:
    return DailyCount.objects.filter(event=event)


def _by_key(queryset: QuerySet, field: str, total=None) -> dict[str, int]:
    rows = queryset.values(field).annotate(n=Sum(total) if total else Count("pk"))
    return {row[field]: row["n"] or 0 for row in rows}


def _error_reports(since: dt.date) -> dict:
    """Right-to-error reports: received, answered and still open, and how long answering took."""
    answered = ErrorReport.objects.filter(
        status__in=[ErrorReport.Status.CORRECTED, ErrorReport.Status.REJECTED], updated_at__date__gte=since
    )
    days = [(updated - created).total_seconds() / 86400 for created, updated in
            answered.values_list("created_at", "updated_at")]  # fmt: skip
    return {
        "open": ErrorReport.objects.filter(
            status__in=[ErrorReport.Status.SENT, ErrorReport.Status.IN_REVIEW]
        ).count(),
        "answered": len(days),
        "median_days": round(statistics.median(days), 1) if days else None,
    }


def _potential_rights() -> dict[str, dict[str, int]]:
    """People with a potential right (or one to check) found, by benefit: today's rows."""
    found: dict[str, dict[str, int]] = {}
    rows = (
        Right.objects.filter(status__in=[Right.Status.POTENTIAL, Right.Status.TO_CHECK])
        .values("key", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        found.setdefault(row["key"], {"potential": 0, "to_check": 0})[row["status"]] = row["n"]
    return found


def _clicks(since: dt.date) -> dict[str, int]:
    """Clicks to the agencies' procedures by organism (keys are `organism:benefit`)."""
    by_organism: Counter[str] = Counter()
    for key, n in _by_key(
        _events(DailyCount.Event.PROCEDURE_CLICK).filter(day__gte=since), "key", "count"
    ).items():
        by_organism[key.split(":", 1)[0]] += n
    return dict(by_organism)


def _publications(since: dt.date) -> dict[str, dict[str, int]]:
    sent = Publication.objects.filter(status=Publication.Status.SENT, sent_at__date__gte=since)
    published = _by_key(sent, "agency")
    recipients = _by_key(sent, "agency", "recipient_count")
    read = _by_key(
        Notification.objects.filter(publication__in=sent, read_at__isnull=False), "publication__agency"
    )
    return {
        agency: {"publications": n, "recipients": recipients.get(agency, 0), "read": read.get(agency, 0)}
        for agency, n in published.items()
    }


def snapshot_data(*, today: dt.date) -> dict:
    """Every figure of the page, raw, for the `WEEKS` weeks up to `today`'s."""
    weeks = _weeks(today)
    since = weeks[0]
    alerts = Notification.objects.filter(publication__isnull=True)
    publications = Publication.objects.filter(status=Publication.Status.SENT)
    answered = ErrorReport.objects.filter(
        status__in=[ErrorReport.Status.CORRECTED, ErrorReport.Status.REJECTED]
    )
    return {
        "weeks": [week.isoformat() for week in weeks],
        "weekly": {
            "logins": _weekly(_events(DailyCount.Event.LOGIN_CITIZEN), "day", weeks, "count"),
            "accounts": _weekly(User.objects.filter(kind=User.Kind.CITIZEN), "date_joined", weeks),
            "simulations_anonymous": _weekly(
                _events(DailyCount.Event.SIMULATION_ANONYMOUS), "day", weeks, "count"
            ),
            "simulations_logged_in": _weekly(
                _events(DailyCount.Event.SIMULATION_LOGGED_IN), "day", weeks, "count"
            ),
            "procedure_clicks": _weekly(_events(DailyCount.Event.PROCEDURE_CLICK), "day", weeks, "count"),
            "alerts_sent": _weekly(alerts, "created_at", weeks),
            "alerts_read": _weekly(alerts.filter(read_at__isnull=False), "created_at", weeks),
            "publications": _weekly(publications, "sent_at", weeks),
            "publication_recipients": _weekly(publications, "sent_at", weeks, "recipient_count"),
            "error_reports": _weekly(ErrorReport.objects.all(), "created_at", weeks),
            "error_reports_answered": _weekly(answered, "updated_at", weeks),
            "result_reports": _weekly(ResultReport.objects.all(), "created_at", weeks),
        },
        "citizens": User.objects.filter(kind=User.Kind.CITIZEN).count(),
        "potential_rights": _potential_rights(),
        "procedure_clicks": _clicks(since),
        "publications_by_agency": _publications(since),
        "error_reports": _error_reports(since),
    }


def snapshot_compute(*, now: dt.datetime | None = None) -> Snapshot:
    """Compute the figures and keep them as the day's snapshot (replacing an earlier one of the day)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    snapshot, _ = Snapshot.objects.update_or_create(
        day=today, defaults={"computed_at": now, "data": snapshot_data(today=today)}
    )
    return snapshot
