"""Working days for England: Monday to Friday, less bank holidays and council closure days.

Bank holidays (with substitute days) come from the maintained `holidays` package (UK, ENG).
Counting convention (shared/domain/timescales.md): "within N working days of A" means A plus
N working days, A itself being day 0.
"""

import datetime as dt
from functools import lru_cache

import holidays

from cairn.core.models import ClosureDay

ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


class WorkingDayCalendar:
    """A calendar with the council's closure days; build one per request or job and reuse it."""

    def __init__(self, closure_days: set[dt.date] | frozenset[dt.date] = frozenset()):
        self.closure_days = frozenset(closure_days)

    def is_working_day(self, day: dt.date) -> bool:
        return (
            day.weekday() < 5
            and day not in _bank_holidays(day.year)
            and day not in self.closure_days
        )

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date `days` working days after `start` (before it, when negative)."""
        step = ONE_DAY if days >= 0 else -ONE_DAY
        remaining = abs(days)
        day = start
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`; negative when end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def council_calendar() -> WorkingDayCalendar:
    """The calendar with this council's closure days from the database."""
    return WorkingDayCalendar(set(ClosureDay.objects.values_list("date", flat=True)))


def add_working_days(start: dt.date, days: int) -> dt.date:
    return council_calendar().add_working_days(start, days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return council_calendar().working_days_between(start, end)
