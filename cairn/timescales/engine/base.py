"""The shared parts of the drift engine: the Alert, the evaluation context (as-of date,
calendar, local values, open cases and allocations on that date) and the counting conventions
of shared/domain/timescales.md.

- "Within N working days of A": A plus N working days (A is day 0); met on or before it.
- Months are calendar months (31 January + 1 month = 28/29 February).
- On D a deadline is `overdue` when D is after it, `due_soon` when it is D itself or at most the
  warning window (5 WD by default) after D. `overdue_by` runs from the deadline to D.
- Only records dated on or before D count; closed cases (episode closed on or before D) raise
  nothing.
"""

import calendar as month_calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from cairn.core.working_days import WorkingDayCalendar
from cairn.frontdoor.models import Episode
from cairn.timescales.catalogue import CATALOGUE, AlertUnit, RuleKind
from cairn.timescales.values import RuleValues
from cairn.workforce.models import Allocation


class Status:
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    FLAG = "flag"


class Severity:
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


STATUS_ORDER = {Status.OVERDUE: 0, Status.DUE_SOON: 1, Status.FLAG: 2}
# Pages that list every deadline (not only alerts) call a later one "due" (deadline_status).
NOT_YET_DUE = "due"
STATUS_LABELS = {
    Status.OVERDUE: "Overdue",
    Status.DUE_SOON: "Due soon",
    Status.FLAG: "Needs attention",
    NOT_YET_DUE: "Due",
}


def deadline_status(
    *, due: dt.date, as_of: dt.date, calendar: WorkingDayCalendar, window: int
) -> str:
    """A deadline on D: `overdue` when D is after it, `due_soon` when it is D itself or at most
    `window` working days after D (RuleValues.due_soon_window), else `due` (no alert yet)."""
    if as_of > due:
        return Status.OVERDUE
    if due <= calendar.add_working_days(as_of, window):
        return Status.DUE_SOON
    return NOT_YET_DUE


@dataclass(frozen=True)
class Target:
    """The record to act on: a model label ("casework.Assessment") and its primary key."""

    model: str
    pk: int


@dataclass
class Alert:
    rule: str
    status: str
    severity: str
    explanation: str
    target: Target | None
    child_id: int | None = None
    la_child_id: str | None = None
    worker_id: int | None = None
    worker: str | None = None  # the worker's staff id (username)
    team_id: int | None = None
    due: dt.date | None = None
    overdue_by: int | None = None
    unit: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def subject(self) -> tuple[str, int | None]:
        return ("child", self.child_id) if self.child_id is not None else ("worker", self.worker_id)

    @property
    def urgency(self) -> tuple:
        return (STATUS_ORDER[self.status], self.due or dt.date.max, -(self.overdue_by or 0))

    def as_contract(self) -> dict:
        """The alert in the `drift_report` JSON shape (timescales.md)."""
        return {
            "rule": self.rule,
            "status": self.status,
            "severity": self.severity,
            "child": self.la_child_id,
            "worker": self.worker,
            "team": self.team_id,
            "due": self.due.isoformat() if self.due else None,
            "overdue_by": self.overdue_by,
            "unit": self.unit,
            "explanation": self.explanation,
        }


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months: 31 January plus one month is the last day of February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def short_date(day: dt.date) -> str:
    """'22 Dec 2025', as in the contract's explanation."""
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class Placement:
    """Who holds a child's case on D: the allocation current on that date."""

    allocation_id: int | None
    team_id: int | None
    worker_id: int | None
    worker: str | None
    started_on: dt.date | None


NO_PLACEMENT = Placement(None, None, None, None, None)


class Context:
    """Everything a rule needs about D, read once (a fixed number of queries)."""

    def __init__(
        self,
        *,
        as_of: dt.date,
        calendar: WorkingDayCalendar,
        values: RuleValues,
        children: QuerySet | Iterable[int] | None,
    ):
        self.as_of = as_of
        self.calendar = calendar
        self.values = values
        self.window = values.due_soon_window
        self.due_soon_limit = calendar.add_working_days(as_of, self.window)
        # Records dated on D count: a datetime counts when it is before the start of D + 1.
        self.end_of_day = timezone.make_aware(
            dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min)
        )
        self.children_named = children is not None
        self._children = self._children_filter(children)
        self._wd_cache: dict[tuple[dt.date, int], dt.date] = {}
        self._wd_between: dict[dt.date, int] = {}
        open_rows = (
            Episode.objects.filter(self.open_episode_q())
            .filter(self.children_q("child_id"))
            .values_list("child_id", "child__la_child_id", "pk", "referral_date")
        )
        self.open_children: dict[int, str | None] = {}
        self.open_episodes: dict[int, tuple[int, dt.date]] = {}
        for child_id, la_child_id, episode_id, referred in open_rows:
            self.open_children[child_id] = la_child_id
            self.open_episodes[child_id] = (episode_id, referred)
        self.placements: dict[int, Placement] = {}
        current = (
            Allocation.objects.filter(started_on__lte=as_of)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
            .filter(self.children_q("child_id"))
            .order_by("child_id", "started_on", "id")
            .values_list("child_id", "pk", "team_id", "worker_id", "worker__username", "started_on")
        )
        for child_id, *placement in current:
            self.placements[child_id] = Placement(*placement)

    @staticmethod
    def _children_filter(children) -> QuerySet | list[int] | None:
        if children is None or isinstance(children, QuerySet):
            return children.values("pk") if isinstance(children, QuerySet) else None
        return list(children)

    def children_q(self, lookup: str) -> Q:
        """Restricts a query to the children asked about (everything when none were named)."""
        if self._children is None:
            return Q()
        return Q(**{f"{lookup}__in": self._children})

    def open_episode_q(self, prefix: str = "") -> Q:
        """An episode open on D: referred on or before D and not closed on or before D."""
        return Q(**{f"{prefix}referral_date__lte": self.as_of}) & (
            Q(**{f"{prefix}closed_on__isnull": True}) | Q(**{f"{prefix}closed_on__gt": self.as_of})
        )

    def open_children_q(self, lookup: str = "child_id") -> Q:
        """Children with a case open on D (and among those asked about)."""
        open_ids = Episode.objects.filter(self.open_episode_q()).values("child_id")
        return Q(**{f"{lookup}__in": open_ids}) & self.children_q(lookup)

    def open_plan_q(self, prefix: str = "") -> Q:
        """A plan open on D: started on or before D and not ended on or before D."""
        return Q(**{f"{prefix}started_on__lte": self.as_of}) & (
            Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": self.as_of})
        )

    def held_by_d(self, prefix: str = "") -> Q:
        """A meeting held on or before D."""
        return Q(**{f"{prefix}held_at__lt": self.end_of_day})

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        key = (start, days)
        if key not in self._wd_cache:
            self._wd_cache[key] = self.calendar.add_working_days(start, days)
        return self._wd_cache[key]

    def working_days_to_d(self, due: dt.date) -> int:
        if due not in self._wd_between:
            self._wd_between[due] = self.calendar.working_days_between(due, self.as_of)
        return self._wd_between[due]

    def placement(self, child_id: int) -> Placement:
        return self.placements.get(child_id, NO_PLACEMENT)

    # -- building alerts ----------------------------------------------------------------------

    def deadline(
        self,
        code: str,
        *,
        due: dt.date,
        explanation: str,
        target: Target | None,
        child_id: int | None = None,
        worker_id: int | None = None,
        worker: str | None = None,
        team_id: int | None = None,
    ) -> Alert | None:
        """An alert for a deadline that is overdue or due soon on D; None when neither.

        `explanation` may use {due} (the deadline) and {state} ("was due by" / "is due by").
        """
        definition = CATALOGUE[code]
        if self.as_of > due:
            status = Status.OVERDUE
        elif due <= self.due_soon_limit:
            status = Status.DUE_SOON
        else:
            return None
        if definition.alert_unit == AlertUnit.WORKING_DAYS:
            overdue_by = self.working_days_to_d(due)
        else:
            overdue_by = (self.as_of - due).days
        if status == Status.OVERDUE:
            severity = Severity.HIGH if definition.kind == RuleKind.STATUTORY else Severity.MEDIUM
        else:
            severity = Severity.LOW
        state = "was due by" if status == Status.OVERDUE else "is due by"
        alert = Alert(
            rule=code,
            status=status,
            severity=severity,
            explanation=explanation.format(due=short_date(due), state=state),
            target=target,
            due=due,
            overdue_by=overdue_by,
            unit=str(definition.alert_unit),
        )
        return self._attribute(
            alert, child_id=child_id, worker_id=worker_id, worker=worker, team_id=team_id
        )

    def flag(
        self,
        code: str,
        *,
        explanation: str,
        target: Target | None,
        child_id: int | None = None,
        worker_id: int | None = None,
        worker: str | None = None,
        team_id: int | None = None,
        severity: str = Severity.MEDIUM,
    ) -> Alert:
        alert = Alert(
            rule=code,
            status=Status.FLAG,
            severity=severity,
            explanation=explanation,
            target=target,
        )
        return self._attribute(
            alert, child_id=child_id, worker_id=worker_id, worker=worker, team_id=team_id
        )

    def _attribute(self, alert: Alert, *, child_id, worker_id, worker, team_id) -> Alert:
        """Child alerts name the child and whoever holds the case on D; worker alerts the
        worker and their team."""
        if child_id is not None:
            placement = self.placement(child_id)
            alert.child_id = child_id
            alert.la_child_id = self.open_children.get(child_id)
            alert.worker_id = placement.worker_id
            alert.worker = placement.worker
            alert.team_id = placement.team_id if placement.team_id is not None else team_id
        else:
            alert.worker_id, alert.worker, alert.team_id = worker_id, worker, team_id
        return alert
