"""Alert rules: read from `alerts/data/rules.yaml`, validated at load, evaluated on rights.

A rule answers two questions for a day: which rights may concern it (`candidates`, one query) and,
for one right, which alert is due (`alert_for`, pure). Writing the notifications is the services'
job (`alerts.services.rules`).
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet
from django.utils import formats
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from agencies.french import french_date
from agencies.registry import organism as registry_organism
from alerts.models import Category
from rights.building import declaration_opens_on, declaration_quarter
from rights.catalogue import Benefit, benefit
from rights.models import Right

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.yaml"
HELD = (Right.Status.OPEN, Right.Status.RENEWAL_DUE)


@dataclass(frozen=True)
class Alert:
    """What a rule found due for one person: everything a notification needs."""

    user_id: int
    kind: str
    dedup_key: str
    category: str
    title: str
    body: str
    organism: str
    action_url: str


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Offset(_Model):
    months: int = Field(default=0, ge=0, le=24)
    days: int = Field(default=0, ge=0, le=365)

    def before(self, date: dt.date) -> dt.date:
        return date - relativedelta(months=self.months, days=self.days)


# Events a stage may start at instead of an offset: the day of the event for a date, and how long
# before the date that day can be at most (so that `candidates` stays one query over a date range).
EVENTS = {"declaration_opening": (declaration_opens_on, Offset(months=1))}


class Stage(_Model):
    """One message before a date, from `before` the date or `at` an event of it."""

    name: str = Field(pattern=r"^[a-z0-9-]+$")
    before: Offset | None = None
    at: Literal[tuple(EVENTS)] | None = None  # type: ignore[valid-type]
    title: str
    body: str

    @model_validator(mode="after")
    def _starts_once(self) -> "Stage":
        if (self.before is None) == (self.at is None):
            raise ValueError("a stage starts either `before` its date or `at` an event, not both")
        return self

    def starts_on(self, date: dt.date) -> dt.date:
        return self.before.before(date) if self.before is not None else EVENTS[self.at][0](date)

    @property
    def farthest(self) -> Offset:
        """How long before its date the stage can start at most."""
        return self.before if self.before is not None else EVENTS[self.at][1]


class _Rule(_Model):
    kind: str = Field(pattern=r"^[a-z0-9-]+$")
    category: Literal[tuple(Category.values)]  # type: ignore[valid-type]
    link: str | None = Field(default=None, pattern=r"^https://")

    def candidates(self, *, today: dt.date) -> QuerySet[Right]:
        raise NotImplementedError

    def alert_for(self, right: Right, *, today: dt.date) -> Alert | None:
        raise NotImplementedError

    def _alert(self, right: Right, *, key: str, title: str, body: str, **values) -> Alert:
        context = {"benefit": benefit_name(right.key), "organism": organism_name(right.organism), **values}
        return Alert(
            user_id=right.user_id,
            kind=self.kind,
            dedup_key=key,
            category=self.category,
            title=title.format_map(context)[:160],
            body=body.format_map(context),
            organism=right.organism,
            action_url=self.link or procedure_url(right.key, right.organism),
        )


class DateStages(_Rule):
    """Reminders before a date of a held right; each stage fires until the next one starts."""

    type: Literal["date_stages"]
    benefits: list[str] = Field(min_length=1)
    date_field: Literal["end_date", "next_declaration_due"]
    period: Literal["date", "quarter"]
    stages: list[Stage] = Field(min_length=1)

    @model_validator(mode="after")
    def _events_fit_the_date(self) -> "DateStages":
        if (
            any(s.at == "declaration_opening" for s in self.stages)
            and self.date_field != "next_declaration_due"
        ):
            raise ValueError("`at: declaration_opening` needs `date_field: next_declaration_due`")
        return self

    def candidates(self, *, today: dt.date) -> QuerySet[Right]:
        # Every date whose first stage has started and which is not past: today <= date <= today + offset.
        latest = max(
            today + relativedelta(months=s.farthest.months, days=s.farthest.days) for s in self.stages
        )
        latest += dt.timedelta(days=3)  # month arithmetic is not symmetric at month ends; alert_for decides
        return Right.objects.filter(
            key__in=self.benefits, status__in=HELD, **{f"{self.date_field}__range": (today, latest)}
        )

    def alert_for(self, right: Right, *, today: dt.date) -> Alert | None:
        date = getattr(right, self.date_field)
        if date is None or right.status not in HELD or today > date:
            return None
        started = [stage for stage in self.stages if stage.starts_on(date) <= today]
        if not started:
            return None
        stage = max(started, key=lambda s: s.starts_on(date))  # the latest stage begun
        period = date.isoformat() if self.period == "date" else f"{date.year}-Q{(date.month - 1) // 3 + 1}"
        values = {"date": french_date(date), "remaining": french_time_left(date, today=today)}
        if self.date_field == "next_declaration_due":
            values |= {
                "quarter": french_months(*declaration_quarter(date)),
                "opened": french_date(declaration_opens_on(date)),
            }
        return self._alert(
            right, key=f"{self.kind}-{stage.name}:{period}", title=stage.title, body=stage.body, **values
        )


class RightEnded(_Rule):
    """A right closed by its agency, or past its end date, not longer ago than `within_days`."""

    type: Literal["right_ended"]
    within_days: int = Field(ge=1, le=365)
    title: str
    body: str

    def candidates(self, *, today: dt.date) -> QuerySet[Right]:
        since = today - dt.timedelta(days=self.within_days)
        return Right.objects.exclude(status=Right.Status.POTENTIAL).filter(
            end_date__gte=since, end_date__lt=today
        ) | Right.objects.filter(status=Right.Status.CLOSED, end_date__range=(since, today))

    def alert_for(self, right: Right, *, today: dt.date) -> Alert | None:
        end = right.end_date
        if end is None or right.status == Right.Status.POTENTIAL:
            return None
        if not (today - dt.timedelta(days=self.within_days) <= end <= today):
            return None
        if end == today and right.status != Right.Status.CLOSED:
            return None  # still held on its last day
        return self._alert(
            right,
            key=f"{self.kind}:{right.key}:{end.isoformat()}",
            title=self.title,
            body=self.body,
            date=french_date(end),
        )


class PaymentGap(_Rule):
    """The agency's latest data shows no payment for a month in which one was due."""

    type: Literal["payment_gap"]
    grace_days: int = Field(ge=0, le=31)
    title: str
    body: str

    def candidates(self, *, today: dt.date) -> QuerySet[Right]:
        return Right.objects.filter(status__in=HELD, fetched_at__isnull=False).exclude(payments=[])

    def alert_for(self, right: Right, *, today: dt.date) -> Alert | None:
        dates = sorted(
            dt.date.fromisoformat(str(p["date"])[:10]) for p in right.payments or [] if p.get("date")
        )
        if right.status not in HELD or not dates or right.fetched_at is None:
            return None
        # What the agency said, as of when it said it: a missing payment is judged on that date.
        observed = min(today, right.fetched_at.date())
        due = dates[-1] + relativedelta(months=1)
        if observed <= due + dt.timedelta(days=self.grace_days):
            return None
        amount = next((p.get("amount") for p in reversed(right.payments) if p.get("amount")), None)
        return self._alert(
            right,
            key=f"{self.kind}:{right.key}:{due:%Y-%m}",
            title=self.title,
            body=self.body,
            month=formats.date_format(due, "F Y"),
            amount=f"{formats.number_format(amount, 2)} €" if amount is not None else "le même montant",
            date=french_date(due),
        )


class NewPotential(_Rule):
    """A right the simulator found possible: told once per benefit; a seasonal benefit (its
    catalogue `season`) only in its season, once per season."""

    type: Literal["new_potential"]
    title: str
    body: str

    def candidates(self, *, today: dt.date) -> QuerySet[Right]:
        return Right.objects.filter(status=Right.Status.POTENTIAL)

    def alert_for(self, right: Right, *, today: dt.date) -> Alert | None:
        if right.status != Right.Status.POTENTIAL:
            return None
        entry = _catalogue_entry(right.key)
        if entry is None or entry.season is None:
            key = f"{self.kind}:{right.key}"
        else:
            opened = entry.season.opened_on(today)
            if opened is None:
                return None
            key = f"{self.kind}:{right.key}:{opened.year}"
        return self._alert(right, key=key, title=self.title, body=self.body, date="")


AnyRule = Annotated[DateStages | RightEnded | PaymentGap | NewPotential, Field(discriminator="type")]
_rules_adapter = TypeAdapter(list[AnyRule])


def load_rules(path: Path = RULES_FILE) -> list[_Rule]:
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        loaded = _rules_adapter.validate_python(entries)
    except (OSError, yaml.YAMLError) as e:
        raise ImproperlyConfigured(f"{path}: cannot read the alert rules: {e}") from e
    except ValidationError as e:
        raise ImproperlyConfigured(f"{path}: invalid alert rule(s): {e}") from e
    kinds = [rule.kind for rule in loaded]
    if len(kinds) != len(set(kinds)):
        raise ImproperlyConfigured(f"{path}: duplicate rule kinds in {kinds}")
    return loaded


@cache
def rules() -> list[_Rule]:
    return load_rules()


def rule_candidates(rule: _Rule, *, today: dt.date, user_id: int | None = None) -> QuerySet[Right]:
    queryset = rule.candidates(today=today)
    return queryset.filter(Q(user_id=user_id)) if user_id is not None else queryset


# --- Texts and links ------------------------------------------------------------------------------


def french_time_left(date: dt.date, *, today: dt.date) -> str:
    """The time left until `date` as of `today`: "dans 41 jours", "demain", "aujourd'hui"."""
    days = (date - today).days
    return {0: "aujourd'hui", 1: "demain"}.get(days, f"dans {days} jours")


def french_months(first: dt.date, last: dt.date) -> str:
    """The months from `first` to `last`: "d'octobre à décembre 2026", "de novembre 2026 à janvier 2027"."""
    start = formats.date_format(first, "F" if first.year == last.year else "F Y")
    of = "d'" if start[0] in "aeiouéè" else "de "
    return f"{of}{start} à {formats.date_format(last, 'F Y')}"


def _catalogue_entry(key: str) -> Benefit | None:
    try:
        return benefit(key)
    except KeyError:
        return None


def benefit_name(key: str) -> str:
    entry = _catalogue_entry(key)
    return entry.name if entry else key.replace("_", " ")


def organism_name(code: str) -> str:
    try:
        return registry_organism(code).short_name
    except KeyError:
        return code


def procedure_url(key: str, organism_code: str) -> str:
    """The agency's procedure for this benefit (catalogue), else the organism's online services."""
    entry = _catalogue_entry(key)
    if entry and organism_code in entry.procedures:
        return entry.procedures[organism_code]
    try:
        return str(registry_organism(organism_code).online_services_url)
    except KeyError:
        return ""
