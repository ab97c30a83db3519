"""Checks the legal services share: dates, meeting days and level moves."""

import datetime as dt

from django.utils import timezone

from cairn.casework.services.plans import format_date
from cairn.core import clock
from cairn.frontdoor.selectors import child_current_level
from cairn.frontdoor.services.levels import level_transition_errors, transition_write

__all__ = ["format_date"]


def meeting_day(held_at: dt.datetime) -> dt.date:
    return timezone.localdate(held_at)


def date_errors(field: str, value: dt.date | None, *, what: str, not_before=None) -> dict:
    """{field: message} unless `value` is given, today or earlier, and on or after
    `not_before` (a (date, description) pair)."""
    if value is None:
        return {field: f"Enter the {what}"}
    if value > clock.today():
        return {field: f"The {what} must be today or in the past"}
    if not_before is not None and not_before[0] is not None and value < not_before[0]:
        earlier, description = not_before
        return {field: f"The {what} cannot be before {description} ({format_date(earlier)})"}
    return {}


def level_move_errors(children, *, on: dt.date, to_level: str, reason: str) -> dict:
    """Moving each child to `to_level` on `on` must be a valid level transition (not before the
    child's last recorded one). A child already at that level is left where they are."""
    problems = []
    for child in children:
        if child_current_level(child=child) == to_level:
            continue
        errors = level_transition_errors(
            child=child, occurred_on=on, to_level=to_level, reason=reason
        )
        problems += [f"{child.full_name}: {message}" for message in errors.values()]
    return {"children": problems} if problems else {}


def level_move(children, *, actor, on: dt.date, to_level: str, reason: str, via: str) -> None:
    """Record each child's move to `to_level` (frontdoor's level service). Callers validate."""
    for child in children:
        if child_current_level(child=child) != to_level:
            transition_write(
                actor=actor, child=child, occurred_on=on, to_level=to_level, reason=reason, via=via
            )
