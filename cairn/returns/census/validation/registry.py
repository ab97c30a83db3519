"""The rule registry, the context a rule runs in, and the date helpers rules share.

A rule is a function registered with `@rule(code, message)`. A rule on one child takes
(child, context) and returns whether the child fails. A rule on the whole return
(`whole_return=True`) takes (summaries, context), one small `ChildSummary` per child in file
order, and returns True/False or the list of LA child IDs affected.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cairn.core.working_days import WorkingDayCalendar
from cairn.returns.census.validation.model import Child, Header, Span

ERROR, QUERY = "error", "query"


@dataclass(frozen=True)
class Rule:
    code: str
    message: str
    check: Callable
    whole_return: bool = False
    since: int = 0  # first census year (ReferenceDate's year) the rule applies to
    until: int = 9999

    @property
    def type(self) -> str:
        return QUERY if self.code.endswith("Q") else ERROR

    def applies(self, year: int) -> bool:
        return self.since <= year <= self.until


RULES: list[Rule] = []


def rule(code: str, message: str, *, whole_return: bool = False, since: int = 0):
    def register(check):
        RULES.append(Rule(code, message, check, whole_return, since))
        return check

    return register


@dataclass
class Context:
    ref: dt.date
    start: dt.date
    year: int
    calendar: WorkingDayCalendar
    header: Header  # ReferenceDate and Year as read from the file
    wd45_before_ref: dt.date = None
    wd15_before_ref: dt.date = None
    nfa_grace: dt.date = None

    def in_year(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.ref


def before(a: dt.date | None, b: dt.date | None) -> bool:
    return a is not None and b is not None and a < b


def inside(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    """start <= day < end (end None: still open)."""
    return day is not None and start is not None and start <= day and (end is None or day < end)


def weekend(day: dt.date | None) -> bool:
    return day is not None and day.weekday() >= 5


def birthday(born: dt.date, years: int) -> dt.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February
        return born.replace(year=born.year + years, day=28)


def overlap(spans: list[Span]) -> bool:
    dated = sorted((s for s in spans if s.start), key=lambda s: s.start)
    return any(
        later.start < (earlier.end or dt.date.max)
        for earlier, later in zip(dated, dated[1:], strict=False)
    )


def all_cp(c: Child) -> list[Span]:
    return [p for e in c.episodes for p in e.cp_plans]
