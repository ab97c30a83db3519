"""Months, scopes and who was responsible: the shared helpers every measure uses (ADR 0027)."""

from __future__ import annotations

import bisect
import calendar
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from cairn.accounts.models import Team
from cairn.accounts.roles import TeamKind
from cairn.core.dates import add_months
from cairn.insight.measures.base import COUNCIL, SERVICE, TEAM, Scope


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def last_months(end: date, count: int) -> list[date]:
    """``count`` months ending with ``end``'s month, oldest first."""
    last = month_start(end)
    return [add_months(last, -i) for i in range(count - 1, -1, -1)]


def months_between(first: date, last: date) -> list[date]:
    out, month = [], month_start(first)
    while month <= last:
        out.append(month)
        month = add_months(month, 1)
    return out


class TeamTree:
    """Teams and the service area each sits in (the nearest ancestor of kind "service")."""

    def __init__(self) -> None:
        rows = list(Team.objects.values_list("pk", "kind", "parent_id"))
        self.kind = {pk: kind for pk, kind, _ in rows}
        parent = {pk: parent_id for pk, _, parent_id in rows}
        self.services: dict[int, list[int]] = {}
        for pk in parent:
            chain, node, seen = [], pk, set()
            while node is not None and node not in seen:
                seen.add(node)
                if self.kind.get(node) == TeamKind.SERVICE:
                    chain.append(node)
                node = parent.get(node)
            self.services[pk] = chain

    def all_scopes(self) -> list[Scope]:
        """The council, every service area and every team."""
        services = [Scope.service(pk) for pk, k in self.kind.items() if k == TeamKind.SERVICE]
        teams = [Scope.team(pk) for pk in self.kind]
        return [Scope.council(), *sorted(services, key=_key), *sorted(teams, key=_key)]

    def scopes_of(self, team_id: int | None) -> list[Scope]:
        """Every scope a row attributed to ``team_id`` counts in (None: the council only)."""
        if team_id is None:
            return [Scope.council()]
        return [
            Scope.council(),
            Scope.team(team_id),
            *(Scope.service(s) for s in self.services.get(team_id, ())),
        ]

    def in_scope(self, team_id: int | None, scope: Scope) -> bool:
        if scope.kind == COUNCIL:
            return True
        if team_id is None:
            return False
        if scope.kind == TEAM:
            return team_id == scope.team_id
        return scope.kind == SERVICE and scope.team_id in self.services.get(team_id, ())


def _key(scope: Scope) -> int:
    return scope.team_id or 0


class Responsibility:
    """Which team was responsible for a child on a day, from the allocation history.

    The team of the allocation in force that day (started on or before it, not ended before
    it; when two overlap on a handover day, the later-started one). Before the first
    allocation (e.g. a referral allocated a few days later), the first allocation that starts
    within ``GRACE`` days after. Otherwise none: the row counts for the council only.
    """

    GRACE = timedelta(days=30)
    FEW = 2000  # above this many children, one scan of every allocation is cheaper

    def __init__(self, child_ids: Iterable[int] | None = None) -> None:
        from cairn.workforce.models import Allocation

        rows = Allocation.objects.all()
        ids = set(child_ids) if child_ids is not None else None
        if ids is not None and len(ids) <= self.FEW:
            rows = rows.filter(child_id__in=list(ids))
        by_child: dict[int, list[tuple[date, date, int, int]]] = defaultdict(list)
        for child_id, start, end, team_id, pk in rows.values_list(
            "child_id", "started_on", "ended_on", "team_id", "pk"
        ):
            by_child[child_id].append((start, end or date.max, pk, team_id))
        self._periods = {c: sorted(p) for c, p in by_child.items()}
        self._starts = {c: [p[0] for p in ps] for c, ps in self._periods.items()}

    def merge(self, other: Responsibility, child_ids: set[int]) -> None:
        """Take ``other``'s history for these children (loaded later, for more children)."""
        for child_id in child_ids:
            if child_id in other._periods:
                self._periods[child_id] = other._periods[child_id]
                self._starts[child_id] = other._starts[child_id]

    def team_on(self, child_id: int, day: date) -> int | None:
        periods = self._periods.get(child_id)
        if not periods:
            return None
        i = bisect.bisect_right(self._starts[child_id], day)
        for _start, end, _, team_id in reversed(periods[:i]):
            if end >= day:
                return team_id
        if i < len(periods) and periods[i][0] <= day + self.GRACE:
            return periods[i][3]
        return None
