"""A person withdraws their consent to a source: the alerts resting on the rights it gave go too.

Runs after the rights and simulator receivers of the same signal (apps connect in layer order), so
the rights built from the withdrawn data, and the potential rights computed from it, are already
gone: an alert made by a rule is kept only while a right it was made from is still there. Messages
the agencies published are the agencies' own and are kept.
"""

import logging

from django.db import transaction

from alerts.models import Notification
from alerts.rules import HELD, DateStages, NewPotential, RightEnded, rules
from rights.models import Right

logger = logging.getLogger(__name__)


def _rests_on(rule, notification: Notification) -> tuple[list[str], list[str] | None]:
    """(benefit keys, statuses) of the rights the rule made this notification from; None: any
    status but potential. Keys are in the unique key ("<kind>:<benefit>:…") except for date stages,
    whose key is a period: then any of the rule's benefits."""
    if isinstance(rule, DateStages):
        return rule.benefits, list(HELD)
    key = notification.dedup_key.split(":")[1] if notification.dedup_key.count(":") >= 1 else ""
    if isinstance(rule, NewPotential):
        return [key], [Right.Status.POTENTIAL]
    if isinstance(rule, RightEnded):
        return [key], None
    return [key], list(HELD)


@transaction.atomic
def notifications_forget_unsupported(*, user_id: int) -> int:
    """Delete the person's rule-made notifications (with their pending e-mails, the outbox rows)
    whose right is gone. Returns how many."""
    by_kind = {rule.kind: rule for rule in rules()}
    rights = list(Right.objects.filter(user_id=user_id).values_list("key", "status"))
    doomed = []
    for notification in Notification.objects.filter(user_id=user_id, publication__isnull=True):
        rule = by_kind.get(notification.kind)
        if rule is None:
            continue
        keys, statuses = _rests_on(rule, notification)
        if not any(
            key in keys and (status in statuses if statuses else status != Right.Status.POTENTIAL)
            for key, status in rights
        ):
            doomed.append(notification.pk)
    Notification.objects.filter(pk__in=doomed).delete()
    if doomed:
        logger.info("alerts of user %s resting on withdrawn data: %d deleted", user_id, len(doomed))
    return len(doomed)
