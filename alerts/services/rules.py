"""Running the alert rules: each alert found due becomes a notification, once."""

import datetime as dt
import logging

from django.utils import timezone

from alerts.rules import rule_candidates, rules
from alerts.services.notify import notification_create

logger = logging.getLogger(__name__)


def rules_run(*, today: dt.date | None = None, user_id: int | None = None) -> int:
    """Evaluate every rule (for one person, or everyone); returns how many notifications were new.

    Safe to run twice or from two beats at once: the unique (person, kind, period) key decides.
    """
    today = today or timezone.localdate()
    created = 0
    for rule in rules():
        for right in rule_candidates(rule, today=today, user_id=user_id).iterator(chunk_size=1000):
            alert = rule.alert_for(right, today=today)
            if alert is not None and notification_create(alert=alert) is not None:
                created += 1
    logger.info("alert rules on %s: %d new notification(s)", today, created)
    return created
