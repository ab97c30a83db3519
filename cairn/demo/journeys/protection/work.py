"""Protection: makes the child protection rows of the seeded journeys (see the package)."""

import datetime as dt
from collections import Counter

from cairn.accounts.roles import Role
from cairn.casework.models import MeetingKind, Plan, PlanKind, PlanStatus, VisitKind
from cairn.demo.context import SeedContext
from cairn.demo.journeys import rates
from cairn.demo.journeys.base import DAY, ChildCase, add_months, days
from cairn.demo.journeys.planning import PlanFlavour
from cairn.demo.journeys.protection import texts as t
from cairn.demo.journeys.protection.meetings import MeetingRows
from cairn.demo.journeys.protection.oversight import ALERT_RESPONSE_WD, OversightRows
from cairn.demo.journeys.protection.scenarios import CP_SCENARIOS, CPScenarios
from cairn.demo.journeys.protection.schedule import (
    CP_VISIT_WD,
    CPRun,
    Scheduler,
)
from cairn.demo.journeys.rows import JourneyRows
from cairn.demo.journeys.texts import pick
from cairn.protection.models import CoreGroupMember, CPCategory, S47Enquiry


class Protection(MeetingRows, OversightRows):
    """Strategy discussions, S47 enquiries, conferences, CP plans, core groups, midpoint reviews
    and practice alerts, into the casework's current `rows`. Draws from its own random stream,
    so the rest of the journey draws as it did before."""

    def __init__(self, ctx: SeedContext, *, cal, staff, casework, ids):
        self.rng = ctx.rng_for("protection")
        self.as_of = ctx.as_of
        self.cal = cal
        self.staff = staff
        self.casework = casework
        self.rec = ids.rec
        self.schedule = Scheduler(rng=self.rng, cal=cal, as_of=ctx.as_of)
        self.scenarios = CPScenarios(ctx.as_of)
        council = ctx.council
        self.chairs = [u for u in council.staff if u.role == Role.CP_CHAIR]
        self.demo_chair = council.demo.get(Role.CP_CHAIR)
        self.demo_worker = council.demo.get(Role.SOCIAL_WORKER)
        self.chairs_of: dict[str, object] = {}  # LA child id -> the child's conference chair
        self.last_plan_end: dict[str, dt.date] = {}  # LA child id -> their last CP plan's end
        self.open_runs: dict[str, CPRun] = {}  # LA child id -> an open case's enquiry
        self.chains: dict[int, list] = {}
        self.stats: Counter[str] = Counter()

    @property
    def rows(self) -> JourneyRows:
        return self.casework.rows

    # What the journey asks -------------------------------------------------------------------

    def goes_back_to_protection(self, case: ChildCase, referral: dt.date) -> bool:
        """Whether a past referral goes to a strategy discussion because the child's last CP
        plan ended within 24 months, or because the open case now is a CP plan starting within
        24 months of this one (so the repeat-plan share lands near the national one)."""
        key = case.child.la_child_id
        ended = self.last_plan_end.get(key)
        if ended is not None and add_months(ended, rates.REPEAT_MONTHS) >= referral:
            return self.rng.random() < rates.REPEAT_AFTER_PLAN
        upcoming = self.open_runs.get(key)
        if upcoming is not None and upcoming.icpc_on is not None:
            if add_months(referral, rates.REPEAT_MONTHS - 8) >= upcoming.icpc_on:
                return self.rng.random() < rates.REPEAT_BEFORE_OPEN
        return False

    def open_case(self, case: ChildCase, start: dt.date, span: int) -> CPRun:
        """The dates of an open protection case: a scenario's, or drawn. The referral is placed
        `span` working days (the assessment) before the strategy discussion."""
        scenario = self.scenarios.take(case, start)
        strategy, icpc = self.schedule.open_dates(scenario)
        transfer = "transfer_in" in scenario or (
            icpc is not None and not scenario and self.rng.random() < rates.TRANSFER_IN
        )
        anchor = icpc if transfer else strategy
        run = CPRun(
            anchor=anchor,
            strategy_on=None if transfer else strategy,
            s47_end=None if transfer or icpc is None else max(strategy, self.cal.add(icpc, -1)),
            icpc_on=icpc,
            outcome="cp_plan" if icpc else "under_way",
            transfer_in=transfer,
            scenario=scenario,
        )
        first = run
        repeat = "repeat" in scenario or (not scenario and self.rng.random() < rates.REPEAT_OPEN)
        if icpc is not None and not transfer and repeat:
            first = self.schedule.before(run)
            if self.cal.add(first.anchor, -span) < start:
                first = run  # no room for an earlier plan
        referral = self.cal.add(first.anchor, -span)
        if referral < start:  # not known that long: the journey starts later
            referral = self.schedule.working(start)
            anchor = min(self.cal.add(referral, span), self.cal.add(self.schedule.today, -1))
            anchor = max(anchor, referral)
            strategy, icpc = anchor, None
            gap = self.schedule.icpc_gap()
            if transfer:
                icpc = anchor
            elif self.cal.add(anchor, gap) < self.as_of:
                icpc = self.cal.add(anchor, gap)
            run.anchor, run.icpc_on = anchor, icpc
            run.strategy_on = None if transfer else strategy
            run.s47_end = None
            if not transfer and icpc is not None:
                run.s47_end = max(strategy, self.cal.add(icpc, -1))
            run.outcome = "cp_plan" if icpc else "under_way"
        first.referral = referral
        self.open_runs[case.child.la_child_id] = first
        return first

    def open_run(self, case: ChildCase, authorised: dt.date) -> CPRun:
        """The open case's (first) run, its strategy discussion on the day the assessment that
        asked for it was authorised."""
        run = self.open_runs.pop(case.child.la_child_id)
        if run.strategy_on is not None:
            run.strategy_on = run.anchor = authorised
            if run.icpc_on is not None:
                run.icpc_on = max(run.icpc_on, authorised)
                run.s47_end = max(authorised, self.cal.add(run.icpc_on, -1))
            elif self.cal.add(authorised, 8) <= self.as_of:
                run.s47_end = self.cal.add(authorised, self.rng.randint(5, 8))
        return run

    # Rows -------------------------------------------------------------------------------------

    def write(self, case, episode, periods, team, run: CPRun, *, carried_from=None):
        """Every row of the run; returns the CP plan, if the ICPC made one."""
        enquiry = None
        if run.strategy_on is not None:
            enquiry = self._enquiry(case, episode, periods, team, run)
        if run.icpc_on is None:
            return None
        self.stats["icpc"] += 1
        self.stats["icpc_transfer_in"] += run.transfer_in
        if run.strategy_on is not None:
            self.stats["icpc_after_s47"] += 1
            self.stats["icpc_in_time"] += run.icpc_on <= self.cal.add(run.strategy_on, 15)
        chair = self._chair(case)
        worker = periods.holder(run.icpc_on)[1]
        pre_birth = case.child.date_of_birth is None or case.child.date_of_birth > run.icpc_on
        self.stats["pre_birth"] += pre_birth
        detail = {"s47": enquiry, "transfer_in": run.transfer_in, "pre_birth": pre_birth}
        if run.outcome == "no_plan":
            self.conference(
                case,
                MeetingKind.ICPC,
                run.icpc_on,
                chair=chair,
                worker=worker,
                plan=None,
                detail={**detail, "outcome": "no_plan"},
            )
            self.stats["icpc_no_plan"] += 1
            return None
        return self._plan(case, episode, periods, team, run, chair, detail, carried_from)

    def _enquiry(self, case, episode, periods, team, run: CPRun) -> S47Enquiry:
        rng = self.rng
        day = run.strategy_on
        worker = periods.holder(day)[1]
        decision = rates.STRATEGY_DECISION.draw(rng)
        meeting = self.strategy_discussion(case, day, team, worker, decision=decision)
        ended = run.s47_end
        s47 = self.rec(
            S47Enquiry,
            child=case.child,
            episode=episode,
            strategy_discussion=meeting,
            started_on=day,
            lead_worker=worker or self.staff.manager(team),
            child_seen_on=self._seen(case, day),
            findings=pick(rng, t.FINDINGS, name=case.name) if ended else "",
            outcome="substantiated" if ended else "",
            icpc_needed=True if ended else None,  # a conference is needed (held or to come)
            ended_on=ended,
        )
        if run.outcome == "not_needed":
            s47.icpc_needed = False
            s47.outcome = "not_substantiated" if rng.random() < 0.7 else "substantiated"
            s47.icpc_not_needed_reason = pick(rng, t.NOT_NEEDED_REASONS, name=case.name)
            self.stats["s47_not_needed"] += 1
        self.rows.s47s.append(s47)
        self.stats["strategy"] += 1
        self.stats["s47"] += 1
        return s47

    def _seen(self, case, day: dt.date) -> dt.date | None:
        if case.child.date_of_birth is None or case.child.date_of_birth > day:
            return None
        return min(self.as_of, day + days(self.rng.choice((0, 0, 1))))

    def _chair(self, case):
        """The child's conferences keep one chair; the demo chair chairs the demo social
        worker's children."""
        key = case.child.la_child_id
        if key not in self.chairs_of:
            slot = case.slot
            if slot is not None and slot.worker is self.demo_worker and self.demo_chair:
                self.chairs_of[key] = self.demo_chair
            else:
                self.chairs_of[key] = self.rng.choice(self.chairs)
        return self.chairs_of[key]

    def _plan(self, case, episode, periods, team, run, chair, detail, carried_from) -> Plan:
        rng = self.rng
        icpc = run.icpc_on
        manager = self.staff.manager(team)
        category = rates.CP_CATEGORY.draw(rng)
        plan = self.rec(
            Plan,
            child=case.child,
            episode=episode,
            kind=PlanKind.CP,
            status=PlanStatus.ENDED if run.plan_end else PlanStatus.ACTIVE,
            started_on=icpc,
            ended_on=run.plan_end,
            end_reason=t.PLAN_END_REASONS.get(run.ending, ""),
            carried_from=carried_from,
        )
        self.rows.plans.append(plan)
        meeting = self.conference(
            case,
            MeetingKind.ICPC,
            icpc,
            chair=chair,
            worker=periods.holder(icpc)[1],
            plan=plan,
            detail={**detail, "outcome": "cp_plan", "category": category},
        )
        self._count_plan(case, run, category)
        version = self.casework._version(plan, 1, icpc, meeting, icpc, manager)
        outcomes = self.casework._content(version, case, icpc, None, PlanFlavour())
        self.rows.categories.append(
            self.rec(CPCategory, plan=plan, category=category, from_on=icpc, meeting=meeting)
        )
        self._core_group_members(case, plan, periods, icpc, run.plan_end)
        stop = run.plan_end or self.as_of + DAY
        reviews = run.reviews if run.plan_end else self.schedule.open_reviews(icpc, run.scenario)
        self._reviews(case, plan, team, periods, chair, version, outcomes, category, run, reviews)
        for day in self.schedule.core_groups(icpc, stop, run.scenario):
            worker = periods.holder(day)[1]
            self.core_group(case, day, plan=plan, worker=worker, manager=manager)
            self.stats["core_groups"] += 1
        midpoints = self.schedule.midpoints([icpc, *reviews], stop, run.scenario)
        self.midpoint_reviews(case, plan, chair, team, midpoints, run.plan_end)
        self.other_alert(case, plan, chair, team, icpc, run.plan_end)
        self._scenario_alerts(case, plan, chair, team, run.scenario)
        return plan

    def _count_plan(self, case, run: CPRun, category: str) -> None:
        key = case.child.la_child_id
        self.stats["plans"] += 1
        self.stats[f"category_{category}"] += 1
        previous = self.last_plan_end.get(key)
        if previous is not None:
            self.stats["plans_second"] += 1
            self.stats["plans_repeat"] += add_months(previous, rates.REPEAT_MONTHS) >= run.icpc_on
        if run.plan_end is None:
            self.stats["plans_open"] += 1
        else:
            self.last_plan_end[key] = run.plan_end
            months = (run.plan_end - run.icpc_on).days / 30.44
            band = next(
                b
                for b, top in (("<3m", 3), ("3-6m", 6), ("6-12m", 12), ("1-2y", 24), ("2y+", 999))
                if months < top
            )
            self.stats[f"length_{band}"] += 1
            self.stats["plans_ended"] += 1

    def _core_group_members(self, case, plan, periods, start, end) -> None:
        rng = self.rng
        worker = periods.holder(start)[1]
        members = [
            {"person": a.person}
            for a in case.adults
            if a.role in ("mother", "father", "step_parent") and a.at_home
        ]
        if worker is not None:
            members.append(
                {
                    "name": f"{worker.first_name} {worker.last_name}",
                    "agency": t.CSC,
                    "role": "Lead social worker",
                }
            )
        for role, agency, _, _ in self._agencies(case, start)[: rng.randint(2, 3)]:
            members.append({"name": role, "agency": agency, "role": role})
        for member in members:
            self.rows.core_group_members.append(
                self.rec(CoreGroupMember, plan=plan, joined_on=start, left_on=end, **member)
            )

    def _reviews(self, case, plan, team, periods, chair, version, outcomes, category, run, held):
        """Review conferences: each continues the plan with a new version, or (the last of a
        past plan) ends it; some change the latest category."""
        rng = self.rng
        manager = self.staff.manager(team)
        for number, day in enumerate(held, start=2):
            ends = run.plan_end is not None and day == run.plan_end
            outcome = run.ending if ends else "continue"
            answer = rates.MAKING_DIFFERENCE.draw(rng)
            detail = {"s47": None, "outcome": outcome}
            if not ends and rng.random() < rates.CATEGORY_CHANGE:
                category = rng.choice(
                    [c for c in ("NEG", "EMO", "PHY", "SAB", "MUL") if c != category]
                )
                detail["category"] = category
                self.stats["category_changes"] += 1
            meeting = self.conference(
                case,
                MeetingKind.RCPC,
                day,
                chair=chair,
                worker=periods.holder(day)[1],
                plan=plan,
                detail=detail,
            )
            meeting.making_difference = answer
            if answer != "yes":
                meeting.what_changes = rng.choice(t.WHAT_CHANGES)
            self.stats["rcpc"] += 1
            self.casework._ratings(outcomes, meeting, day, answer)
            if "category" in detail:
                self.rows.categories.append(
                    self.rec(CPCategory, plan=plan, category=category, from_on=day, meeting=meeting)
                )
            if ends:
                break
            approve = self.cal.add(day, rng.randint(0, 2))
            version = self.casework._version(
                plan, number, day, meeting, approve if approve <= self.as_of else None, manager
            )
            outcomes = self.casework._content(version, case, day, outcomes, PlanFlavour())

    def _scenario_alerts(self, case, plan, chair, team, scenario) -> None:
        today = self.schedule.today
        if "alert_overdue" in scenario:
            # Unanswered by the team manager and the service manager, now overdue with the
            # head of service (each stage moved up the working day after its response was due),
            # so the council shows an alert at every stage on purpose.
            waiting = self.rng.randint(7, 12)  # working days with the head of service
            escalations = 2 * (ALERT_RESPONSE_WD + 1)
            raised = self.cal.add(today, -(waiting + escalations))
            self.practice_alert(
                case, plan, chair, team, raised, None, "drift", hold=True, hold_at=3
            )
        if "alert_due_today" in scenario:
            raised = self.cal.add(self.as_of, -5)
            self.practice_alert(case, plan, chair, team, raised, None, "visits_missed", hold=True)

    # Visits -----------------------------------------------------------------------------------

    def open_visits(self, case, episode, periods, run: CPRun) -> None:
        """CP visits since the ICPC; the scenarios stop them where a visit falls due today
        (the last where the child was seen 10 WD before) or is overdue (then a visit where the
        family were not in)."""
        scenario = run.scenario
        today = self.schedule.today
        end = self.as_of
        if "visit_overdue" in scenario:
            end = self.cal.add(today, -self.rng.randint(12, 18))
        elif "visit_due_today" in scenario:
            end = self.cal.add(self.as_of, -CP_VISIT_WD) - DAY
        if end > run.icpc_on:
            self.casework.visits(
                case,
                episode,
                periods,
                kind=VisitKind.CP,
                start=run.icpc_on,
                end=end,
                gap=rates.CP_VISIT_GAP,
            )
        if "visit_due_today" in scenario:
            due_from = self.cal.add(self.as_of, -CP_VISIT_WD)
            if due_from > run.icpc_on:
                self.casework._visit(case, episode, periods, VisitKind.CP, due_from, True)
        if "visit_overdue" in scenario:
            missed = self.cal.add(today, -self.rng.randint(2, 5))
            self.casework._visit(case, episode, periods, VisitKind.CP, missed, False)

    # S47 enquiries that end without a conference ----------------------------------------------

    def enquiry_only(
        self, case, episode, team, worker, start: dt.date, end: dt.date, path
    ) -> bool | None:
        """Now and then an assessment includes a strategy discussion: no S47, or a S47 that
        ends "ICPC not required" (S47 -> ICPC is ~31% nationally)."""
        rng = self.rng
        if rng.random() >= rates.S47_WITHOUT_CONFERENCE[path] or end < start:
            return
        day = self.schedule.working(start + days(rng.randint(0, max(0, (end - start).days))))
        if day > min(end, self.as_of):
            return
        if rng.random() < rates.STRATEGY_NFA:
            self.strategy_discussion(
                case, day, team, worker, decision="nfa", note=rng.choice(t.STRATEGY_NFA_NOTES)
            )
            self.stats["strategy"] += 1
            self.stats["strategy_nfa"] += 1
            return
        s47_end = self.schedule.s47_end(day, self.as_of)
        if s47_end > end and end < self.as_of:
            s47_end = max(day, end)
        run = CPRun(day, day, s47_end, None, "not_needed")
        if end >= self.as_of and self.cal.add(day, 12) > self.as_of and rng.random() < 0.5:
            run.s47_end, run.outcome = None, "under_way"  # still going on the as-of date
        self._enquiry(case, episode, _Held(team, worker), team, run)
        return True  # a S47 was made: the episode cannot close RC8/RC9 (census rule 2990)

    # Summary ----------------------------------------------------------------------------------

    def summary(self) -> str:
        s = self.stats
        s47 = max(1, s["s47"])
        timed = max(1, s["icpc_after_s47"])
        plans = max(1, s["plans"])
        ended = max(1, s["plans_ended"])
        categories = ", ".join(
            f"{c} {s[f'category_{c}'] / plans:.0%}" for c in ("NEG", "EMO", "PHY", "SAB", "MUL")
        )
        lengths = ", ".join(
            f"{b} {s[f'length_{b}'] / ended:.0%}" for b in ("<3m", "3-6m", "6-12m", "1-2y", "2y+")
        )
        return (
            f"Protection: {s['strategy']:,} strategy discussions, {s['s47']:,} S47 enquiries "
            f"({s['icpc_after_s47'] / s47:.0%} to an ICPC), {s['icpc']:,} ICPCs "
            f"({s['icpc_in_time'] / timed:.1%} within 15 WD, {s['icpc_transfer_in']} transfers "
            f"in, {s['pre_birth']} pre-birth), {s['plans']:,} CP plans "
            f"({s['plans_open']:,} open; {s['plans_repeat'] / plans:.1%} repeat within 24 "
            f"months, {s['plans_second'] / plans:.1%} second or later; {categories}; ended "
            f"after {lengths}), {s['midpoint_reviews']:,} midpoint reviews, "
            f"{s['practice_alerts']:,} practice alerts ({s['alerts_open']} open); "
            f"{len(self.scenarios.given)} of {len(CP_SCENARIOS)} deliberate cases"
        )


class _Held:
    """Periods for an enquiry inside an assessment: the assessing worker holds it."""

    def __init__(self, team, worker):
        self.team, self.worker = team, worker

    def holder(self, day: dt.date):
        return self.team, self.worker
