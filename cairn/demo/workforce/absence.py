"""Absence and cover over the last year, with some workers away today.

Past absences: annual leave and training (planned), sickness and emergencies (unplanned), most
with a colleague covering. Today about one practitioner in twenty is away (at least two):
the first (a case holder) is off sick with no cover set (their children show WORKER_ABSENT,
the drift the letter found "should their social worker be unexpectedly away from work"), the
second on leave with a colleague covering; the rest as drawn. Demo accounts are never away today.
"""

import datetime as dt
import random

from cairn.accounts.roles import Role
from cairn.demo.distributions import Weighted
from cairn.demo.workforce.roster import DAY, Member, Workforce
from cairn.workforce.models import Absence, AbsenceKind, Cover

AWAY_TODAY_SHARE = 0.05
PLANNED_REASONS = Weighted(
    [("Annual leave", 80), ("Training course", 12), ("Parental leave", 3), ("Jury service", 5)]
)
UNPLANNED_REASONS = Weighted(
    [("Sickness", 80), ("Family emergency", 10), ("Bereavement", 5), ("Carer's leave", 5)]
)
PLANNED_COVERED = 0.85
UNPLANNED_COVERED = 0.5


class Absences:
    def __init__(self, wf: Workforce, rng: random.Random):
        self.wf = wf
        self.rng = rng
        self.absences: list = []
        self.covers: list = []
        self.away: dict[int, list[tuple[dt.date, dt.date]]] = {}
        self.colleagues: dict[int, list[Member]] = {}
        for m in wf.active():
            if m.practitioner:
                self.colleagues.setdefault(m.team_id, []).append(m)

    def build(self) -> tuple[int, int, int]:
        """Returns (absences, away today, away today with no cover)."""
        wf, rng = self.wf, self.rng
        staff = [m for m in wf.active() if m.practitioner or m.role == Role.TEAM_MANAGER]
        today_pool = [m for m in staff if m.practitioner and m.pk not in wf.demo_pks]
        count = max(2, round(AWAY_TODAY_SHARE * len(today_pool)))
        today = rng.sample(today_pool, min(count, len(today_pool)))
        _case_holder_first(today, today_pool, wf.open_counts())
        uncovered = 0
        for n, m in enumerate(today):
            uncovered += self._today(m, n)
        for m in staff:
            self._past_year(m)
        return len(self.absences), len(today), uncovered

    def _today(self, m: Member, n: int) -> int:
        rng, as_of = self.rng, self.wf.as_of
        planned = n == 1 or (n > 1 and rng.random() < 0.5)
        if planned:
            start = as_of - DAY * rng.randint(0, 6)
            expected = as_of + DAY * rng.randint(1, 9)
            covered = n == 1 or rng.random() < PLANNED_COVERED
        else:
            start = as_of - DAY * rng.randint(0, 20 if n else 4)
            expected = as_of + DAY * rng.randint(2, 14) if rng.random() < 0.7 else None
            covered = n > 1 and rng.random() < UNPLANNED_COVERED
        absence = self._absence(m, planned, start, expected, None)
        if covered:
            covered = self._cover(absence, m, start, expected or as_of + DAY * 7)
        return 0 if covered else 1

    def _past_year(self, m: Member) -> None:
        rng, as_of = self.rng, self.wf.as_of
        earliest = max(m.started_on, as_of - DAY * 365)
        spells = [(True, rng.randint(3, 10)) for _ in range(rng.randint(2, 4))]
        spells += [(False, rng.randint(1, 8)) for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))]
        if rng.random() < 0.04:
            spells.append((False, rng.randint(28, 84)))  # long-term sickness
        for planned, length in spells:
            room = (as_of - DAY * (length + 14) - earliest).days
            if room <= 0:
                continue
            start = earliest + DAY * rng.randint(0, room)
            end = start + DAY * (length - 1)
            if self._clashes(m.pk, start, end):
                continue
            expected = end if planned else (start + DAY * min(length, 5) if length > 1 else None)
            absence = self._absence(m, planned, start, expected, end)
            if rng.random() < (PLANNED_COVERED if planned else UNPLANNED_COVERED):
                self._cover(absence, m, start, end)

    def _clashes(self, pk: int, start: dt.date, end: dt.date) -> bool:
        return any(s <= end and start <= e for s, e in self.away.get(pk, []))

    def _absence(self, m: Member, planned: bool, start, expected, ended):
        rng = self.rng
        reasons = PLANNED_REASONS if planned else UNPLANNED_REASONS
        row = self.wf.ids.rec(
            Absence,
            worker=m.pk,
            kind=AbsenceKind.PLANNED if planned else AbsenceKind.UNPLANNED,
            starts_on=start,
            expected_end_on=expected,
            ended_on=ended,
            reason=reasons.draw(rng),
        )
        self.absences.append(row)
        self.away.setdefault(m.pk, []).append((start, ended or expected or self.wf.as_of))
        return row

    def _cover(self, absence, m: Member, start: dt.date, end: dt.date) -> bool:
        """A colleague in the team who is not away themselves covers the whole absence."""
        colleagues = [
            c
            for c in self.colleagues.get(m.team_id, [])
            if c.pk != m.pk and c.started_on <= start and not self._clashes(c.pk, start, end)
        ]
        if not colleagues:
            return False
        cover = colleagues[self.rng.randrange(len(colleagues))]
        self.covers.append(
            self.wf.ids.rec(
                Cover, absence=absence, cover_worker=cover.pk, starts_on=start, ends_on=end
            )
        )
        return True


def _case_holder_first(today: list[Member], pool: list[Member], open_counts: dict) -> None:
    """The first away today (off sick, no cover) holds open cases, so their children show
    WORKER_ABSENT in every council: the first case holder drawn, else the pool's first."""
    if not today or open_counts.get(today[0].pk):
        return
    holder = next((m for m in today if open_counts.get(m.pk)), None)
    if holder is not None:
        today.remove(holder)
        today.insert(0, holder)
        return
    holder = next((m for m in pool if open_counts.get(m.pk)), None)
    if holder is not None:
        today[0] = holder
