"""Running the rules: `validate_file` streams a return file child by child; `validate` runs the
same over a return already in memory. Only the failing children's IDs and one small summary per
child (for the rules on the whole return) are kept, so memory stays bounded by the number of
children, not the size of the file."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cairn.core.working_days import WorkingDayCalendar

# The rule modules register their rules on import (the order is the order RULES lists them).
from cairn.returns.census.validation import (  # noqa: F401
    rules_assessment,
    rules_child,
    rules_episode,
    rules_plans,
    rules_pp,
    rules_return,
)
from cairn.returns.census.validation.model import Child, ChildSummary, Header, Return, summarise
from cairn.returns.census.validation.reading import read_return
from cairn.returns.census.validation.registry import ERROR, QUERY, RULES, Context, Rule


@dataclass
class Finding:
    code: str
    type: str
    message: str
    children: list[str]  # LA child IDs affected (empty for a rule on the whole return)

    @property
    def count(self) -> int:
        return len(self.children) or 1


@dataclass
class Report:
    reference_date: dt.date | None
    children: int
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.count for f in self.findings if f.type == ERROR)

    @property
    def queries(self) -> int:
        return sum(f.count for f in self.findings if f.type == QUERY)

    def summary(self) -> str:
        return f"{self.errors} errors, {self.queries} queries"


def rules_for(year: int) -> list[Rule]:
    return [r for r in RULES if r.applies(year)]


def validate_file(source, *, calendar: WorkingDayCalendar | None = None) -> Report:
    """Validate a return file (path or binary file) as it is read. Raises ValueError when it is
    not readable XML."""
    return _run(read_return(source), calendar)


def validate(ret: Return, *, calendar: WorkingDayCalendar | None = None) -> Report:
    """Run the year's rules over a return held in memory."""
    return _run([Header(ret.reference_date, ret.year_text), *ret.children], calendar)


def _run(items: Iterable[Header | Child], calendar: WorkingDayCalendar | None) -> Report:
    """Children that come before the header (unusual) wait for it; the rest are checked as they
    are read. With no usable ReferenceDate only rule 100 can be judged (and fails)."""
    calendar = calendar or WorkingDayCalendar()
    waiting: list[Child] = []
    checker: _Checker | None = None
    header: Header | None = None
    count = 0
    for item in items:
        if isinstance(item, Header):
            header = item
            if header.reference_date is not None:
                checker = _Checker(header, calendar)
                for child in waiting:
                    checker.check(child)
            waiting = []
            continue
        count += 1
        if checker is not None:
            checker.check(item)
        elif header is None:
            waiting.append(item)
    if checker is None:
        return Report(None, count, [Finding("100", ERROR, RULES_BY_CODE["100"].message, [])])
    return checker.report(count)


class _Checker:
    def __init__(self, header: Header, calendar: WorkingDayCalendar):
        ref = header.reference_date
        start = dt.date(ref.year - 1, 4, 1)
        self.x = x = Context(ref, start, ref.year, calendar, header)
        x.wd45_before_ref = calendar.add_working_days(ref, -45)
        x.wd15_before_ref = calendar.add_working_days(ref, -15)
        x.nfa_grace = calendar.add_working_days(start, -1)
        self.applicable = rules_for(ref.year)
        self.per_child = [r for r in self.applicable if not r.whole_return]
        self.failing: dict[str, list[str]] = {r.code: [] for r in self.per_child}
        self.summaries: list[ChildSummary] = []

    def check(self, child: Child) -> None:
        x = self.x
        for r in self.per_child:
            if r.check(child, x):
                self.failing[r.code].append(child.id or "(no LAchildID)")
        self.summaries.append(summarise(child, x.in_year))

    def report(self, count: int) -> Report:
        findings = []
        for r in self.applicable:
            if r.whole_return:
                result: Any = r.check(self.summaries, self.x)
                if result:
                    ids = result if isinstance(result, list) else []
                    findings.append(Finding(r.code, r.type, r.message, sorted(set(ids))))
            elif self.failing[r.code]:
                findings.append(Finding(r.code, r.type, r.message, self.failing[r.code]))
        findings.sort(key=lambda f: (f.type != ERROR, f.code))
        return Report(self.x.ref, count, findings)


RULES_BY_CODE = {r.code: r for r in RULES}
