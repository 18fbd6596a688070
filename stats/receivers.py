"""Counters fed by other apps' signals (and Django's `user_logged_in`); no identity is kept."""

from stats.models import DailyCount
from stats.services import event_count_or_log as count_safely


def login_count(sender, request, user, **kwargs) -> None:
    kind = getattr(user, "kind", "")
    count_safely(DailyCount.Event.LOGIN_AGENT if kind == "agent" else DailyCount.Event.LOGIN_CITIZEN)


def simulation_count(sender, logged_in: bool, **kwargs) -> None:
    count_safely(
        DailyCount.Event.SIMULATION_LOGGED_IN if logged_in else DailyCount.Event.SIMULATION_ANONYMOUS
    )
