"""The one clock. Every rule, page and export asks it for 'today'; nothing reads the wall clock.

settings.CAIRN_TODAY (ISO date) pins the date, e.g. for a demo seeded as of a date; tests
travel in time with time-machine.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    pinned = getattr(settings, "CAIRN_TODAY", None)
    if pinned:
        return dt.date.fromisoformat(pinned)
    return timezone.localdate()


def now() -> dt.datetime:
    return timezone.now()
