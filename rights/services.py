"""Writes of the rights app: rights rebuilt from agency data, potential rights from the simulator,
statuses kept current as days pass. The right to error has its own module (`rights.right_to_error`)."""

import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from agencies.models import AgencyData
from rights.building import Draft, drafts_from_agency_data, next_declaration_due, status_for
from rights.catalogue import benefit
from rights.models import Right

logger = logging.getLogger(__name__)
HELD = (Right.Status.OPEN, Right.Status.RENEWAL_DUE)
FOUND_BY_SIMULATOR = (Right.Status.POTENTIAL, Right.Status.TO_CHECK)
# Two keys for one right: a person holding the C2S is never offered "the other" C2S.
SAME_RIGHT = {"css_sans_participation": "css_participation", "css_participation": "css_sans_participation"}


@dataclass(frozen=True)
class PotentialRight:
    """A benefit the simulator finds for the person: `amount` per `periodicity`, None when it
    cannot say (an eligibility without amount)."""

    key: str
    amount: Decimal | None
    periodicity: str  # "mensuelle", "annuelle" or "ponctuelle"
    simulation_url: str
    # True when it depends on facts nobody gave: shown "à vérifier", never alerted.
    to_check: bool = False
    questions: list[dict] = field(default_factory=list)  # [{"key", "question", "url"}]


def _apply_draft(right: Right, draft: Draft) -> None:
    right.domain = benefit(draft.key).domain
    right.organism, right.source, right.dataset = draft.organism, draft.source, draft.dataset
    right.status, right.start_date, right.end_date = draft.status, draft.start_date, draft.end_date
    right.next_declaration_due = draft.next_declaration_due
    right.fetched_at, right.basis, right.payments = draft.fetched_at, draft.basis, draft.payments
    right.periodicity = draft.periodicity or right.periodicity
    if draft.amount is not None:
        right.amount, right.amount_is_estimate = draft.amount, False
    elif not right.amount_is_estimate:
        right.amount = None  # the simulator's estimate is kept; an old agency amount is not
    if right.status != Right.Status.POTENTIAL:
        right.simulation_url = right.simulation_url if right.amount_is_estimate else ""


def _lock_person(user: User) -> None:
    """Serialise writers of one person's rights (the login task, the simulator, a direct rebuild):
    locking their rights rows would lock nothing on a first build, so lock the person."""
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()


def _save(right: Right) -> None:
    right.full_clean(validate_unique=False)
    right.save()


@transaction.atomic
def rights_rebuild_for_user(*, user: User, today: dt.date | None = None) -> list[Right]:
    """Rebuild the person's rights from their stored agency data. Idempotent.

    A right the agency no longer reports is closed (dated today) when its dataset still answers,
    and deleted when the dataset is gone (consent withdrawn: its data went with it). Potential rights
    are the simulator's and are left alone, unless the agency now reports the benefit.
    """
    today = today or timezone.localdate()
    _lock_person(user)
    rows = list(AgencyData.objects.filter(user=user))
    drafts = {draft.key: draft for draft in drafts_from_agency_data(rows, today=today)}
    existing = {right.key: right for right in Right.objects.select_for_update().filter(user=user)}
    answered = {row.dataset for row in rows}
    for key, draft in drafts.items():
        right = existing.get(key) or Right(user=user, key=key)
        _apply_draft(right, draft)
        _save(right)
        existing[key] = right
    for key, right in list(existing.items()):
        if key in drafts or right.status == Right.Status.POTENTIAL or not right.dataset:
            continue
        if right.dataset in answered:
            if right.status != Right.Status.CLOSED:
                right.status, right.next_declaration_due = Right.Status.CLOSED, None
                right.end_date = min(right.end_date or today, today)
                _save(right)
        else:
            right.delete()
            del existing[key]
    logger.info("rights rebuilt for user %s: %d from agency data", user.pk, len(drafts))
    return sorted(existing.values(), key=lambda right: right.key)


def _lock_people(user_ids: list[int]) -> set[int]:
    """`_lock_person` for many people, in id order (two writers never wait on each other in a
    cycle); the ids of those who exist."""
    return set(
        User.objects.select_for_update().filter(pk__in=user_ids).order_by("pk").values_list("pk", flat=True)
    )


def _family_organisms(user_ids: list[int]) -> dict[int, str]:
    """Each person's family file organism (CAF or MSA), from their first CAF answer found."""
    organisms: dict[int, str] = {}
    rows = (
        AgencyData.objects.filter(user_id__in=user_ids, source="caf", status=AgencyData.Status.FOUND)
        .order_by("pk")
        .values_list("user_id", "organism")
    )
    for user_id, organism in rows:
        organisms.setdefault(user_id, organism)
    return organisms


# What a held right's estimate changes (bulk_update does not fill in the auto_now updated_at itself).
ESTIMATE_FIELDS = ["amount", "amount_is_estimate", "periodicity", "simulation_url", "updated_at"]


def _apply_estimate(right: Right, potential: PotentialRight, now: dt.datetime) -> None:
    right.amount, right.amount_is_estimate = potential.amount, potential.amount is not None
    right.periodicity, right.simulation_url = potential.periodicity, potential.simulation_url
    right.updated_at = now


def _apply_potential(right: Right, potential: PotentialRight, organism: str, now: dt.datetime) -> None:
    right.domain, right.organism = benefit(right.key).domain, organism
    right.status = Right.Status.TO_CHECK if potential.to_check else Right.Status.POTENTIAL
    right.questions = potential.questions
    right.start_date = right.end_date = right.next_declaration_due = None
    right.amount, right.amount_is_estimate = potential.amount, True
    right.periodicity, right.simulation_url = potential.periodicity, potential.simulation_url
    right.payments, right.source, right.dataset = [], "simulateur", ""
    right.fetched_at = right.updated_at = now
    right.basis = (
        "dépend de ce que vous n'avez pas encore indiqué"
        if potential.to_check
        else "estimation du simulateur"
    )


@dataclass
class _Writes:
    """The rows to write, by (person, key): a key given twice is one row, written as last given."""

    # Potential rows, all inserted: one that exists (potential, or closed) is deleted and written
    # anew with its id, since an UPDATE of many rows at once costs the square of their number (a
    # CASE per field).
    created: dict[tuple[int, str], Right] = field(default_factory=dict)
    estimates: dict[tuple[int, str], Right] = field(default_factory=dict)  # held rows, the simulator's amount
    deleted: set[int] = field(default_factory=set)


def _plan_for_person(
    *,
    user_id: int,
    existing: dict[str, Right],
    potentials: list[PotentialRight],
    organism: str,
    now: dt.datetime,
    writes: _Writes,
) -> None:
    """One person's rows to write, in memory: the rules of `potential_rights_replace`."""
    wanted = set()
    for potential in potentials:
        item = benefit(potential.key)
        wanted.add(item.key)
        right, slot = existing.get(item.key), (user_id, item.key)
        if right is not None and right.status in HELD:
            if right.amount is None or right.amount_is_estimate:
                _apply_estimate(right, potential, now)
                writes.estimates[slot] = right
            continue
        if _holds_the_same_right(existing, item.key):
            continue
        if right is None and slot in writes.created:  # full_clean's unique check refused a second new row
            raise ValidationError({"key": f"{item.key} given twice for user {user_id}"})
        if right is not None:
            writes.deleted.add(right.pk)
        # The same id: a page or a test holding the row still finds it.
        right = writes.created[slot] = Right(pk=right and right.pk, user_id=user_id, key=item.key)
        _apply_potential(right, potential, organism if organism in item.organisms else item.organisms[0], now)
    writes.deleted.update(
        right.pk
        for key, right in existing.items()
        if right.status in FOUND_BY_SIMULATOR and key not in wanted
    )


@transaction.atomic
def potential_rights_replace_many(*, potentials_by_user: dict[int, list[PotentialRight]]) -> None:
    """`potential_rights_replace` for many people at once (a re-screening chunk), in a constant
    number of queries: the people locked, their rights read, their family organisms read, then one
    delete, two inserts (a potential row that exists is deleted and inserted anew with its id) and one update
    (the estimates on held rights). Every row written is validated in Python first, by the
    field rules `full_clean` enforces (the uniqueness and the person's existence are checked here,
    not by a query per row); ValidationError or KeyError (a key not in the catalogue) and nothing
    is written."""
    user_ids = sorted(potentials_by_user)
    if not user_ids:
        return
    missing = set(user_ids) - _lock_people(user_ids)
    if missing:
        raise ValidationError({"user": f"no such user(s): {sorted(missing)}"})
    existing: dict[int, dict[str, Right]] = {user_id: {} for user_id in user_ids}
    for right in Right.objects.select_for_update().filter(user_id__in=user_ids):
        existing[right.user_id][right.key] = right
    organisms = _family_organisms(user_ids)
    now, writes = timezone.now(), _Writes()
    for user_id in user_ids:
        _plan_for_person(
            user_id=user_id,
            existing=existing[user_id],
            potentials=potentials_by_user[user_id],
            organism=organisms.get(user_id, ""),
            now=now,
            writes=writes,
        )
    created, estimates = list(writes.created.values()), list(writes.estimates.values())
    for right in created + estimates:
        right.clean_fields(exclude=["user"])
    if writes.deleted:
        Right.objects.filter(pk__in=writes.deleted).delete()
    Right.objects.bulk_create(created)
    Right.objects.bulk_update(estimates, ESTIMATE_FIELDS)


def potential_rights_replace(*, user: User, potentials: list[PotentialRight]) -> None:
    """Store the simulator's findings: a potential right for each benefit the person does not
    already hold (open or to renew); for those they hold without a known amount, the estimate.
    Potential rows absent from `potentials` are deleted. KeyError on a key not in the catalogue,
    ValidationError on a value the model refuses."""
    potential_rights_replace_many(potentials_by_user={user.pk: potentials})


def _holds_the_same_right(existing: dict[str, Right], key: str) -> bool:
    """The C2S has two keys (with or without participation): holding one, the other is not offered."""
    other = SAME_RIGHT.get(key)
    return other is not None and other in existing and existing[other].status in HELD


def rights_statuses_refresh(*, today: dt.date | None = None) -> int:
    """Move statuses and declaration deadlines on as days pass (run daily); the number changed."""
    today = today or timezone.localdate()
    changed = 0
    for right in Right.objects.filter(status__in=HELD).iterator():
        status = status_for(end_date=right.end_date, today=today)
        due = right.next_declaration_due
        if due is not None and due < today and right.start_date:
            due = next_declaration_due(start=right.start_date, today=today)
        if (status, due) != (right.status, right.next_declaration_due):
            Right.objects.filter(pk=right.pk).update(status=status, next_declaration_due=due)
            changed += 1
    return changed


@transaction.atomic
def rights_forget_source(*, user: User, source: str) -> int:
    """Consent to `source` withdrawn: delete the rights built from its data, at once (the next
    rebuild would do it too, but the person must not see them meanwhile). Returns how many."""
    _lock_person(user)
    deleted, _ = (
        Right.objects.filter(user=user, source=source).exclude(status__in=FOUND_BY_SIMULATOR).delete()
    )
    logger.info("rights of user %s from withdrawn source %s: %d deleted", user.pk, source, deleted)
    return deleted


@transaction.atomic
def simulator_findings_forget(*, user: User) -> int:
    """The simulation these came from rested on withdrawn data: delete the potential rights and the
    estimated amounts it put on held rights. The next computation hands them back from what is left.
    Returns how many rights were deleted or changed."""
    _lock_person(user)
    deleted, _ = Right.objects.filter(user=user, status__in=FOUND_BY_SIMULATOR).delete()
    estimates = Right.objects.filter(user=user, amount_is_estimate=True).update(
        amount=None, amount_is_estimate=False, simulation_url=""
    )
    return deleted + estimates
