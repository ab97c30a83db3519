"""Checks every front-door service shares: dates that must not be in the future, and wording."""

import datetime as dt

from cairn.core import clock


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def past_date_error(value: dt.date | None, *, what: str) -> str:
    """'' when `value` is today or earlier; otherwise the message naming `what`."""
    if value is None:
        return f"Enter the {what}"
    if value > clock.today():
        return f"The {what} must be today or in the past"
    return ""
