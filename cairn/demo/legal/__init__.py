"""Seed step: legal and edge-of-care histories (issue 5, item 8), read from the level journeys
the earlier steps wrote and written in bulk (ADR 0011).

From each child's level transitions (set-based: one query for every child who was ever on a
CP plan or looked after), per sibling group (children put on a CP plan the same day by the same
manager):
- every LOOKED_AFTER transition becomes a looked-after period (ceasing at the next transition);
  most that follow a CP plan came through the court: a legal planning meeting, pre-proceedings
  (a PRE_PROCEEDINGS level written between the CP and looked-after transitions, which then
  starts from pre-proceedings), issue on the day the child became looked after (interim care
  order), hearings, extensions and a final order once concluded; the others were accommodated
  under section 20, some after an edge-of-care intervention that ended with "became looked
  after";
- children on a CP plan now: some in pre-proceedings now (lengths around 16 weeks, some past
  the limit), some stepped down to CP, some in care proceedings issued without being looked
  after (some past 26 weeks), some with an edge-of-care intervention (remained at home), some
  with a legal planning meeting that decided to continue the plan;
- children whose CP plan ended without care: some had an edge-of-care intervention then
  (remained at home), so the 6- and 12-month outcomes have history to read.
New levels are only appended after a child's last transition, or inserted before a
LOOKED_AFTER transition whose `from_level` is then updated, so every history still chains.
A legal planning meeting is asked for by the child's latest review conference before it when
there is one (protection journeys), else by a manager.
"""

from collections import defaultdict

from django.utils import timezone

from cairn.accounts.roles import Role, TeamKind
from cairn.casework.models import MeetingKind
from cairn.demo.context import SeedContext
from cairn.demo.journeys.rows import TableWriter
from cairn.demo.legal.base import days, weeks_draw
from cairn.demo.legal.court import CourtRecords
from cairn.demo.legal.edge import EdgeOfCareRecords
from cairn.edgeofcare.models import InterventionOutcome
from cairn.frontdoor.models import Level, LevelTransition
from cairn.legal.models import LegalDecision, LookedAfterPeriod
from cairn.protection.models import ConferenceDetail
from cairn.workforce.models import Allocation

PRACTITIONERS = (Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER)
CEASED_REASONS = ["E13", "E13", "E41", "E45", "E47", "E12", "E17"]


class LegalHistories(CourtRecords, EdgeOfCareRecords):
    """Reads the level journeys, draws each child's legal and edge-of-care history, writes."""

    def __init__(self, ctx: SeedContext):
        super().__init__(ctx)
        self.relabel: list[int] = []  # LOOKED_AFTER transitions that now follow pre-proceedings
        staff = ctx.council.staff if ctx.council else []
        self.eoc_workers = [
            u for u in staff if u.team.kind == TeamKind.EDGE_OF_CARE and u.role in PRACTITIONERS
        ]
        self.eoc_managers = [
            u for u in staff if u.team.kind == TeamKind.EDGE_OF_CARE and u.role == Role.TEAM_MANAGER
        ]
        self.practitioners = defaultdict(list)
        for u in staff:
            if u.role in PRACTITIONERS and u.is_active:
                self.practitioners[u.team_id].append(u)
        self.case_no = 0

    # Reading ---------------------------------------------------------------------------------

    def load(self) -> None:
        ever = LevelTransition.objects.filter(to_level__in=[Level.CP, Level.LOOKED_AFTER]).values(
            "child_id"
        )
        self.transitions = defaultdict(list)
        for row in (
            LevelTransition.objects.filter(child_id__in=ever)
            .order_by("child_id", "occurred_on", "id")
            .values_list("id", "child_id", "occurred_on", "from_level", "to_level", "decided_by_id")
        ):
            self.transitions[row[1]].append(row)
        self.allocations = defaultdict(list)
        for child_id, team_id, worker_id, started, ended in (
            Allocation.objects.filter(child_id__in=ever)
            .order_by("child_id", "started_on")
            .values_list("child_id", "team_id", "worker_id", "started_on", "ended_on")
        ):
            self.allocations[child_id].append((started, ended, team_id, worker_id))
        self.conferences = defaultdict(list)
        for conf_id, child_id, held_at in (
            ConferenceDetail.objects.filter(child_id__in=ever, meeting__kind=MeetingKind.RCPC)
            .order_by("meeting__held_at")
            .values_list("id", "child_id", "meeting__held_at")
        ):
            self.conferences[child_id].append((timezone.localdate(held_at), conf_id))

    def allocation_on(self, child_id, day):
        for started, ended, team_id, worker_id in reversed(self.allocations[child_id]):
            if started <= day and (ended is None or ended >= day):
                return team_id, worker_id
        return None

    # Building --------------------------------------------------------------------------------

    def build(self) -> None:
        groups = defaultdict(list)
        for child_id, rows in self.transitions.items():
            for k, row in enumerate(rows):
                if row[4] == Level.LOOKED_AFTER:
                    self.looked_after(child_id, rows, k)
            last = rows[-1]
            if last[4] == Level.CP and last[2] <= self.as_of - days(30):
                groups[(last[2], last[5])].append(child_id)
            for k, row in enumerate(rows[:-1]):
                nxt = rows[k + 1]
                if row[4] == Level.CP and nxt[4] != Level.LOOKED_AFTER:
                    self.past_cp(child_id, row, nxt)
        for (cp_on, decider), children in sorted(groups.items()):
            self.current_cp(sorted(children), cp_on, decider)

    def looked_after(self, child_id, rows, k) -> None:
        rng = self.rng
        started = rows[k][2]
        ceased = rows[k + 1][2] if k + 1 < len(rows) else None
        before = rows[k - 1] if k > 0 else None
        if ceased is not None and ceased < started:
            return
        court = (
            before is not None
            and before[4] in (Level.CP, Level.CIN)
            and (started - before[2]).days >= 35
            and rng.random() < 0.55
        )
        self.add(
            LookedAfterPeriod,
            child=child_id,
            started_on=started,
            legal_status="C1" if court else "V2",
            ceased_on=ceased,
            reason_ceased=rng.choice(CEASED_REASONS) if ceased else "",
        )
        self.stats["looked_after"] += 1
        if court:
            pp_on = max(before[2] + days(14), started - days(weeks_draw(rng, 17)))
            self.add_level(child_id, pp_on, before[4], Level.PRE_PROCEEDINGS, before[5])
            self.relabel.append(rows[k][0])
            pp = self.pre_proceedings([child_id], pp_on, before[5], end=started, issued=True)
            self.proceedings([child_id], started, pp=pp, looked_after=True)
        elif before is not None and before[4] in (Level.CP, Level.CIN) and rng.random() < 0.4:
            referred = max(before[2] + days(7), started - days(rng.randint(40, 110)))
            if referred < started:
                self.edge_of_care(child_id, referred, started, InterventionOutcome.LOOKED_AFTER)

    def current_cp(self, children, cp_on, decider) -> None:
        """Children on a CP plan now (a sibling group): one legal or edge-of-care path, or none."""
        r = self.rng.random()
        if r < 0.15 or not self.stats["pre_proceedings_past_limit"]:
            self.open_pre_proceedings(children, cp_on, decider)
        elif r < 0.27:
            self.stepped_down(children, cp_on, decider)
        elif r < 0.35 or (
            not self.stats["proceedings_past_26w"] and cp_on <= self.as_of - days(60 * 7)
        ):
            self.issued_at_home(children, cp_on, decider)
        elif r < 0.47:
            for child_id in children:
                referred = cp_on + days(self.rng.randint(7, 60))
                if referred <= self.as_of - days(7):
                    self.edge_of_care(
                        child_id, referred, None, InterventionOutcome.REMAINED_AT_HOME
                    )
        elif r < 0.55:
            held = cp_on + days(self.rng.randint(30, 120))
            if held <= self.as_of:
                self.legal_planning(children, held, decider, LegalDecision.CONTINUE)

    def open_pre_proceedings(self, children, cp_on, decider) -> None:
        """In pre-proceedings now; the first one (deliberately) past the 16-week limit from the
        letter (sent up to two weeks after the decision): PLO_DURATION in every council."""
        length = weeks_draw(self.rng, 14, 0.5)
        if not self.stats["pre_proceedings_past_limit"]:
            length = self.rng.randint(19 * 7, 30 * 7)
        pp_on = max(cp_on + days(14), self.as_of - days(length))
        if pp_on <= self.as_of:
            self.append_levels(children, pp_on, Level.PRE_PROCEEDINGS, decider)
            self.pre_proceedings(children, pp_on, decider, end=None)

    def stepped_down(self, children, cp_on, decider) -> None:
        """Pre-proceedings that stepped down to the CP plan (open now)."""
        pp_on = cp_on + days(self.rng.randint(14, 60))
        step_on = pp_on + days(weeks_draw(self.rng, 18, 0.3))
        if step_on <= self.as_of:
            self.append_levels(children, pp_on, Level.PRE_PROCEEDINGS, decider)
            self.append_levels(children, step_on, Level.CP, decider, pp_on=pp_on)
            self.pre_proceedings(children, pp_on, decider, end=step_on)

    def issued_at_home(self, children, cp_on, decider) -> None:
        """Care proceedings issued after pre-proceedings, the children at home meanwhile. The
        first (from a plan over 60 weeks old) is deliberately past 26 weeks with no extension:
        PROCEEDINGS_26W in every council."""
        pp_on = cp_on + days(self.rng.randint(14, 40))
        issued = pp_on + days(weeks_draw(self.rng, 15, 0.3))
        beyond = not self.stats["proceedings_past_26w"] and cp_on <= self.as_of - days(60 * 7)
        if beyond:
            issued = max(pp_on + days(14), min(issued, self.as_of - days(27 * 7)))
        if issued <= self.as_of - days(7):
            self.append_levels(children, pp_on, Level.PRE_PROCEEDINGS, decider)
            pp = self.pre_proceedings(children, pp_on, decider, end=issued, issued=True)
            self.proceedings(children, issued, pp=pp, looked_after=False, beyond=beyond)

    def past_cp(self, child_id, cp_row, next_row) -> None:
        """A CP plan that ended without care: some had an edge-of-care intervention, some a
        pre-proceedings period that stepped down to the plan before it ended."""
        rng = self.rng
        r = rng.random()
        if r < 0.15:
            referred = cp_row[2] + days(rng.randint(7, 30))
            if referred + days(30) < next_row[2]:
                self.edge_of_care(
                    child_id, referred, next_row[2], InterventionOutcome.REMAINED_AT_HOME
                )
        elif r < 0.23:
            pp_on = cp_row[2] + days(rng.randint(14, 60))
            step_on = pp_on + days(weeks_draw(rng, 16, 0.3))
            if step_on < next_row[2]:
                self.append_levels([child_id], pp_on, Level.PRE_PROCEEDINGS, cp_row[5])
                self.append_levels([child_id], step_on, Level.CP, cp_row[5], pp_on=pp_on)
                self.pre_proceedings([child_id], pp_on, cp_row[5], end=step_on)

    # Levels ----------------------------------------------------------------------------------

    def add_level(self, child_id, day, from_level, to_level, decider, reason=""):
        self.add(
            LevelTransition,
            child=child_id,
            occurred_on=day,
            from_level=from_level,
            to_level=to_level,
            reason=reason or "Pre-proceedings started",
            decided_by=decider,
        )

    def append_levels(self, children, day, level, decider, pp_on=None) -> None:
        for child_id in children:
            from_level = Level.PRE_PROCEEDINGS if pp_on else Level.CP
            reason = "Stepped down from pre-proceedings: enough change" if pp_on else ""
            self.add_level(child_id, day, from_level, level, decider, reason)

    # Writing ---------------------------------------------------------------------------------

    def write(self) -> None:
        for model, rows in self.rows.items():
            TableWriter.for_model(model, self.ctx.actor.pk).write(rows)
            self.ctx.writer.counts[model] += len(rows)
        if self.relabel:
            LevelTransition.objects.filter(pk__in=self.relabel).update(
                from_level=Level.PRE_PROCEEDINGS
            )
        self.ids.reset_sequences()


def build_legal(ctx: SeedContext) -> str:
    histories = LegalHistories(ctx)
    histories.load()
    histories.build()
    histories.write()
    s = histories.stats
    return (
        f"Legal and edge of care: {s['legal_planning']} legal planning meetings, "
        f"{s['pre_proceedings']} pre-proceedings ({s['pre_proceedings_open']} open, "
        f"{s['pre_proceedings_past_limit']} past 16 weeks), {s['proceedings']} care proceedings "
        f"({s['proceedings_concluded']} concluded), {s['looked_after']} looked-after periods, "
        f"{s['edge_of_care']} edge-of-care interventions "
        f"({s['edge_of_care_remained_at_home']} remained at home, "
        f"{s['edge_of_care_looked_after']} became looked after)"
    )
