"""Caseloads: children per worker, weighted by the kind of case, by team and across a service.

A child's case type on a day comes from the child's records open on that day (ADR 0014), in
this order (the first that applies wins):

1. pre-proceedings: the child's level on the day is pre-proceedings (frontdoor LevelTransition;
   the hook until the legal app records pre-proceedings itself);
2. cp: a child protection plan is in force (started on or before the day, not ended by it);
3. looked_after: the child's level on the day is looked after;
4. cin: a child in need plan is in force;
5. assessment: an assessment is open (started, not authorised by the day);
6. early_help: an early help episode is open, or the level on the day is early help;
7. otherwise assessment (an open referral with no assessment started yet).

Weights are the council's (`CaseloadWeight`); a case type with no row takes the default below.
Every function here costs a fixed number of queries, whatever the number of workers or children.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models import When as W

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role
from cairn.accounts.selectors import team_ids_managed_by
from cairn.casework.models import Assessment, Plan, PlanKind, PlanStatus
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import Level, LevelTransition
from cairn.workforce.models import Allocation, CaseloadWeight, CaseType
from cairn.workforce.selectors.allocation import CASE_HOLDING_TEAM_KINDS

# The council's defaults until a system administrator changes them (ADR 0014).
DEFAULT_WEIGHTS: dict[str, Decimal] = {
    CaseType.ASSESSMENT: Decimal("1"),
    CaseType.CIN: Decimal("1"),
    CaseType.CP: Decimal("1.5"),
    CaseType.PRE_PROCEEDINGS: Decimal("2"),
    CaseType.EARLY_HELP: Decimal("0.5"),
    CaseType.LOOKED_AFTER: Decimal("1"),
}

# Roles that hold cases as their main job: always counted as case-holding workers. Anyone else in
# a team (a team manager, say) counts when they hold at least one child.
CASE_HOLDING_ROLES = frozenset({Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER})

# Who sees caseloads beyond their own teams.
COUNCIL_WIDE_ROLES = frozenset({Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST})


def allocations_on(day: dt.date) -> QuerySet[Allocation]:
    """Allocations in force on `day`: started by then, not ended (a change ends the old row on
    the day the new one starts, so that day counts for the new one)."""
    return Allocation.objects.filter(started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def _plan_in_force(kind: str, day: dt.date) -> Exists:
    return Exists(
        Plan.objects.filter(
            child_id=OuterRef("child_id"),
            kind=kind,
            status__in=(PlanStatus.ACTIVE, PlanStatus.ENDED),
            started_on__lte=day,
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    )


def case_type_expression(day: dt.date) -> tuple[Case, Subquery]:
    """The SQL for a child's case type on `day`, on a queryset with a `child_id` column, and the
    level subquery it reads (annotate `_level` with it first)."""
    level = Subquery(
        LevelTransition.objects.filter(child_id=OuterRef("child_id"), occurred_on__lte=day)
        .order_by("-occurred_on", "-id")
        .values("to_level")[:1]
    )
    open_assessment = Exists(
        Assessment.objects.filter(child_id=OuterRef("child_id"), started_on__lte=day).filter(
            Q(authorised_on__isnull=True) | Q(authorised_on__gt=day)
        )
    )
    early_help = Exists(
        EarlyHelpEpisode.objects.filter(child_id=OuterRef("child_id"), started_on__lte=day).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=day)
        )
    )
    return Case(
        W(Q(_level=Level.PRE_PROCEEDINGS), then=Value(CaseType.PRE_PROCEEDINGS.value)),
        W(_plan_in_force(PlanKind.CP, day), then=Value(CaseType.CP.value)),
        W(Q(_level=Level.LOOKED_AFTER), then=Value(CaseType.LOOKED_AFTER.value)),
        W(_plan_in_force(PlanKind.CIN, day), then=Value(CaseType.CIN.value)),
        W(open_assessment, then=Value(CaseType.ASSESSMENT.value)),
        W(early_help | Q(_level=Level.EARLY_HELP), then=Value(CaseType.EARLY_HELP.value)),
        default=Value(CaseType.ASSESSMENT.value),
        output_field=CharField(),
    ), level


def with_case_type(allocations: QuerySet[Allocation], day: dt.date) -> QuerySet[Allocation]:
    """`allocations` annotated with `case_type` on `day`."""
    expression, level = case_type_expression(day)
    return allocations.annotate(_level=level).annotate(case_type=expression)


def weights_current() -> dict[str, Decimal]:
    """The weight of each case type: the council's row, else the default (one query)."""
    weights = dict(DEFAULT_WEIGHTS)
    weights.update(dict(CaseloadWeight.objects.values_list("case_type", "weight")))
    return weights


# ---------------------------------------------------------------------------------------------
# Who may see which teams


def caseload_team_ids_visible_to(*, user: User) -> list[int] | None:
    """Teams whose caseloads the user sees: the teams they manage (team and service managers),
    or every team (senior leaders and performance analysts: None means all)."""
    if user.role in COUNCIL_WIDE_ROLES:
        return None
    if user.role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
        return team_ids_managed_by(user=user)
    return []


def case_holding_teams(*, team_ids: Iterable[int] | None) -> QuerySet[Team]:
    """Case-holding teams (not service areas nor back-office teams), limited to `team_ids`."""
    teams = Team.objects.filter(kind__in=CASE_HOLDING_TEAM_KINDS).select_related("parent")
    if team_ids is not None:
        teams = teams.filter(pk__in=list(team_ids))
    return teams.order_by("name")


# ---------------------------------------------------------------------------------------------
# Caseloads


@dataclass
class WorkerCaseload:
    worker: User
    children: int = 0
    weighted: Decimal = Decimal("0")
    by_type: dict[str, int] = field(default_factory=dict)
    threshold: int = 0

    @property
    def over_threshold(self) -> bool:
        """CASELOAD_HIGH: the worker holds more children than the team's threshold."""
        return self.children > self.threshold


@dataclass
class TeamCaseload:
    team: Team
    workers: list[WorkerCaseload]
    team_children: int = 0
    unallocated: int = 0

    @property
    def worker_count(self) -> int:
        return len(self.workers)

    @property
    def allocated_children(self) -> int:
        return sum(w.children for w in self.workers)

    @property
    def average(self) -> Decimal | None:
        if not self.workers:
            return None
        return Decimal(self.allocated_children) / len(self.workers)

    @property
    def weighted_average(self) -> Decimal | None:
        if not self.workers:
            return None
        return sum((w.weighted for w in self.workers), Decimal("0")) / len(self.workers)

    @property
    def over_threshold(self) -> int:
        return sum(1 for w in self.workers if w.over_threshold)


def case_holding_workers(*, team_ids: list[int], day: dt.date) -> QuerySet[User]:
    """Members of the teams who hold cases on `day`: social workers and senior practitioners,
    and anyone else holding at least one child. In post on `day`: an account no longer active
    counts only through its staff record's leaving date (after `day`); staff who started after
    `day` or left by it are not counted. The team is the member's current team."""
    holds = allocations_on(day).filter(worker_id=OuterRef("pk"))
    workers = (
        User.objects.filter(team_id__in=team_ids)
        .filter(Q(role__in=CASE_HOLDING_ROLES) | Exists(holds))
        .filter(Q(is_active=True) | Q(staff_record__left_on__isnull=False))
    )
    left = Q(staff_record__left_on__isnull=False, staff_record__left_on__lte=day)
    started = Q(staff_record__started_on__gt=day)
    return workers.exclude(left).exclude(started).order_by("last_name", "first_name")


def team_caseloads(*, teams: Iterable[Team], day: dt.date) -> list[TeamCaseload]:
    """Each team's workers with their open children (allocations in force on `day`), weighted
    caseload and the CASELOAD_HIGH flag, and the team's unallocated children.

    Queries: workers, allocations by worker and case type, children by team, weights: four,
    whatever the number of teams, workers or children."""
    teams = list(teams)
    team_ids = [t.pk for t in teams]
    if not team_ids:
        return []
    workers = list(case_holding_workers(team_ids=team_ids, day=day))
    worker_ids = [w.pk for w in workers]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    held = (
        with_case_type(allocations_on(day).filter(worker_id__in=worker_ids), day)
        .values("worker_id", "case_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in held:
        counts[row["worker_id"]][row["case_type"]] = row["n"]
    by_team = {
        row["team_id"]: row
        for row in allocations_on(day)
        .filter(team_id__in=team_ids)
        .values("team_id")
        .annotate(children=Count("id"), unallocated=Count("id", filter=Q(worker__isnull=True)))
        .order_by()
    }
    weights = weights_current()
    team_by_id = {t.pk: t for t in teams}
    result = {
        t.pk: TeamCaseload(
            team=t,
            workers=[],
            team_children=by_team.get(t.pk, {}).get("children", 0),
            unallocated=by_team.get(t.pk, {}).get("unallocated", 0),
        )
        for t in teams
    }
    for worker in workers:
        by_type = counts.get(worker.pk, {})
        result[worker.team_id].workers.append(
            WorkerCaseload(
                worker=worker,
                children=sum(by_type.values()),
                weighted=sum((weights[kind] * n for kind, n in by_type.items()), Decimal("0")),
                by_type=by_type,
                threshold=team_by_id[worker.team_id].caseload_threshold,
            )
        )
    return [result[t.pk] for t in teams]


def team_caseload(*, team: Team, day: dt.date) -> TeamCaseload:
    return team_caseloads(teams=[team], day=day)[0]


def service_caseloads(*, user: User, day: dt.date) -> list[TeamCaseload]:
    """Caseload by team for the teams the user may see, the busiest first is left to the page."""
    teams = case_holding_teams(team_ids=caseload_team_ids_visible_to(user=user))
    return team_caseloads(teams=teams, day=day)


def caseload_high_workers(*, day: dt.date) -> list[WorkerCaseload]:
    """CASELOAD_HIGH for the whole council on `day` (timescales.md: a worker holds more children
    than their team's threshold): a worker-level flag, for the drift report."""
    teams = case_holding_teams(team_ids=None)
    return [
        worker
        for team in team_caseloads(teams=teams, day=day)
        for worker in team.workers
        if worker.over_threshold
    ]
