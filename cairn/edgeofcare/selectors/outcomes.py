"""Outcomes of edge-of-care interventions: at the end (as recorded) and 6 and 12 months after
the end (read from the child's looked-after periods), and the service report.

The rule (ADR 0018): a child *remained at home at N months* when the outcome recorded at the end
of the intervention was "remained at home" and no looked-after period of theirs overlaps the
days from the end to N calendar months after it. The N-month figure is known only once that
date has passed (on or before the as-of date); until then the intervention is not counted in
that column's denominator. Cohorts are by the date of referral: the financial year (April to
March, as the CIN census and SSDA903 years run) or its quarter. Teams are the referring team.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from cairn.core.dates import add_months
from cairn.edgeofcare.models import Intervention, InterventionOutcome
from cairn.edgeofcare.selectors.records import looked_after_periods_for

FOLLOW_UP_MONTHS = (6, 12)
Periods = list[tuple[dt.date, dt.date | None]]


def at_home_after(
    *, outcome: str, ended_on: dt.date | None, months: int, periods: Periods, today: dt.date
) -> bool | None:
    """Whether the child remained at home `months` after the intervention ended; None while the
    intervention is open or that date is still to come."""
    if ended_on is None:
        return None
    follow_up = add_months(ended_on, months)
    if follow_up > today:
        return None
    if outcome != InterventionOutcome.REMAINED_AT_HOME:
        return False
    return not any(
        started <= follow_up and (ceased is None or ceased >= ended_on)
        for started, ceased in periods
    )


def cohort_of(day: dt.date, *, by: str) -> tuple[tuple[int, int], str]:
    """(sort key, label) of the financial year or quarter `day` falls in."""
    year = day.year if day.month >= 4 else day.year - 1
    if by == "year":
        return (year, 0), f"{year} to {year + 1}"
    quarter = (day.month - 4) % 12 // 3
    first = 4 + 3 * quarter
    months = [dt.date(2000, (first - 1 + i) % 12 + 1, 1).strftime("%B") for i in (0, 2)]
    return (year, quarter + 1), f"{months[0]} to {months[1]} {year + (first > 12)}"


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass
class Figures:
    """Children supported and how many remained at home, at the end and after 6 and 12 months
    (each with its own denominator: the interventions whose figure is known)."""

    children: set[int] = field(default_factory=set)
    ended: int = 0
    at_home_end: int = 0
    due: dict[int, int] = field(default_factory=lambda: dict.fromkeys(FOLLOW_UP_MONTHS, 0))
    at_home: dict[int, int] = field(default_factory=lambda: dict.fromkeys(FOLLOW_UP_MONTHS, 0))

    @property
    def supported(self) -> int:
        return len(self.children)

    @property
    def share_end(self) -> int | None:
        return _share(self.at_home_end, self.ended)

    def share_after(self, months: int) -> int | None:
        return _share(self.at_home[months], self.due[months])

    def add(self, *, child_id: int, outcome: str, ended_on, periods: Periods, today) -> None:
        self.children.add(child_id)
        if ended_on is None:
            return
        self.ended += 1
        self.at_home_end += outcome == InterventionOutcome.REMAINED_AT_HOME
        for months in FOLLOW_UP_MONTHS:
            home = at_home_after(
                outcome=outcome, ended_on=ended_on, months=months, periods=periods, today=today
            )
            if home is not None:
                self.due[months] += 1
                self.at_home[months] += home


@dataclass
class CohortFigures:
    label: str
    total: Figures
    teams: list[tuple[str, Figures]]


@dataclass
class ServiceReport:
    today: dt.date
    by: str
    cohorts: list[CohortFigures]
    total: Figures


def service_report(*, today: dt.date, by: str = "year") -> ServiceReport:
    """The edge-of-care service report as of `today`: every intervention started on or before
    it, by cohort (financial year or quarter of referral) and referring team. Two queries (the
    interventions, then their children's looked-after periods); the counting is over those
    rows, so the cost is one pass whatever the number of cohorts and teams."""
    rows = list(
        Intervention.objects.filter(started_on__lte=today)
        .order_by()
        .values_list(
            "referral__child_id",
            "referral__referred_on",
            "referral__team__name",
            "outcome",
            "ended_on",
        )
    )
    periods = looked_after_periods_for(child_ids={r[0] for r in rows})
    total = Figures()
    cohorts: dict[tuple, tuple[str, Figures, dict[str, Figures]]] = {}
    for child_id, referred_on, team, outcome, ended_on in rows:
        if ended_on is not None and ended_on > today:
            outcome, ended_on = "", None  # not ended yet on the as-of date
        key, label = cohort_of(referred_on, by=by)
        _, cohort_total, teams = cohorts.setdefault(key, (label, Figures(), defaultdict(Figures)))
        values = dict(
            child_id=child_id,
            outcome=outcome,
            ended_on=ended_on,
            periods=periods.get(child_id, []),
            today=today,
        )
        for figures in (total, cohort_total, teams[team]):
            figures.add(**values)
    return ServiceReport(
        today=today,
        by=by,
        cohorts=[
            CohortFigures(label=label, total=figures, teams=sorted(teams.items()))
            for _, (label, figures, teams) in sorted(cohorts.items())
        ],
        total=total,
    )
