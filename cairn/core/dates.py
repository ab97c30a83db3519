"""Calendar arithmetic (timescales.md: months are calendar months)."""

import calendar as month_calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months: 31 January plus one month is the last day of February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))
