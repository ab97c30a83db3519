"""Working days for the generators: the council's WorkingDayCalendar, tabulated once.

`WorkingDayCalendar.add_working_days` steps a day at a time, which is right for a page but too
slow for hundreds of thousands of dates; this table gives the same answers (tests compare them)
by looking each date up in the sorted list of working days.
"""

import bisect
import datetime as dt

from cairn.core.working_days import WorkingDayCalendar

ONE_DAY = dt.timedelta(days=1)


class WorkingDayTable:
    """Working days between `first` and `last`, for dates well inside that range."""

    def __init__(self, calendar: WorkingDayCalendar, first: dt.date, last: dt.date):
        days = []
        day = first
        while day <= last:
            if calendar.is_working_day(day):
                days.append(day)
            day += ONE_DAY
        self.days = days
        self.ordinal = {day: i for i, day in enumerate(days)}

    def is_working_day(self, day: dt.date) -> bool:
        return day in self.ordinal

    def add(self, start: dt.date, days: int) -> dt.date:
        """`start` plus `days` working days (start is day 0), as WorkingDayCalendar counts."""
        if days == 0:
            return start
        if days > 0:
            return self.days[bisect.bisect_right(self.days, start) - 1 + days]
        return self.days[bisect.bisect_left(self.days, start) + days]

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.between(end, start)
        return bisect.bisect_right(self.days, end) - bisect.bisect_right(self.days, start)

    def on_or_before(self, day: dt.date) -> dt.date:
        """The working day itself, or the last one before it."""
        return self.days[bisect.bisect_right(self.days, day) - 1]
