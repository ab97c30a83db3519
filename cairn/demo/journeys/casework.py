"""What happens inside an episode: assessments (with identity, views, factors and their workflow
history), CIN plans (versions, outcomes and ratings, actions, contingency and the family network
considered), CIN reviews (participation, attendance), visits, case notes and significant events.
"""

import datetime as dt
from dataclasses import dataclass, field

from cairn.accounts.models import Team, User
from cairn.casework.models import (
    CaseNote,
    CaseNoteAppendment,
    Visit,
)
from cairn.demo.journeys import texts as t
from cairn.demo.journeys.assessing import AssessmentWork
from cairn.demo.journeys.base import ChildCase, age_on, at, days
from cairn.demo.journeys.calendar import WorkingDayTable
from cairn.demo.journeys.planning import PlanWork
from cairn.demo.journeys.rows import Ids, JourneyRows
from cairn.frontdoor.models import Episode

CIN_VISIT_WD = 20  # CIN_VISIT_DUE default


@dataclass
class Periods:
    """Who held the case from when: [(from, team, worker)], in date order."""

    spans: list[tuple[dt.date, Team, User | None]] = field(default_factory=list)

    def holder(self, day: dt.date) -> tuple[Team, User | None]:
        team, worker = self.spans[0][1], self.spans[0][2]
        for start, span_team, span_worker in self.spans:
            if start <= day:
                team, worker = span_team, span_worker
        return team, worker


class Casework(AssessmentWork, PlanWork):
    """Makes the casework rows for one episode at a time into `rows`."""

    def __init__(self, *, rng, cal: WorkingDayTable, staff, as_of: dt.date, ids: Ids):
        self.rng = rng
        self.cal = cal
        self.staff = staff
        self.as_of = as_of
        self.rec = ids.rec
        self.rows: JourneyRows = JourneyRows()

    # Visits and notes -------------------------------------------------------------------------

    def visits(
        self,
        case: ChildCase,
        episode: Episode,
        periods: Periods,
        *,
        kind: str,
        start: dt.date,
        end: dt.date,
        gap: tuple[int, int],
        due_today: bool = False,
    ) -> None:
        """Visits every `gap` working days from `start` to `end`; `due_today` puts the last
        visit where the child was seen exactly CIN_VISIT_WD working days before the as-of date."""
        rng = self.rng
        last_allowed = end
        if due_today:
            last_allowed = self.cal.add(self.as_of, -CIN_VISIT_WD)
        day = self.cal.add(start, rng.randint(1, 5))
        visited = []
        while day <= last_allowed:
            visited.append(day)
            day = self.cal.add(day, rng.randint(*gap))
        if due_today and start <= last_allowed:
            visited = [d for d in visited if d < last_allowed - days(7)] + [last_allowed]
        for i, day in enumerate(visited):
            seen = (due_today and i == len(visited) - 1) or rng.random() < 0.92
            self._visit(case, episode, periods, kind, day, seen)

    def _visit(self, case, episode, periods, kind, day, seen) -> None:
        rng = self.rng
        team, worker = periods.holder(day)
        age = age_on(case.child, day)
        seen = seen and age is not None
        talks = seen and age is not None and age >= 4
        names = {"name": case.name}
        self.rows.visits.append(
            self.rec(
                Visit,
                child=case.child,
                episode=episode,
                kind=kind,
                visited_on=day,
                child_seen=seen,
                seen_alone=talks and rng.random() < 0.6,
                bedroom_seen=seen and rng.random() < 0.5,
                location=rng.choice(t.VISIT_LOCATIONS),
                present="Mother" if rng.random() < 0.7 else "Mother and her partner",
                wishes_and_feelings=t.pick(rng, t.VIEW_CHILD) if talks else "",
                direct_work=rng.choice(t.DIRECT_WORK) if talks else "",
                observations=t.pick(rng, t.OBSERVATIONS, **names),
                analysis=t.pick(rng, t.VISIT_ANALYSIS),
                worker=worker or self.staff.worker(rng, team),
            )
        )

    def notes(self, case: ChildCase, periods: Periods, start: dt.date, end: dt.date) -> None:
        """About two case notes a month; recent ones on open cases may still be drafts."""
        rng = self.rng
        span = max(0, (end - start).days)
        count = 1 + int(span / 30 * 2 * rng.uniform(0.6, 1.4))
        for _ in range(count):
            day = start + days(rng.randint(0, span))
            team, worker = periods.holder(day)
            subject, text = rng.choice(t.NOTE_SUBJECTS)
            draft = day > self.as_of - days(14) and rng.random() < 0.3
            finalised = min(self.as_of, day + days(rng.randint(0, 2)))
            note = self.rec(
                CaseNote,
                child=case.child,
                occurred_on=day,
                subject=subject,
                text=text.format(name=case.name),
                is_significant=rng.random() < 0.08,
                status="draft" if draft else "final",
                finalised_at=None if draft else at(finalised, 17),
                finalised_by=None if draft else (worker or self.staff.manager(team)),
            )
            self.rows.notes.append(note)
            if not draft and rng.random() < 0.05:
                self.rows.appendments.append(
                    self.rec(
                        CaseNoteAppendment,
                        note=note,
                        text="Added: mother confirmed this account at the next visit.",
                    )
                )
