"""The workforce report: for each team and over the last 12 months, headcount, FTE, agency
share, vacancies, turnover, average and weighted caseload and supervision compliance.

Definitions (ADR 0014):
- in post on a day: a staff record started on or before it and not left by it; the team is the
  member's current team (staff records keep no history of team moves);
- headcount: staff in post; FTE: the sum of their FTE; agency share: agency staff / headcount;
- vacancies: the team's established posts on the day (`TeamEstablishment`, the latest row from
  on or before it) minus the FTE in post (negative: more staff than posts);
- turnover: leavers in the 12 months to the day / the average of the headcount at the start
  and the end of those months;
- caseloads and supervision compliance: as the caseload and supervision pages, on the day.

Each day costs a fixed number of queries, whatever the number of teams, staff or children.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from cairn.accounts.models import Team
from cairn.core.dates import add_months
from cairn.core.working_days import WorkingDayCalendar
from cairn.workforce.models import StaffRecord, TeamEstablishment
from cairn.workforce.selectors.caseload import team_caseloads
from cairn.workforce.selectors.supervision import supervision_compliance

REPORT_MONTHS = 12


@dataclass
class WorkforceMeasures:
    headcount: int = 0
    fte: Decimal = Decimal("0")
    agency: int = 0
    posts: Decimal | None = None
    headcount_year_before: int = 0
    leavers: int = 0
    workers: int = 0
    children: int = 0
    weighted: Decimal = Decimal("0")
    supervised_within: int = 0
    supervised_workers: int = 0

    @property
    def agency_share(self) -> float | None:
        return self.agency / self.headcount if self.headcount else None

    @property
    def vacancies(self) -> Decimal | None:
        return None if self.posts is None else self.posts - self.fte

    @property
    def turnover(self) -> float | None:
        average = (self.headcount + self.headcount_year_before) / 2
        return self.leavers / average if average else None

    @property
    def average_caseload(self) -> Decimal | None:
        return Decimal(self.children) / self.workers if self.workers else None

    @property
    def weighted_caseload(self) -> Decimal | None:
        return self.weighted / self.workers if self.workers else None

    @property
    def supervision_compliance(self) -> float | None:
        if not self.supervised_workers:
            return None
        return self.supervised_within / self.supervised_workers

    def add(self, other: "WorkforceMeasures") -> None:
        """Add another team's figures (for the council total)."""
        for name in (
            "headcount",
            "fte",
            "agency",
            "headcount_year_before",
            "leavers",
            "workers",
            "children",
            "weighted",
            "supervised_within",
            "supervised_workers",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.posts is not None:
            self.posts = (self.posts or Decimal("0")) + other.posts


def _in_post(day: dt.date) -> Q:
    return Q(started_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day))


def _staff_by_team(team_ids: list[int], day: dt.date) -> dict[int, dict]:
    year_before = add_months(day, -REPORT_MONTHS)
    rows = (
        StaffRecord.objects.filter(user__team_id__in=team_ids)
        .values("user__team_id")
        .annotate(
            headcount=Count("id", filter=_in_post(day)),
            fte=Sum("user__fte", filter=_in_post(day)),
            agency=Count("id", filter=_in_post(day) & Q(user__is_agency=True)),
            headcount_year_before=Count("id", filter=_in_post(year_before)),
            leavers=Count("id", filter=Q(left_on__gt=year_before, left_on__lte=day)),
        )
        .order_by()
    )
    return {row.pop("user__team_id"): row for row in rows}


def _posts_by_team(team_ids: list[int], day: dt.date) -> dict[int, Decimal]:
    posts: dict[int, Decimal] = {}
    rows = (
        TeamEstablishment.objects.filter(team_id__in=team_ids, from_on__lte=day)
        .order_by("team_id", "from_on", "id")
        .values_list("team_id", "posts_fte")
    )
    for team_id, posts_fte in rows:
        posts[team_id] = posts_fte  # the latest row wins
    return posts


def workforce_measures(
    *, teams: Iterable[Team], day: dt.date, calendar: WorkingDayCalendar
) -> dict[int, WorkforceMeasures]:
    """The measures of each team on `day` (keyed by team id)."""
    teams = list(teams)
    team_ids = [t.pk for t in teams]
    staff = _staff_by_team(team_ids, day)
    posts = _posts_by_team(team_ids, day)
    result = {}
    for team in teams:
        row = staff.get(team.pk, {})
        result[team.pk] = WorkforceMeasures(
            headcount=row.get("headcount", 0),
            fte=row.get("fte") or Decimal("0"),
            agency=row.get("agency", 0),
            headcount_year_before=row.get("headcount_year_before", 0),
            leavers=row.get("leavers", 0),
            posts=posts.get(team.pk),
        )
    for caseload in team_caseloads(teams=teams, day=day):
        measures = result[caseload.team.pk]
        measures.workers = caseload.worker_count
        measures.children = caseload.allocated_children
        measures.weighted = sum((w.weighted for w in caseload.workers), Decimal("0"))
    for supervision in supervision_compliance(teams=teams, day=day, calendar=calendar):
        measures = result[supervision.team.pk]
        measures.supervised_workers = len(supervision.workers)
        measures.supervised_within = supervision.within
    return result


def council_total(measures: Iterable[WorkforceMeasures]) -> WorkforceMeasures:
    total = WorkforceMeasures()
    for row in measures:
        total.add(row)
    return total


def report_days(*, today: dt.date, months: int = REPORT_MONTHS) -> list[dt.date]:
    """The last day of each of the last `months` months, oldest first; the current month's
    point is today."""
    days = []
    for back in range(months - 1, -1, -1):
        first_of_next = add_months(today.replace(day=1), 1 - back)
        days.append(min(first_of_next - dt.timedelta(days=1), today))
    return days


def workforce_over_time(
    *, teams: Iterable[Team], today: dt.date, calendar: WorkingDayCalendar
) -> list[tuple[dt.date, WorkforceMeasures]]:
    """The teams' combined measures at the end of each of the last 12 months."""
    teams = list(teams)
    return [
        (day, council_total(workforce_measures(teams=teams, day=day, calendar=calendar).values()))
        for day in report_days(today=today)
    ]
