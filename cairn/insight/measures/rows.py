"""Row measures: one engine for every measure's figures and drill-down (ADR 0027).

A measure lists *rows*: one per child (or event) that counts in a month, with the team
responsible and, for shares, whether it meets the standard, or for averages, its amount. The
figures for every month and scope, and the children behind any one figure, are both derived
from the same rows, so a drill-down list's length always equals the figure's numerator.

Counts count distinct children: a child with two contacts in a month counts once, and is one
line in the list behind the figure. Shares are per child too: a child is in time only if every
one of their items that month was.
"""

from __future__ import annotations

from abc import abstractmethod
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.conf import settings
from django.db.models import QuerySet

from cairn.core import clock
from cairn.insight.measures.base import COUNCIL, Figure, Measure, Scope
from cairn.insight.measures.periods import Responsibility, TeamTree, month_end

COUNT, SHARE, RATE, MEAN = "count", "share", "rate", "mean"
ONE_DP = Decimal("0.1")
AMOUNT_DP = Decimal("0.000001")


def rounded(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(ONE_DP, rounding=ROUND_HALF_UP)


def share(numerator: int, denominator: int) -> Decimal | None:
    return rounded(Decimal(100 * numerator) / denominator) if denominator else None


def child_population() -> int:
    return int(settings.CAIRN_CHILD_POPULATION)


def exact(amount: float) -> Decimal:
    """An average's item amount as a decimal of fixed precision, so totals add and subtract
    exactly whichever order the items arrive in (full computation or patching, ADR 0029)."""
    return Decimal(repr(amount)).quantize(AMOUNT_DP, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Tally:
    """What a set of rows adds to one figure, in parts that add up over disjoint sets of
    children: the numerator (children counted), the denominator of a share or an average
    (children with items, or items with an amount), and an average's total amount."""

    numerator: int = 0
    denominator: int = 0
    total: Decimal = Decimal(0)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.numerator + other.numerator,
            self.denominator + other.denominator,
            self.total + other.total,
        )

    def __sub__(self, other: Tally) -> Tally:
        return Tally(
            self.numerator - other.numerator,
            self.denominator - other.denominator,
            self.total - other.total,
        )


@dataclass(frozen=True, slots=True)
class Row:
    month: date
    child_id: int
    team_id: int | None
    flag: bool | None = None  # shares: this item meets the standard
    amount: float | None = None  # averages: this item's amount (e.g. weeks)
    worker_id: int | None = None  # caseloads: the worker the child is allocated to


def span(months: list[date]) -> tuple[date, date]:
    """The first and last day the months cover."""
    return months[0], month_end(months[-1])


class Context:
    """What one computation shares: the as-of day, the team tree and allocation history."""

    def __init__(self, as_of: date | None = None) -> None:
        self.as_of = as_of or clock.today()
        self.tree = TeamTree()
        self._responsibility: Responsibility | None = None
        self._loaded: set[int] = set()
        self.load_all = False
        self._alerts: dict[date, list] = {}
        self.rules: list[str] | None = None  # drift rules to evaluate (None: all of them)
        self.cache: dict = {}  # anything else several measures share within one computation
        self._calendar = None
        self._working_days: dict[tuple[date, int], date] = {}
        # Only these children's rows (patching figures after a change, ADR 0029); None: all.
        self.children: frozenset[int] | None = None

    def only(self, qs: QuerySet, field: str = "child_id") -> QuerySet:
        """``qs`` narrowed to the children this computation is for, if it is for some."""
        return qs if self.children is None else qs.filter(**{f"{field}__in": self.children})

    def on(self, month: date) -> date:
        """The day a month-end figure is taken: the month's last day, or today if sooner."""
        return min(month_end(month), self.as_of)

    def teams(self, pairs: list[tuple[int, date]]) -> list[int | None]:
        """The team responsible for each (child, day) pair."""
        if self._responsibility is None and self.load_all:
            self._responsibility = Responsibility()
        elif not self.load_all:
            missing = {c for c, _ in pairs} - self._loaded
            if missing:
                more = Responsibility(missing)
                if self._responsibility is None:
                    self._responsibility = more
                else:
                    self._responsibility.merge(more, missing)
                self._loaded |= missing
        return [self._responsibility.team_on(c, d) for c, d in pairs]

    def alerts(self, day: date) -> list:
        """Every drift alert open on ``day`` (the timescales engine, ADR 0016), computed once
        per day and shared by every measure that reads them."""
        if day not in self._alerts:
            from cairn.timescales.engine.evaluate import alerts_as_of

            self._alerts[day] = alerts_as_of(as_of=day, calendar=self.calendar, rules=self.rules)
        return self._alerts[day]

    def add_working_days(self, start: date, days: int) -> date:
        """The council calendar's answer, remembered (many items share a start day)."""
        key = (start, days)
        if key not in self._working_days:
            self._working_days[key] = self.calendar.add_working_days(start, days)
        return self._working_days[key]

    def shared(self, name: str, months: list[date], compute):
        """``compute()`` once per computation for these months, shared by several measures."""
        key = (name, tuple(months))
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    @property
    def calendar(self):
        if self._calendar is None:
            from cairn.core.working_days import council_calendar

            self._calendar = council_calendar()
        return self._calendar


class RowMeasure(Measure):
    kind: ClassVar[str] = COUNT
    share_rule: ClassVar[str] = "all"  # a child counts in a share when all (or any) items do
    # Model labels ("app.model") whose changes can move this measure's figures; allocation
    # history is added for every measure that attributes rows by it.
    sources: ClassVar[tuple[str, ...]] = ()
    by_allocation: ClassVar[bool] = True
    engine_rules: ClassVar[tuple[str, ...]] = ()  # drift rules read, for a cheaper drill-down
    expensive: ClassVar[bool] = False  # re-evaluates the drift engine at every month end
    # Figures add up over children and each child's rows come from records naming that child,
    # so a change can be applied by recomputing the rows of the children it touched (ADR 0029).
    incremental: ClassVar[bool] = True

    @classmethod
    def source_labels(cls) -> frozenset[str]:
        extra = (
            {"workforce.allocation", "accounts.team"} if cls.by_allocation else {"accounts.team"}
        )
        return frozenset(cls.sources) | extra

    @abstractmethod
    def rows(self, months: list[date], ctx: Context) -> Iterable[Row]:
        """Every row for the months asked for (months are first days, in order)."""

    # Aggregation ---------------------------------------------------------------------------

    def aggregate(self, rows: list[Row], scope: Scope) -> Figure:
        return self.figure(self.tally(rows), scope)

    def tally(self, rows: list[Row]) -> Tally:
        """The parts of the figure these rows make (they add up over disjoint children)."""
        counted = len(self.numerator_ids(rows))
        if self.kind == SHARE:
            return Tally(counted, len({r.child_id for r in rows}))
        if self.kind == MEAN:
            amounts = [exact(r.amount) for r in rows if r.amount is not None]
            return Tally(counted, len(amounts), sum(amounts, Decimal(0)))
        return Tally(counted)

    def figure(self, tally: Tally, scope: Scope) -> Figure:
        """The figure shown for a tally."""
        counted = tally.numerator
        if self.kind == COUNT:
            return Figure(Decimal(counted), counted, None)
        if self.kind == RATE:
            population = child_population()
            if scope.kind != COUNCIL or not population:
                return Figure(None, counted, None)
            return Figure(rounded(Decimal(counted * 10000) / population), counted, population)
        if self.kind == SHARE:
            return Figure(share(counted, tally.denominator), counted, tally.denominator)
        value = rounded(tally.total / tally.denominator) if tally.denominator else None
        return Figure(value, counted, tally.denominator)

    def stored_tally(
        self, numerator: int | None, denominator: int | None, total: Decimal | None
    ) -> Tally:
        """A stored figure's parts back as a tally (a rate's denominator is the population,
        not a part that adds up)."""
        if self.kind in (SHARE, MEAN):
            return Tally(numerator or 0, denominator or 0, total or Decimal(0))
        return Tally(numerator or 0)

    def numerator_ids(self, rows: list[Row]) -> set[int]:
        if self.kind != SHARE:
            return {r.child_id for r in rows}
        if self.share_rule == "any":
            return {r.child_id for r in rows if r.flag}
        ok: dict[int, bool] = {}
        for r in rows:
            ok[r.child_id] = ok.get(r.child_id, True) and bool(r.flag)
        return {c for c, good in ok.items() if good}

    # The Measure interface -----------------------------------------------------------------

    def figures_in(
        self, months: list[date], scopes: list[Scope], ctx: Context
    ) -> dict[tuple[date, Scope], Figure]:
        return self.figures_from(list(self.rows(months, ctx)), months, scopes, ctx.tree)

    def figures_from(
        self, rows: Iterable[Row], months: list[date], scopes: list[Scope], tree: TeamTree
    ) -> dict[tuple[date, Scope], Figure]:
        """Every (month, scope) figure, from these rows."""
        tallies = self.tallies(rows, scopes, tree)
        return {
            (m, s): self.figure(tallies.get((m, s), Tally()), s) for m in months for s in scopes
        }

    def tallies(
        self, rows: Iterable[Row], scopes: list[Scope], tree: TeamTree
    ) -> dict[tuple[date, Scope], Tally]:
        """The tally of each (month, scope) the rows fall in."""
        wanted = set(scopes)
        buckets: dict[tuple[date, Scope], list[Row]] = defaultdict(list)
        for row in rows:
            for scope in tree.scopes_of(row.team_id):
                if scope in wanted:
                    buckets[(row.month, scope)].append(row)
        return {cell: self.tally(cell_rows) for cell, cell_rows in buckets.items()}

    def figures(self, months: list[date], scopes: list[Scope]) -> dict[tuple[date, Scope], Figure]:
        return self.figures_in(months, scopes, Context())

    def children(self, month: date, scope: Scope) -> QuerySet:
        from cairn.people.models import Person

        ctx = Context()
        if self.engine_rules:
            ctx.rules = list(self.engine_rules)  # only the rules this measure reads
        rows = [r for r in self.rows([month], ctx) if ctx.tree.in_scope(r.team_id, scope)]
        return Person.objects.filter(pk__in=sorted(self.numerator_ids(rows)))
