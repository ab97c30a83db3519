"""Checks the edge-of-care services share."""

import datetime as dt

from cairn.casework.services.plans import format_date
from cairn.core import clock


def date_errors(field: str, value: dt.date | None, *, what: str, not_before=()) -> dict:
    """{field: message} unless `value` is given, today or earlier, and on or after each
    (date, description) pair in `not_before`."""
    if value is None:
        return {field: f"Enter the {what}"}
    if value > clock.today():
        return {field: f"The {what} must be today or in the past"}
    for earlier, description in not_before:
        if earlier is not None and value < earlier:
            return {field: f"The {what} cannot be before {description} ({format_date(earlier)})"}
    return {}
