"""When things happen in a child protection enquiry and plan: the dates only, drawn first so
the episode's closure, allocations and levels can follow them; the rows are made afterwards.

Timescales as Working Together 2023 and shared/domain/timescales.md count them: the ICPC within
15 working days of the strategy discussion (the S47 start); the first review conference within
3 months of the ICPC, then at most every 6 months; the first core group within 10 working days
of the ICPC; the chair's midpoint review halfway between a conference and the next review due.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from cairn.demo.journeys import rates
from cairn.demo.journeys.base import DAY, add_months, days
from cairn.demo.journeys.calendar import WorkingDayTable

FIRST_REVIEW_MONTHS = 3
REVIEW_MONTHS = 6
ICPC_WD = 15
CP_VISIT_WD = 10
SHORTEST_PLAN = 20  # days: a plan ends at the earliest at a review brought forward
CIN_TAIL = (60, 270)  # days a CIN plan carried from an ended CP plan runs (est.)


@dataclass
class CPRun:
    """The dates of one child protection enquiry and what it came to.

    `outcome`: cp_plan, no_plan (the ICPC decided none), not_needed (the S47 ended "ICPC not
    required"), under_way (the S47 is still going on the as-of date). `ending` (a past plan):
    end_to_cin, end_to_early_help, end_close. `after` is a no-plan or step-down's CIN plan
    (start, end)."""

    anchor: dt.date  # the strategy discussion, or a transfer-in's conference
    strategy_on: dt.date | None  # None for a transfer-in
    s47_end: dt.date | None
    icpc_on: dt.date | None
    outcome: str
    reviews: list[dt.date] = field(default_factory=list)
    plan_end: dt.date | None = None
    ending: str = ""
    after: tuple[dt.date, dt.date] | None = None
    closed: dt.date | None = None
    transfer_in: bool = False
    scenario: frozenset[str] = frozenset()
    referral: dt.date | None = None  # an open case's referral, placed back from the anchor
    next: "CPRun | None" = None  # the CIN plan after this one stepped up again to protection


class Scheduler:
    def __init__(self, *, rng: random.Random, cal: WorkingDayTable, as_of: dt.date):
        self.rng = rng
        self.cal = cal
        self.as_of = as_of
        self.today = cal.on_or_before(as_of)

    # Small pieces ----------------------------------------------------------------------------

    def working(self, day: dt.date) -> dt.date:
        """The day itself if a working day, else the next one."""
        return day if self.cal.is_working_day(day) else self.cal.add(day, 1)

    def icpc_gap(self) -> int:
        low, high = rates.ICPC_WORKING_DAYS.draw(self.rng)
        return self.rng.randint(low, high)

    def s47_end(self, strategy: dt.date, limit: dt.date) -> dt.date:
        """An S47 that ends without a conference ends within a few working days."""
        return max(strategy, min(limit, self.cal.add(strategy, self.rng.randint(3, 12))))

    def held(self, due: dt.date, after: dt.date) -> dt.date:
        """When a review conference due on `due` is held: mostly on or a little before the due
        date, some late."""
        rng = self.rng
        if rng.random() < rates.REVIEW_LATE:
            held = self.working(due + days(rng.randint(1, 30)))
        else:
            held = self.cal.on_or_before(due - days(rng.randint(0, 15)))
        return max(held, self.working(after + days(14)))

    def reviews(self, icpc: dt.date, stop: dt.date) -> tuple[list[dt.date], dt.date]:
        """Review conferences held before `stop`, and the due date of the next one."""
        held, last, months = [], icpc, FIRST_REVIEW_MONTHS
        while True:
            due = add_months(last, months)
            day = self.held(due, last)
            if day >= stop:
                return held, due
            held.append(day)
            last, months = day, REVIEW_MONTHS

    def plan_length(self, icpc: dt.date) -> dt.date:
        """The day a plan would end, by the national spread of plan lengths."""
        low, high = rates.CP_PLAN_MONTHS.draw(self.rng)
        first = max(icpc + days(SHORTEST_PLAN), add_months(icpc, low))
        last = max(first, add_months(icpc, high) - DAY)
        return first + days(self.rng.randint(0, (last - first).days))

    # Past enquiries ---------------------------------------------------------------------------

    def past(self, anchor: dt.date, until: dt.date, *, step_up: bool = False) -> CPRun:
        """An enquiry from `anchor` (the assessment or review that asked for a strategy
        discussion) whose episode must close by `until`."""
        rng = self.rng
        transfer = not step_up and rng.random() < rates.TRANSFER_IN
        if transfer:
            strategy, icpc = None, self.working(anchor + days(rng.randint(0, 4)))
        else:
            strategy = min(self.working(anchor + days(rng.randint(0, 2))), until)
            icpc = self.cal.add(strategy, self.icpc_gap())
        if (until - icpc).days < 30:  # no time for a conference before the episode closes
            strategy = strategy or anchor
            end = self.s47_end(strategy, until)
            closed = min(until, end + days(rng.randint(0, 5)))
            return CPRun(anchor, strategy, end, None, "not_needed", closed=closed)
        if not transfer and rng.random() < rates.ICPC_NO_PLAN:
            return self._no_plan(anchor, strategy, icpc, until)
        run = CPRun(anchor, strategy, icpc, icpc, "cp_plan", transfer_in=transfer)
        if strategy is not None:
            run.s47_end = max(strategy, self.cal.add(icpc, -rng.randint(1, 3)))
        self._past_plan(run, until)
        return run

    def _no_plan(self, anchor, strategy, icpc, until) -> CPRun:
        """The ICPC decides no plan: a CIN plan follows when there is time, else closure."""
        rng = self.rng
        run = CPRun(anchor, strategy, max(strategy, self.cal.add(icpc, -1)), icpc, "no_plan")
        start = icpc + days(rng.randint(0, 7))
        end = min(start + days(rng.randint(90, 330)), until - days(3))
        if (end - start).days >= 60:
            run.after = (start, end)
            run.closed = min(until, end + days(rng.randint(0, 7)))
        else:
            run.closed = min(until, icpc + days(rng.randint(0, 5)))
        return run

    def _past_plan(self, run: CPRun, until: dt.date) -> None:
        rng = self.rng
        icpc = run.icpc_on
        target = self.plan_length(icpc)
        ending = rates.CP_END.draw(rng)
        # The conference that ends a plan and closes the case closes the episode that day.
        tail = rng.randint(*CIN_TAIL) if ending == "end_to_cin" else 0
        if target + days(tail) > until and ending == "end_to_cin":
            ending, tail = "end_close", 0
        target = min(target, until - days(tail))
        if (target - icpc).days < SHORTEST_PLAN:
            target = min(until, icpc + days(SHORTEST_PLAN))
        held, _ = self.reviews(icpc, target)
        end = self.cal.on_or_before(target)
        if held and ((end - held[-1]).days < 21 or end <= held[-1]):
            end = held.pop()  # the scheduled review ended it
        end = max(end, self.cal.add(icpc, 1))
        run.reviews = [*held, end]
        run.plan_end = end
        run.ending = ending
        if ending == "end_to_cin":
            run.after = (end, min(until - days(1), end + days(tail)))
            run.closed = min(until, run.after[1] + days(rng.randint(0, 7)))
            room = (until - run.after[1]).days
            if room > 150 and rng.random() < rates.REPEAT_IN_EPISODE:
                run.next = self.past(run.after[1], until, step_up=True)
                run.closed = run.next.closed
        else:
            run.closed = end

    # Open cases -------------------------------------------------------------------------------

    def open_dates(self, scenario: frozenset[str]) -> tuple[dt.date | None, dt.date | None]:
        """(strategy discussion, ICPC) for an open case on the as-of date; the ICPC is None
        while the S47 is under way. The scenarios put a deadline exactly on the as-of date or
        past it (see scenarios.py)."""
        rng, cal, today, as_of = self.rng, self.cal, self.today, self.as_of
        if "icpc_overdue" in scenario:
            return cal.add(today, -rng.randint(17, 24)), None
        if "icpc_due_today" in scenario:
            return cal.add(as_of, -ICPC_WD), None
        if not scenario and rng.random() < rates.OPEN_IN_S47:
            return cal.add(today, -rng.randint(0, 12)), None
        icpc = self._scenario_icpc(scenario)
        if icpc is None:
            low, high = rates.OPEN_CP_PLAN_DAYS.draw(rng)
            icpc = cal.on_or_before(as_of - days(rng.randint(low, high)))
        return cal.add(icpc, -self.icpc_gap()), icpc

    def _scenario_icpc(self, scenario: frozenset[str]) -> dt.date | None:
        rng, cal, today, as_of = self.rng, self.cal, self.today, self.as_of
        if "core_group_overdue" in scenario:
            return cal.add(today, -rng.randint(12, 20))
        if "core_group_due_today" in scenario:
            return cal.add(as_of, -10)
        if "review_overdue" in scenario:
            return cal.on_or_before(add_months(as_of - days(rng.randint(8, 30)), -3))
        if scenario & {"review_due_today", "midpoint_due_today"}:
            return self.due_today(scenario)[0]
        if "plan_long_today" in scenario:
            return self.working(_months_before(as_of, 18))  # a later ICPC: due later
        if "plan_long" in scenario:
            return cal.on_or_before(as_of - days(rng.randint(570, 760)))
        return None

    def due_today(self, scenario: frozenset[str]) -> tuple[dt.date, tuple[dt.date, ...]]:
        """(ICPC, review conferences held) for the scenario whose next review
        ("review_due_today") or midpoint review ("midpoint_due_today") falls due on the as-of
        date, every conference on a working day. The last conference is the ICPC when a
        working day fits, else a review conference (due 6 months on, not 3) after an ICPC
        about 3 months before it; when neither fits (both land on weekends or bank holidays),
        the ICPC is the first working day whose deadline is after the as-of date."""
        if "review_due_today" in scenario:
            first = _review_due
            again = _review_due_again
        else:
            first, again = _midpoint_due, _midpoint_due_again
        icpc = self._last_conference(first)
        if icpc is not None:
            return icpc, ()
        review = self._last_conference(again)
        if review is not None:
            return self._icpc_before(review), (review,)
        return self._first_after(first), ()

    def _last_conference(self, deadline) -> dt.date | None:
        """The latest working day before the as-of date whose `deadline` is the as-of date."""
        for back in range(1, 200):
            day = self.as_of - days(back)
            if self.cal.is_working_day(day) and deadline(day) == self.as_of:
                return day
        return None

    def _first_after(self, deadline) -> dt.date:
        """The earliest working day whose `deadline` is after the as-of date."""
        day = self.cal.on_or_before(self.as_of - DAY)
        while deadline(self.cal.on_or_before(day - DAY)) > self.as_of:
            day = self.cal.on_or_before(day - DAY)
        return day

    def _icpc_before(self, review: dt.date) -> dt.date:
        """A working-day ICPC whose first review, due 3 months on, is held on `review`."""
        day = self.working(add_months(review, -FIRST_REVIEW_MONTHS))
        while add_months(day, FIRST_REVIEW_MONTHS) < review:
            day = self.cal.add(day, 1)
        return day

    def before(self, run: CPRun) -> CPRun:
        """A plan earlier in the same episode as an open one, that ended stepping down to a CIN
        plan whose review stepped up again to the open one's strategy discussion."""
        rng, cal = self.rng, self.cal
        cin_end = cal.on_or_before(run.strategy_on - days(rng.randint(0, 2)))
        end = cal.on_or_before(cin_end - days(rng.randint(60, 240)))
        icpc = cal.on_or_before(end - days(rng.randint(90, 365)))
        strategy = cal.add(icpc, -self.icpc_gap())
        held, _ = self.reviews(icpc, end)
        if held and (end - held[-1]).days < 21:
            end = held.pop()
        return CPRun(
            anchor=strategy,
            strategy_on=strategy,
            s47_end=max(strategy, cal.add(icpc, -1)),
            icpc_on=icpc,
            outcome="cp_plan",
            reviews=[*held, end],
            plan_end=end,
            ending="end_to_cin",
            after=(end, cin_end),
            next=run,
        )

    def open_reviews(self, icpc: dt.date, scenario: frozenset[str]) -> list[dt.date]:
        """Review conferences held so far; a scenario's due or overdue review is not held."""
        held, _ = self.reviews(icpc, self.as_of)  # drawn always: the draws stay in step
        if scenario & {"review_due_today", "midpoint_due_today"}:
            planned, reviews = self.due_today(scenario)
            if icpc == planned:  # else the journey moved the ICPC: no deadline today
                return list(reviews)
        if scenario & {"review_overdue", "review_due_today"}:
            return []
        return held

    def core_groups(self, icpc: dt.date, stop: dt.date, scenario=frozenset()) -> list[dt.date]:
        """Core groups from the first (mostly within 10 WD of the ICPC) every 4-6 weeks, before
        `stop`."""
        if scenario & {"core_group_overdue", "core_group_due_today"}:
            return []
        rng = self.rng
        low, high = rates.FIRST_CORE_GROUP.draw(rng)
        day = self.cal.add(icpc, rng.randint(low, high))
        held = []
        while day < stop:
            held.append(day)
            day = self.cal.add(day, rng.randint(*rates.CORE_GROUP_GAP))
        return held

    def midpoints(self, conferences: list[dt.date], stop: dt.date, scenario=frozenset()):
        """(day, conference index) of the chair's midpoint reviews: one halfway between each
        conference and the next review due, for most intervals, before the next conference and
        before `stop` (the plan's end, or the day after the as-of date)."""
        rng = self.rng
        reviews = []
        for i, held in enumerate(conferences):
            due = add_months(held, FIRST_REVIEW_MONTHS if i == 0 else REVIEW_MONTHS)
            halfway = held + days((due - held).days // 2)
            following = conferences[i + 1] if i + 1 < len(conferences) else stop
            last = i + 1 == len(conferences)
            if last and scenario & {"midpoint_overdue", "midpoint_due_today", "review_overdue"}:
                continue
            if rng.random() >= rates.MIDPOINT_SHARE:
                continue
            day = self.cal.on_or_before(halfway - days(rng.randint(0, 8)))
            if day <= held:
                day = self.cal.add(held, 1)
            if day < following and day <= self.as_of:
                reviews.append((day, i))
        return reviews


def _months_before(day: dt.date, months: int) -> dt.date:
    """The date whose deadline `months` calendar months on is `day`; when no date's is (30
    September + 18 months is 30 March), the first whose deadline is after it."""
    guess = add_months(day, -months)
    for candidate in (guess + days(n) for n in range(-3, 5)):
        if add_months(candidate, months) >= day:
            return candidate
    return guess


def _review_due(icpc: dt.date) -> dt.date:
    return add_months(icpc, FIRST_REVIEW_MONTHS)


def _review_due_again(review: dt.date) -> dt.date:
    return add_months(review, REVIEW_MONTHS)


def _midpoint_due(icpc: dt.date) -> dt.date:
    """Halfway from the ICPC to the first review due (as cp_midpoint_due counts it)."""
    return icpc + days((_review_due(icpc) - icpc).days // 2)


def _midpoint_due_again(review: dt.date) -> dt.date:
    """Halfway from a review conference to the next review due."""
    return review + days((_review_due_again(review) - review).days // 2)
