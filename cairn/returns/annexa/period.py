"""The Annex A reporting periods, anchored on the reference date (annex-a.md)."""

import datetime as dt
from dataclasses import dataclass

from cairn.core.dates import add_months

DEFAULT_WINDOW_MONTHS = 6


@dataclass(frozen=True)
class Period:
    """The reference date and the look-back windows. A window of N months before the
    reference date R is the days after R minus N months, up to and including R (so 6 months
    before 31 March 2026 is 1 October 2025 to 31 March 2026)."""

    reference_date: dt.date
    window_months: int = DEFAULT_WINDOW_MONTHS

    @property
    def window_start(self) -> dt.date:
        """First day of the lists' window (contacts, referrals, S47s ... in the last N months)."""
        return months_before(self.reference_date, self.window_months)

    @property
    def year_start(self) -> dt.date:
        """First day of the 12 months before the reference date ("in the last 12 months")."""
        return months_before(self.reference_date, 12)

    @property
    def six_months_start(self) -> dt.date:
        """First day of the EPO / police protection look-back ("in Last Six Months"), which is
        six months whatever the lists' window."""
        return months_before(self.reference_date, 6)


def months_before(day: dt.date, months: int) -> dt.date:
    """The first day of the `months` calendar months that end on `day`."""
    return add_months(day, -months) + dt.timedelta(days=1)


def age_in_years(born: dt.date | None, on: dt.date) -> int | None:
    """Whole years completed on `on`; None when the date of birth is not known (unborn)."""
    if born is None or born > on:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
