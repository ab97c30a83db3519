"""Supervision: when each worker is due to be supervised (`SUPERVISION_DUE`) and how each team
complies with its standard, every team side by side.

The standard (timescales.md, local; ADR 0014): the team's `SupervisionStandard`, else the
council's (the row with no team), else monthly. A newly qualified worker (qualified less than a
year ago, their assessed and supported year in employment) is supervised weekly for the first
`nq_weekly_weeks` weeks from their start in post, then fortnightly until `nq_fortnightly_months`
months from it, then to the team's standard. Next supervision is due the interval after the
last session, or after the start in post for someone never supervised.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from cairn.accounts.models import Team, User
from cairn.accounts.selectors import team_ids_managed_by
from cairn.casework.rules import MANAGERS
from cairn.core.dates import add_months
from cairn.core.working_days import WorkingDayCalendar
from cairn.people.models import Person
from cairn.people.selectors import child_list_allocated_to, child_list_visible_to
from cairn.timescales.catalogue import CATALOGUE, DUE_SOON_WINDOW
from cairn.timescales.engine.base import Status, deadline_status
from cairn.workforce.models import OversightEntry, SupervisionSession, SupervisionStandard
from cairn.workforce.selectors.caseload import case_holding_workers


def _format(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def standards_by_team() -> dict[int | None, SupervisionStandard]:
    """Every standard in force, keyed by team id (None: the council's default). One query."""
    return {s.team_id: s for s in SupervisionStandard.objects.all()}


def standard_for_team(
    team_id: int | None, standards: dict[int | None, SupervisionStandard]
) -> SupervisionStandard:
    """The team's own standard, else the council's, else the model's defaults (monthly)."""
    return standards.get(team_id) or standards.get(None) or SupervisionStandard()


def is_newly_qualified(*, qualified_on: dt.date | None, day: dt.date) -> bool:
    """In the first year after qualifying (the assessed and supported year in employment)."""
    return qualified_on is not None and qualified_on <= day < add_months(qualified_on, 12)


def supervision_next_due(
    *,
    last_held_on: dt.date | None,
    started_on: dt.date,
    qualified_on: dt.date | None,
    standard: SupervisionStandard,
    day: dt.date,
) -> tuple[dt.date, str]:
    """When the next supervision is due, and the part of the standard that sets it."""
    base = last_held_on or started_on
    if is_newly_qualified(qualified_on=qualified_on, day=day):
        weekly_until = started_on + dt.timedelta(weeks=standard.nq_weekly_weeks)
        if base < weekly_until:
            return base + dt.timedelta(weeks=1), (
                f"Newly qualified: weekly for the first {standard.nq_weekly_weeks} weeks"
            )
        if base < add_months(started_on, standard.nq_fortnightly_months):
            return base + dt.timedelta(weeks=2), (
                f"Newly qualified: fortnightly to {standard.nq_fortnightly_months} months"
            )
    months = standard.interval_months
    where = "Team standard" if standard.team_id else "Council standard"
    every = "every month" if months == 1 else f"every {months} months"
    return add_months(base, months), f"{where}: {every}"


@dataclass(frozen=True)
class WorkerSupervision:
    worker: User
    last_held_on: dt.date | None
    due: dt.date
    status: str
    basis: str

    @property
    def within_standard(self) -> bool:
        return self.status != Status.OVERDUE

    @property
    def detail(self) -> str:
        if self.last_held_on:
            return f"Last supervised {_format(self.last_held_on)}"
        return "Not supervised since starting in post"


@dataclass(frozen=True)
class TeamSupervision:
    team: Team
    workers: list[WorkerSupervision]

    @property
    def within(self) -> int:
        return sum(1 for w in self.workers if w.within_standard)

    @property
    def share(self) -> float | None:
        """The share of workers supervised within their standard (None: no workers)."""
        return self.within / len(self.workers) if self.workers else None

    @property
    def overdue(self) -> list[WorkerSupervision]:
        return [w for w in self.workers if not w.within_standard]


def supervision_for_workers(
    workers: QuerySet[User], *, day: dt.date, calendar: WorkingDayCalendar
) -> list[WorkerSupervision]:
    """Each worker's last supervision (on or before `day`) and next due date. Two queries."""
    last = (
        SupervisionSession.objects.filter(worker_id=OuterRef("pk"), held_on__lte=day)
        .order_by("-held_on")
        .values("held_on")[:1]
    )
    rows = workers.select_related("staff_record", "team").annotate(last_held_on=Subquery(last))
    standards = standards_by_team()
    result = []
    for worker in rows:
        record = getattr(worker, "staff_record", None)
        started_on = record.started_on if record else worker.date_joined.date()
        due, basis = supervision_next_due(
            last_held_on=worker.last_held_on,
            started_on=started_on,
            qualified_on=record.qualified_on if record else None,
            standard=standard_for_team(worker.team_id, standards),
            day=day,
        )
        status = deadline_status(
            due=due, as_of=day, calendar=calendar, window=CATALOGUE[DUE_SOON_WINDOW].default
        )
        result.append(
            WorkerSupervision(
                worker=worker,
                last_held_on=worker.last_held_on,
                due=due,
                status=status,
                basis=basis,
            )
        )
    return result


def supervision_compliance(
    *, teams: Iterable[Team], day: dt.date, calendar: WorkingDayCalendar
) -> list[TeamSupervision]:
    """Every team's workers and whether each was supervised within their standard on `day`.
    Three queries, whatever the number of teams or workers."""
    teams = list(teams)
    workers = case_holding_workers(team_ids=[t.pk for t in teams], day=day)
    by_team: dict[int, list[WorkerSupervision]] = {t.pk: [] for t in teams}
    for row in supervision_for_workers(workers, day=day, calendar=calendar):
        by_team[row.worker.team_id].append(row)
    return [TeamSupervision(team=t, workers=by_team[t.pk]) for t in teams]


def supervision_due_workers(
    *, teams: Iterable[Team], day: dt.date, calendar: WorkingDayCalendar
) -> list[WorkerSupervision]:
    """SUPERVISION_DUE (worker-level): workers overdue or due soon on `day`."""
    return [
        worker
        for team in supervision_compliance(teams=teams, day=day, calendar=calendar)
        for worker in team.workers
        if worker.status in (Status.OVERDUE, Status.DUE_SOON)
    ]


# ---------------------------------------------------------------------------------------------
# Recording supervision


def may_supervise(*, supervisor: User, worker: User) -> bool:
    """A worker is supervised by their line manager or a manager of their team (team and
    service managers), never by themselves."""
    if not supervisor.is_authenticated or supervisor.pk == worker.pk:
        return False
    if supervisor.role not in MANAGERS:
        return False
    if worker.manager_id == supervisor.pk:
        return True
    return worker.team_id is not None and worker.team_id in team_ids_managed_by(user=supervisor)


def supervisees_of(*, supervisor: User, day: dt.date) -> QuerySet[User]:
    """Case-holding workers the user may record supervision for."""
    workers = case_holding_workers(team_ids=team_ids_managed_by(user=supervisor), day=day)
    return workers.exclude(pk=supervisor.pk).select_related("team")


def children_to_discuss(*, worker: User, supervisor: User) -> QuerySet[Person]:
    """The worker's current caseload, as far as the supervisor may see it."""
    return child_list_allocated_to(user=worker).filter(
        pk__in=child_list_visible_to(user=supervisor).values("pk")
    )


def supervision_sessions_for_worker(*, worker: User) -> QuerySet[SupervisionSession]:
    return (
        SupervisionSession.objects.filter(worker=worker)
        .select_related("supervisor")
        .prefetch_related("oversight_entries__child")
        .order_by("-held_on", "-id")
    )


def supervision_session_get(*, pk: int) -> SupervisionSession | None:
    """A session with the oversight entries it wrote (and their actions)."""
    entries = (
        OversightEntry.objects.select_related("child", "manager", "supervision_session__worker")
        .prefetch_related("actions__owner")
        .order_by("child__family_name", "child__given_name")
    )
    return (
        SupervisionSession.objects.filter(pk=pk)
        .select_related("worker", "supervisor", "worker__team")
        .prefetch_related(Prefetch("oversight_entries", queryset=entries))
        .first()
    )
