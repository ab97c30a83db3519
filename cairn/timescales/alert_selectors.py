"""Reads for the drift pages (ADR 0019): whose alerts each page shows, evaluated by the engine
for all of them at once, and the 12-week trend read from snapshots.

Every selector calls `alerts_as_of` once with the set of children or teams in scope, so the
number of queries does not grow with the number of children.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role
from cairn.accounts.selectors import team_ids_managed_by
from cairn.people.models import Person
from cairn.protection.selectors.chair import chair_list
from cairn.timescales.catalogue import CATALOGUE, RuleKind
from cairn.timescales.engine import Alert, Status, alerts_as_of
from cairn.timescales.models import AlertSnapshot
from cairn.workforce.models import Allocation
from cairn.workforce.selectors.access import covered_allocation_q
from cairn.workforce.selectors.caseload import case_holding_teams

# Roles that see every team's alerts (the team and service pages without a team limit).
COUNCIL_WIDE = frozenset({Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST})
STATUSES = [Status.OVERDUE, Status.DUE_SOON, Status.FLAG]
TREND_WEEKS = 12


def rule_codes() -> list[str]:
    """The alert rules, in catalogue order (the filter's choices)."""
    return [code for code, rule in CATALOGUE.items() if rule.kind != RuleKind.SETTING]


@dataclass(frozen=True)
class AlertFilter:
    """The GET filters of a page: a rule code, a status, a team id (None: all)."""

    rule: str | None = None
    status: str | None = None
    team: int | None = None

    @property
    def rules(self) -> list[str] | None:
        return [self.rule] if self.rule else None

    def keeps(self, alert: Alert) -> bool:
        return (self.status is None or alert.status == self.status) and (
            self.team is None or alert.team_id == self.team
        )


def _evaluate(*, today: dt.date, filters: AlertFilter, **scope) -> list[Alert]:
    alerts = alerts_as_of(as_of=today, rules=filters.rules, **scope)
    return [alert for alert in alerts if filters.keeps(alert)]


# --- My work -----------------------------------------------------------------------------------


def my_children(*, user: User, today: dt.date):
    """Children allocated to the user on `today`, and those of colleagues they cover."""
    current = Allocation.objects.filter(started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=today)
    )
    mine = current.filter(
        Q(worker_id=user.pk) | covered_allocation_q(user_id=user.pk, today=today)
    ).values("child_id")
    return Person.objects.filter(pk__in=mine)


def my_work_alerts(*, user: User, today: dt.date, filters: AlertFilter) -> list[Alert]:
    """Alerts of the user's children (and covered colleagues' children): overdue first, then
    due soon, then flags; the most urgent first."""
    alerts = _evaluate(today=today, filters=filters, children=my_children(user=user, today=today))
    return sorted(alerts, key=lambda a: (*a.urgency, a.la_child_id or ""))


# --- Team and service ---------------------------------------------------------------------------


def alert_team_ids_visible_to(*, user: User) -> list[int] | None:
    """Teams whose alerts the user sees: those they manage (team and service managers), every
    team (senior leaders, performance analysts: None), else none."""
    if user.role in COUNCIL_WIDE:
        return None
    if user.role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
        return team_ids_managed_by(user=user)
    return []


def alert_teams_visible_to(*, user: User) -> list[Team]:
    """The case-holding teams whose alerts the user sees, by name."""
    return list(case_holding_teams(team_ids=alert_team_ids_visible_to(user=user)))


def team_alerts(*, team_id: int, today: dt.date, filters: AlertFilter) -> list[Alert]:
    """Every alert of one team (the case's team on the date; the worker's team)."""
    return _evaluate(today=today, filters=filters, teams=[team_id])


def service_alerts(
    *, team_ids: Iterable[int] | None, today: dt.date, filters: AlertFilter
) -> list[Alert]:
    """Every alert of these teams (None: the whole council)."""
    return _evaluate(today=today, filters=filters, teams=team_ids)


# --- Chair ---------------------------------------------------------------------------------------


def chair_alerts(*, user: User, today: dt.date, filters: AlertFilter) -> list[Alert]:
    """Alerts of the children on a CP plan whose latest conference the user chaired."""
    children = [entry.child.pk for entry in chair_list(user=user, today=today)]
    if not children:
        return []
    alerts = _evaluate(today=today, filters=filters, children=children)
    return sorted(alerts, key=lambda a: (*a.urgency, a.la_child_id or ""))


# --- Names for the pages (one query each) ------------------------------------------------------


def child_names(child_ids: Iterable[int]) -> dict[int, Person]:
    ids = {pk for pk in child_ids if pk is not None}
    if not ids:
        return {}
    return {
        p.pk: p
        for p in Person.objects.filter(pk__in=ids).only(
            "pk", "given_name", "family_name", "la_child_id", "is_restricted"
        )
    }


def worker_names(worker_ids: Iterable[int]) -> dict[int, str]:
    ids = {pk for pk in worker_ids if pk is not None}
    if not ids:
        return {}
    return {
        pk: f"{first} {last}".strip() or username
        for pk, first, last, username in User.objects.filter(pk__in=ids).values_list(
            "pk", "first_name", "last_name", "username"
        )
    }


def team_names(team_ids: Iterable[int]) -> dict[int, str]:
    ids = {pk for pk in team_ids if pk is not None}
    if not ids:
        return {}
    return dict(Team.objects.filter(pk__in=ids).values_list("pk", "name"))


# --- The trend, from snapshots ------------------------------------------------------------------


@dataclass
class TrendWeek:
    date: dt.date
    recorded: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def trend_dates(*, today: dt.date, weeks: int = TREND_WEEKS) -> list[dt.date]:
    """The weekly dates of the trend, oldest first, ending on `today`."""
    return [today - dt.timedelta(weeks=k) for k in reversed(range(weeks))]


def alert_trend(
    *, today: dt.date, team_ids: Iterable[int] | None, filters: AlertFilter
) -> list[TrendWeek]:
    """Alert counts by status on each of the last 12 weekly dates, read from the snapshots
    (never recomputed). Two queries: the counts, and which dates were snapshotted at all."""
    dates = trend_dates(today=today)
    rows = AlertSnapshot.objects.filter(date__in=dates)
    recorded = set(rows.values_list("date", flat=True).distinct())
    if team_ids is not None:
        rows = rows.filter(team_id__in=list(team_ids))
    if filters.team is not None:
        rows = rows.filter(team_id=filters.team)
    if filters.rule:
        rows = rows.filter(rule=filters.rule)
    if filters.status:
        rows = rows.filter(status=filters.status)
    weeks = {day: TrendWeek(day, day in recorded) for day in dates}
    for day, status, count in (
        rows.order_by()
        .values("date", "status")
        .annotate(n=Sum("count"))
        .values_list("date", "status", "n")
    ):
        weeks[day].counts[status] = count
    return [weeks[day] for day in dates]
