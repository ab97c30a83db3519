"""Supervision sessions over the history and management oversight on children's records.

Every case-holding practitioner (leavers while in post) is supervised by their manager: formal
case supervision monthly in most teams (a reflective or group session besides, some months), far
less regularly in the disabled children's team (the letter: "supervision and management
oversight are less regular and effective"); newly qualified social workers weekly for their
first 6 weeks, then fortnightly to 6 months (the council's standard). A formal session discusses
the worker's children allocated that day and writes one oversight entry per child discussed
(kind supervision), as the service does. Managers also record decisions when a case is allocated
and authorise closures. Some entries set actions, most done, some still open.
"""

import datetime as dt
import random

from cairn.demo.context import SeedContext
from cairn.demo.distributions import Weighted
from cairn.demo.workforce.roster import DAY, Held, Member, Workforce, write_recs
from cairn.workforce.models import (
    OversightAction,
    OversightActionStatus,
    OversightEntry,
    OversightKind,
    PlanDifference,
    SupervisionKind,
    SupervisionSession,
)

FLUSH_AT = 20_000
EXTRA_KIND = Weighted([(SupervisionKind.REFLECTIVE, 2), (SupervisionKind.GROUP, 1)])
EXTRA_SHARE = 0.2  # of months with a reflective or group session besides the formal one
EXTRA_SHARE_WEAK = 0.05
WEAK_GAP = Weighted([(30, 25), (45, 30), (60, 25), (90, 20)])
DISCUSSED = 0.9  # of a worker's children, in a formal session
DISCUSSED_WEAK = 0.45
DIFFERENCE = Weighted(
    [(PlanDifference.YES, 55), (PlanDifference.PARTLY, 30), (PlanDifference.NO, 10), ("", 5)]
)
DIFFERENCE_WEAK = Weighted([(PlanDifference.YES, 35), (PlanDifference.PARTLY, 15), ("", 50)])
ACTION_SHARE = 0.08
REFLECTIONS = [
    "Discussed progress against the plan; the family are engaging with the parenting work.",
    "Reviewed the last visit: the child was seen alone and their views are recorded.",
    "Risks from domestic abuse remain; the safety plan was revisited with the worker.",
    "School attendance has improved since the last review; the plan is starting to help.",
    "No change since last month. Drift discussed and a clear next step agreed.",
    "The child's lived experience is clearer after direct work; the chronology is up to date.",
    "Parental mental health is the main worry; the adult mental health team is now involved.",
    "The core group is working well; health and school attend and share information.",
]
REFLECTIONS_WEAK = [
    "Case discussed.",
    "Brief update given; no change.",
    "Discussed the family's needs for short breaks.",
]
DECISIONS = [
    "Continue with the current plan; visit within 10 working days.",
    "Hold a professionals meeting before the next review.",
    "Update the assessment before the next review.",
    "Step down to early help at the next review if progress holds.",
    "Seek legal advice on whether pre-proceedings are needed.",
    "Refer to the family group conference service.",
]
CHANGES = [
    "Visits increase to fortnightly until the review.",
    "The plan's outcomes are to be rewritten with the family.",
    "A referral to the domestic abuse service this week.",
    "The worker to see the child alone at school.",
]
ACTIONS = [
    "Book a professionals meeting",
    "Update the chronology",
    "See the child alone and record their views",
    "Send the revised plan to the family",
    "Chase the health assessment",
]
NOTES = [
    "Wellbeing: managing well. Learning: court skills course booked.",
    "Wellbeing: workload feels heavy; two cases to be reallocated.",
    "Wellbeing: good. Reflected on a difficult visit.",
    "Wellbeing: returning from leave; caseload reviewed.",
]


class Oversight:
    def __init__(self, ctx: SeedContext, wf: Workforce, rng: random.Random):
        self.ctx = ctx
        self.wf = wf
        self.rng = rng
        self.sessions: list = []
        self.entries: list = []
        self.actions: list = []
        self.counts = {"sessions": 0, "entries": 0, "actions": 0}

    def build(self) -> dict[str, int]:
        wf = self.wf
        wf.index()
        for m in sorted(wf.members.values(), key=lambda m: m.pk):
            team = wf.teams.get(m.team_id)
            if m.practitioner and team is not None and team.case_holding and m.manager_id:
                self._supervise(m, team.weaker)
            self._flush(final=False)
        self._decisions()
        self._flush(final=True)
        return self.counts

    def _supervise(self, m: Member, weak: bool) -> None:
        rng, wf = self.rng, self.wf
        end = min(m.left_on or wf.as_of, wf.as_of)
        if m.started_on >= wf.history_start:
            day = m.started_on + DAY * rng.randint(2, 10)
        else:
            day = wf.history_start + DAY * rng.randint(0, 30)
        held = wf.by_worker.get(m.pk, [])
        next_start, active = 0, []
        while day <= end:
            while next_start < len(held) and held[next_start].started_on <= day:
                active.append(held[next_start])
                next_start += 1
            active = [h for h in active if h.ended_on is None or h.ended_on > day]
            self._session(m, day, active, weak)
            gap = self._gap(m, day, weak)
            if gap > 20 and rng.random() < (EXTRA_SHARE_WEAK if weak else EXTRA_SHARE):
                extra = day + DAY * (gap // 2)
                if extra <= end:
                    self._session(m, extra, [], weak, kind=EXTRA_KIND.draw(rng))
            day += DAY * gap

    def _gap(self, m: Member, day: dt.date, weak: bool) -> int:
        rng = self.rng
        if m.newly_qualified:
            weeks_in = (day - m.started_on).days // 7
            if weeks_in < 6:
                return 14 if weak else rng.randint(6, 8)
            if weeks_in < 26:
                return rng.randint(21, 35) if weak else rng.randint(13, 15)
        if weak:
            return WEAK_GAP.draw(rng) + rng.randint(-4, 6)
        gap = rng.randint(25, 33)
        return gap + 30 if rng.random() < 0.05 else gap  # a month missed now and then

    def _session(
        self, m: Member, day: dt.date, active: list[Held], weak: bool, kind=SupervisionKind.FORMAL
    ) -> None:
        """A formal session discusses the worker's children; reflective and group ones do not."""
        rng = self.rng
        session = self.wf.ids.rec(
            SupervisionSession,
            worker=m.pk,
            supervisor=m.manager_id,
            held_on=day,
            kind=kind,
            notes=NOTES[rng.randrange(len(NOTES))],
        )
        self.sessions.append(session)
        if kind != SupervisionKind.FORMAL:
            return
        share = DISCUSSED_WEAK if weak else DISCUSSED
        seen = set()
        for h in active:
            if h.child_id in seen or rng.random() >= share:
                continue
            seen.add(h.child_id)
            entry = self._entry(
                h.child_id, m.manager_id, day, OversightKind.SUPERVISION, weak, session=session
            )
            if rng.random() < ACTION_SHARE:
                self._action(entry, m.pk, day)

    def _entry(self, child_id, manager_id, day, kind, weak, session=None):
        rng = self.rng
        difference = (DIFFERENCE_WEAK if weak else DIFFERENCE).draw(rng)
        texts = REFLECTIONS_WEAK if weak else REFLECTIONS
        entry = self.wf.ids.rec(
            OversightEntry,
            child=child_id,
            manager=manager_id,
            recorded_on=day,
            kind=kind,
            reflection=texts[rng.randrange(len(texts))],
            decision=""
            if weak and rng.random() < 0.6
            else DECISIONS[rng.randrange(len(DECISIONS))],
            plan_making_difference=difference,
            what_will_change=(
                CHANGES[rng.randrange(len(CHANGES))]
                if difference in (PlanDifference.PARTLY, PlanDifference.NO)
                else ""
            ),
            supervision_session=session,
        )
        self.entries.append(entry)
        return entry

    def _action(self, entry, owner_id: int, day: dt.date) -> None:
        rng, as_of = self.rng, self.wf.as_of
        due = day + DAY * rng.randint(7, 28)
        done = due < as_of and rng.random() < 0.85
        self.actions.append(
            self.wf.ids.rec(
                OversightAction,
                entry=entry,
                what=ACTIONS[rng.randrange(len(ACTIONS))],
                owner=owner_id,
                due_on=due,
                status=OversightActionStatus.DONE if done else OversightActionStatus.OPEN,
                done_on=min(as_of, day + DAY * rng.randint(1, (due - day).days)) if done else None,
            )
        )

    def _decisions(self) -> None:
        """Allocation decisions when a case is allocated; closures authorised by the manager."""
        rng, wf = self.rng, self.wf
        for h in sorted(wf.held, key=lambda h: h.pk):
            team = wf.teams[h.team_id]
            if team.manager_id is None:
                continue
            weak = team.weaker
            if rng.random() < (0.15 if weak else 0.35):
                entry = self._entry(
                    h.child_id, team.manager_id, h.started_on, OversightKind.DECISION, weak
                )
                entry.reflection = "Allocation discussed: " + entry.reflection
                if rng.random() < ACTION_SHARE * 2:
                    self._action(entry, h.worker_id, h.started_on)
            if h.closes_episode and rng.random() < (0.3 if weak else 0.6):
                entry = self._entry(
                    h.child_id, team.manager_id, h.ended_on, OversightKind.AUTHORISATION, weak
                )
                entry.decision = "Closure authorised: the plan's outcomes are met or the case "
                entry.decision += "steps down to universal services."
            self._flush(final=False)

    def _flush(self, *, final: bool) -> None:
        if not final and len(self.entries) + len(self.sessions) < FLUSH_AT:
            return
        for name, rows in (
            ("sessions", self.sessions),
            ("entries", self.entries),
            ("actions", self.actions),
        ):
            write_recs(self.ctx, rows)
            self.counts[name] += len(rows)
            rows.clear()
