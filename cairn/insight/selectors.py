"""Reads for the scorecard pages, exports and the members' report (ADR 0027).

``scorecard`` returns every measure's monthly figures for one scope, read from the
pre-aggregated figures (refreshed first when the record changed since they were computed).
``children_behind`` returns the children behind one figure, limited to what the user may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from cairn.accounts.models import Team
from cairn.accounts.roles import TeamKind
from cairn.core import clock
from cairn.insight.aggregation import read_figures
from cairn.insight.measures.base import (
    COUNCIL,
    GROUPS,
    NO_DATA,
    Figure,
    Measure,
    NationalComparator,
    Scope,
    get_measure,
    measures,
)
from cairn.insight.measures.periods import last_months, month_start
from cairn.people.models import Person
from cairn.people.selectors import child_list_visible_to

UP, DOWN, FLAT, NONE = "up", "down", "flat", "none"


@dataclass(frozen=True)
class ScorecardRow:
    measure: Measure
    months: list[date]
    figures: list[Figure]  # one per month, oldest first
    national: NationalComparator | None
    trend: str  # "up" | "down" | "flat" | "none" (see trend_of)
    trend_is_good: bool | None  # None when the measure has no better direction or no trend

    @property
    def latest(self) -> Figure:
        return self.figures[-1] if self.figures else NO_DATA


@dataclass(frozen=True)
class Scorecard:
    scope: Scope
    scope_name: str
    months: list[date]  # oldest first, first day of each month
    rows: list[ScorecardRow]
    as_of: date
    # Measures whose stored figures predate a change to the record and await the next
    # `refresh_scorecard --stale-only` (drift-engine measures; ADR 0027). Show them as such.
    stale_keys: frozenset[str] = frozenset()

    def row(self, key: str) -> ScorecardRow:
        return next(r for r in self.rows if r.measure.key == key)

    def groups(self) -> list[tuple[str, list[ScorecardRow]]]:
        """Rows grouped in scorecard order, empty groups left out."""
        out = []
        for group in GROUPS:
            rows = [r for r in self.rows if r.measure.group == group]
            if rows:
                out.append((group, rows))
        return out


@dataclass(frozen=True)
class DrillDown:
    measure: Measure
    month: date
    scope: Scope
    figure: Figure
    children: QuerySet[Person]  # those the user may see, ordered by name
    total: int  # every child behind the figure
    shown: int  # how many of them the user may see
    note: str = field(default="")  # set when some are outside the user's scope

    @property
    def outside_scope(self) -> int:
        return self.total - self.shown


def scope_name(scope: Scope) -> str:
    if scope.kind == COUNCIL:
        return "Whole council"
    return Team.objects.filter(pk=scope.team_id).values_list("name", flat=True).first() or "?"


def scope_choices() -> list[tuple[Scope, str]]:
    """The council, then each service area, then each team (for filters), with their names."""
    out: list[tuple[Scope, str]] = [(Scope.council(), "Whole council")]
    teams = list(Team.objects.order_by("name").values_list("pk", "name", "kind"))
    out += [(Scope.service(pk), name) for pk, name, kind in teams if kind == TeamKind.SERVICE]
    out += [(Scope.team(pk), name) for pk, name, kind in teams if kind != TeamKind.SERVICE]
    return out


def trend_of(values: list[Decimal | None]) -> str:
    """The last three months' mean against the three before: up, down or flat (within 5%)."""
    recent = [v for v in values[-3:] if v is not None]
    before = [v for v in values[-6:-3] if v is not None]
    if not recent or not before:
        return NONE
    now, then = sum(recent) / len(recent), sum(before) / len(before)
    tolerance = abs(then) * Decimal("0.05")
    if abs(now - then) <= tolerance:
        return FLAT
    return UP if now > then else DOWN


def _row(measure: Measure, months: list[date], cells: dict, scope: Scope) -> ScorecardRow:
    figures = [cells.get((m, scope), NO_DATA) for m in months]
    trend = trend_of([f.value for f in figures])
    good = None
    if measure.higher_is_better is not None and trend in (UP, DOWN):
        good = (trend == UP) == measure.higher_is_better
    return ScorecardRow(measure, months, figures, measure.national, trend, good)


def scorecard(
    *, scope: Scope, months: int = 24, end: date | None = None, keys: list[str] | None = None
) -> Scorecard:
    """Every measure (or those in ``keys``) for ``months`` months ending with ``end``'s month
    (default: this month), for one scope."""
    as_of = clock.today()
    month_list = last_months(month_start(end or as_of), months)
    chosen = [get_measure(k) for k in keys] if keys else measures()
    deferred: set[str] = set()
    cells = read_figures(
        measures=chosen, months=month_list, scopes=[scope], as_of=as_of, deferred=deferred
    )
    rows = [_row(m, month_list, cells[m.key], scope) for m in chosen]
    return Scorecard(scope, scope_name(scope), month_list, rows, as_of, frozenset(deferred))


def figure_for(*, measure_key: str, month: date, scope: Scope) -> Figure:
    measure = get_measure(measure_key)
    month = month_start(month)
    cells = read_figures(measures=[measure], months=[month], scopes=[scope], as_of=clock.today())
    return cells[measure.key].get((month, scope), NO_DATA)


def children_behind(*, user, measure_key: str, month: date, scope: Scope) -> DrillDown:
    """The children behind one figure that the user may see, and how many they may not."""
    measure = get_measure(measure_key)
    month = month_start(month)
    behind = measure.children(month, scope)
    total = behind.count()
    visible = child_list_visible_to(user=user).filter(pk__in=behind.values("pk"))
    visible = visible.order_by("family_name", "given_name", "pk")
    shown = visible.count()
    note = ""
    if shown < total:
        hidden = total - shown
        note = (
            f"{hidden} of the {total} children behind this figure "
            f"{'is' if hidden == 1 else 'are'} outside what you may see, so not listed."
        )
    figure = figure_for(measure_key=measure_key, month=month, scope=scope)
    return DrillDown(measure, month, scope, figure, visible, total, shown, note)


__all__ = [
    "DrillDown",
    "Scorecard",
    "ScorecardRow",
    "children_behind",
    "figure_for",
    "scope_choices",
    "scope_name",
    "scorecard",
]
