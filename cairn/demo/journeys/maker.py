"""A child's journey through the levels: contacts and threshold decisions, referrals (CIN
episodes) with what happens in them, early help, step-up and step-down, and the allocations.

Past referrals are placed backwards from the open case (or the as-of date), so the gap to the
next referral, and so the re-referral rate, is drawn directly; then everything is made forwards
in date order. Level changes are collected and turned into transitions at the end, each from the
level before it.
"""

import datetime as dt
import math
from collections import Counter

from cairn.accounts.roles import TeamKind
from cairn.core.working_days import council_calendar
from cairn.demo.context import SeedContext
from cairn.demo.journeys import rates
from cairn.demo.journeys import texts as t
from cairn.demo.journeys.base import (
    DAY,
    ChildCase,
    ChildState,
    OpenSpec,
    Staffing,
    add_months,
    at,
    days,
)
from cairn.demo.journeys.calendar import WorkingDayTable
from cairn.demo.journeys.casework import Casework, Periods
from cairn.demo.journeys.current import OpenEpisodes
from cairn.demo.journeys.past import PastEpisodes
from cairn.demo.journeys.protection import Protection
from cairn.demo.journeys.rows import Ids, JourneyRows
from cairn.demo.journeys.scenarios import Scenarios
from cairn.demo.pools import pools_for
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import (
    Contact,
    ContactChild,
    Episode,
    Level,
    LevelTransition,
    ThresholdLevel,
)
from cairn.workforce.models import Allocation

THRESHOLD = {"nfa": 1, "advice": 1, "early_help": 2, "referral": 3, "strategy": 4}


class JourneyMaker(PastEpisodes, OpenEpisodes):
    def __init__(self, ctx: SeedContext):
        self.rng = ctx.rng_for("journeys")
        self.as_of = ctx.as_of
        self.actor_id = ctx.actor.pk
        self.history_start = ctx.as_of - days(round(365.25 * ctx.profile.history_years))
        self.rates = rates.rates_for(ctx.profile)
        self.small = ctx.profile.small_layout
        self.cal = WorkingDayTable(
            council_calendar(), self.history_start - days(800), ctx.as_of + days(400)
        )
        self.staff = Staffing(ctx.council)
        self.ids = Ids(self.actor_id)
        self.rec = self.ids.rec
        self.casework = Casework(
            rng=self.rng, cal=self.cal, staff=self.staff, as_of=ctx.as_of, ids=self.ids
        )
        self.protection = Protection(
            ctx, cal=self.cal, staff=self.staff, casework=self.casework, ids=self.ids
        )
        self.levels = ThresholdLevel.objects.in_bulk(field_name="number")
        self.scenarios = Scenarios(ctx.as_of)
        self.pools = pools_for(ctx.seed)
        self.stats: Counter[str] = Counter()

    @property
    def rows(self) -> JourneyRows:
        return self.casework.rows

    # Households -------------------------------------------------------------------------------

    def household(self, rows: JourneyRows, cases: list[ChildCase]) -> None:
        self.casework.rows = rows
        states = [self._child(case) for case in cases]
        for state in states:
            self._other_contacts(state, states)
            self._transitions(state)

    def _child(self, case: ChildCase) -> ChildState:
        state = ChildState(case=case, start=max(self.history_start, case.earliest))
        spec = self._open_spec(state) if case.slot is not None else None
        if spec is not None:
            table = self.rates.past_referrals_open
            limit = spec.referral - days(self.rng.randint(20, 90))
        else:
            table = self.rates.past_referrals_closed
            limit = self.as_of - days(7)
        for referral, close_by in self._place_past(state, table.draw(self.rng), spec, limit):
            self._past_episode(state, referral, close_by)
        if spec is not None:
            self._open_episode(state, spec)
        self._finish_early_help(state)
        return state

    def _place_past(self, state: ChildState, count: int, spec: OpenSpec | None, limit: dt.date):
        """Past referrals, latest first then reversed: (referral date, must close by)."""
        rng = self.rng
        placed = []
        later = spec.referral if spec else None
        bound = limit
        for _ in range(count):
            if later is not None and rng.random() < self.rates.soon_after:
                referral = later - days(rng.randint(45, 350))
            elif later is not None:
                referral = later - days(rng.randint(370, 1400))
            else:
                referral = bound - days(rng.randint(0, 1000))
            referral = min(referral, bound - days(3))
            if referral < state.start:
                break
            placed.append((referral, bound))
            later = referral
            bound = referral - days(rng.randint(1, 30))
        return list(reversed(placed))

    # Early help -------------------------------------------------------------------------------

    def _early_help(self, state, start, natural_end, *, plan=None):
        """An early help episode from `start`; it ends when the next thing happens."""
        rng = self.rng
        organisation, role = rng.choice(t.EARLY_HELP_LEADS)
        practitioner = f"{self.pools.given_name(rng, 'british', 'F')} "
        practitioner += f"{self.pools.family_name(rng, 'british')} ({role})"
        eh = self.rec(
            EarlyHelpEpisode,
            child=state.case.child,
            started_on=start,
            lead_organisation=organisation,
            lead_practitioner=practitioner,
            reason=rng.choice(t.EARLY_HELP_REASONS),
            plan_summary=t.PLAN_SUMMARIES[1 if plan else 0],
            stepped_down_from=plan,
        )
        self.rows.early_help.append(eh)
        state.open_eh = (eh, natural_end)
        self._level(state, start, Level.EARLY_HELP, "Early help: lead practitioner agreed")
        return eh

    def _end_early_help(self, state: ChildState, before: dt.date | None) -> bool:
        """End the open early help episode before `before` (a referral: stepped up if it was
        still running). True when it was a step-up."""
        if state.open_eh is None:
            return False
        eh, natural_end = state.open_eh
        state.open_eh = None
        if before is not None and natural_end >= before:
            eh.ended_on, eh.end_reason = max(eh.started_on, before), "stepped_up"
            state.early_help.append((eh.started_on, eh.ended_on))
            return True
        if natural_end > self.as_of:
            state.early_help.append((eh.started_on, self.as_of))
            return False  # still open
        eh.ended_on, eh.end_reason = natural_end, rates.EARLY_HELP_END.draw(self.rng)
        state.early_help.append((eh.started_on, eh.ended_on))
        self._level(state, natural_end, Level.CLOSED, "Early help ended")
        return False

    def _finish_early_help(self, state: ChildState) -> None:
        self._end_early_help(state, None)

    def _step_up(self, state: ChildState, referral: dt.date) -> bool:
        """Close any early help at the referral; sometimes the referral is itself a step-up."""
        if self._end_early_help(state, referral):
            return True
        rng = self.rng
        if rng.random() >= self.rates.step_up_share:
            return False
        earliest = max(state.start, state.free_from or state.start)
        if state.early_help:
            earliest = max(earliest, state.early_help[-1][1] + DAY)
        start = max(earliest, referral - days(rng.randint(60, 300)))
        if (referral - start).days < 28:
            return False
        self._contact(state, start, "early_help")
        self._early_help(state, start, referral)
        return self._end_early_help(state, referral)

    # Contacts and referrals -------------------------------------------------------------------

    def _contact(
        self, state, day, step, *, source=None, decided=None, others=(), undecided=False
    ) -> ContactChild:
        rng = self.rng
        source = source or rates.REFERRAL_SOURCE.draw(rng)
        contact = self.rec(
            Contact,
            received_at=at(day, rng.randint(8, 16), rng.choice((0, 15, 30, 45))),
            source=source,
            referrer_name=f"{self.pools.given_name(rng, 'british', 'F')} "
            f"{self.pools.family_name(rng, 'british')}",
            referrer_organisation=_referrer_organisation(source),
            referrer_role="",
            concerns=t.pick(rng, t.CONCERNS, name=state.case.name),
            consent=rates.CONTACT_CONSENT.draw(rng),
            team=rng.choice(self.staff.front_door_teams),
        )
        self.rows.contacts.append(contact)
        decided_on = None if undecided else (decided or self._decision_day(day))
        first = None
        for child_state in (state, *others):
            cc = self._decision(contact, child_state.case.child, step, decided_on)
            first = first or cc
        self.stats["contacts"] += 1
        return first

    def _decision_day(self, day: dt.date) -> dt.date | None:
        roll = self.rng.random()
        if roll < 0.7:
            decided = day
        elif roll < 0.93:
            decided = self.cal.add(day, 1)
        else:
            decided = self.cal.add(day, self.rng.randint(2, 4))  # CONTACT_DECISION_1WD missed
        return min(decided, self.as_of)

    def _decision(self, contact, child, step, decided_on) -> ContactChild:
        rng = self.rng
        cc = self.rec(ContactChild, contact=contact, child=child)
        if decided_on is not None:
            cc.threshold_level = self.levels[THRESHOLD[step]]
            cc.next_step = step
            cc.rationale = rng.choice(t.RATIONALE[step])
            cc.decided_by = rng.choice(self.staff.deciders)
            cc.decided_at = at(decided_on, rng.randint(9, 17))
        self.rows.contact_children.append(cc)
        return cc

    def _referral(self, state: ChildState, referral: dt.date, *, nfa: bool, strategy: bool):
        """The contact, its threshold decision and the episode it starts."""
        rng = self.rng
        stepped_up = self._step_up(state, referral)
        received = referral if rng.random() < 0.65 else self.cal.add(referral, -1)
        received = max(received, state.start)
        step = "strategy" if strategy else "referral"
        # Early help refers on itself (5D) about half the time; otherwise the school, police...
        source = "5D" if stepped_up and rng.random() < 0.5 else None
        cc = self._contact(state, received, step, source=source, decided=referral)
        previous = state.referrals[-1] if state.referrals else None
        episode = self.rec(
            Episode,
            child=state.case.child,
            contact_child=cc,
            referral_date=referral,
            source=cc.contact.source,
            primary_need="" if nfa else self._primary_need(state),
            is_re_referral=previous is not None and add_months(previous, 12) >= referral,
            referral_nfa=nfa,
        )
        self.rows.episodes.append(episode)
        state.referrals.append(referral)
        why = "Stepped up from early help: referral accepted" if stepped_up else "Referral accepted"
        self._level(state, referral, Level.CIN, why)
        self.stats["referrals"] += 1
        self.stats["re_referrals"] += episode.is_re_referral
        self.stats["step_ups"] += stepped_up
        return episode

    def _primary_need(self, state: ChildState) -> str:
        slot = state.case.slot
        if slot is not None and slot.team.kind == TeamKind.DISABLED_CHILDREN:
            return "N2"
        return rates.PRIMARY_NEED.draw(self.rng)

    def _close(self, state, episode, closed, reason, team, why: str, to=Level.CLOSED) -> None:
        episode.closed_on = max(closed, episode.referral_date)
        episode.closure_reason = reason
        state.busy.append((episode.referral_date, episode.closed_on))
        state.free_from = episode.closed_on + DAY
        self._level(state, episode.closed_on, to, why, team=team)
        self.stats[f"closed_{reason}"] += 1

    def _allocate(self, state, episode, spans, closed: dt.date | None, reason: str) -> Periods:
        """Allocation rows for the episode's holders; the last is current if not closed.

        A change of holder planned after the episode closed never happens."""
        if closed is not None:
            spans = [span for span in spans if span[0] <= closed] or list(spans[:1])
        ends = [s[0] for s in spans[1:]] + [closed]
        for (start, team, worker), end in zip(spans, ends, strict=True):
            self.rows.allocations.append(
                self.rec(
                    Allocation,
                    child=state.case.child,
                    episode=episode,
                    team=team,
                    worker=worker,
                    started_on=start,
                    ended_on=end if end is None else max(end, start),
                    reason=reason if end is None else "Allocated after referral",
                )
            )
        return Periods(spans=list(spans))

    def _level(self, state, day, level, reason, team=None) -> None:
        decider = self.staff.manager(team) if team is not None else self.staff.any_manager
        state.levels.append((day, len(state.levels), level, reason, decider))

    def _transitions(self, state: ChildState) -> None:
        current = Level.NONE
        for day, _, level, reason, decider in sorted(state.levels, key=lambda x: (x[0], x[1])):
            if level == current:
                continue
            self.rows.transitions.append(
                self.rec(
                    LevelTransition,
                    child=state.case.child,
                    occurred_on=day,
                    from_level=current,
                    to_level=level,
                    reason=reason,
                    decided_by=decider,
                )
            )
            current = level

    # Contacts that went no further --------------------------------------------------------------

    def _other_contacts(self, state: ChildState, household: list[ChildState]) -> None:
        rng = self.rng
        scenario = None
        if state.case.slot is None and not _busy_on(state, self.as_of):
            scenario = self.scenarios.for_closed_child() if rng.random() < 0.2 else None
        if scenario:
            back = 1 if scenario == "contact_due_today" else rng.randint(2, 4)
            day = self.cal.add(self.cal.on_or_before(self.as_of), -back)
            self._contact(state, day, "nfa", undecided=True)  # awaiting a decision
        span = max(3, (self.as_of - state.start).days)
        count = _poisson(rng, self.rates.other_contacts)
        if not state.busy and not state.early_help:
            count = max(1, count)  # every child on record came to notice somehow
        for _ in range(count):
            day = state.start + days(rng.randint(0, span - 3))
            if _busy_on(state, day):
                continue
            step = self.rates.other_contact_step.draw(rng)
            if step == "early_help" and not self._room_for_early_help(state, day):
                step = "advice"
            others = ()
            if step != "early_help" and rng.random() < 0.5:
                others = tuple(s for s in household if s is not state and _can_share(s, day))
            self._contact(state, day, step, others=others)
            if step == "early_help":
                self._standalone_early_help(state, day)

    def _room_for_early_help(self, state: ChildState, day: dt.date) -> bool:
        later = [s for s, _ in state.busy + state.early_help if s >= day]
        overlapping = any(s <= day <= e for s, e in state.busy + state.early_help)
        open_now = any(e >= self.as_of for _, e in state.early_help)
        room = (min(later) - day).days if later else (self.as_of - day).days + 999
        return not overlapping and room > 35 and not (open_now and not later)

    def _standalone_early_help(self, state: ChildState, day: dt.date) -> None:
        rng = self.rng
        later = [s for s, _ in state.busy + state.early_help if s > day]
        natural = day + days(rng.randint(90, 360))
        if later:
            natural = min(natural, min(later) - days(rng.randint(1, 20)))
        self._early_help(state, day, max(natural, day))
        self._end_early_help(state, None)

    def summary(self) -> str:
        s = self.stats
        referrals = max(1, s["referrals"])
        assessments = max(1, s["assessments"])
        return (
            f"Journeys: {s['contacts']:,} contacts, {s['referrals']:,} referrals "
            f"({s['re_referrals'] / referrals:.1%} re-referrals, "
            f"{s['referral_nfa'] / referrals:.1%} NFA), {s['assessments']:,} assessments "
            f"({s['not_in_need'] / assessments:.1%} not in need, "
            f"{s['in_time'] / assessments:.1%} within 45 WD), "
            f"{s['open_episodes']:,} open episodes\n  {self.protection.summary()}"
        )


def _busy_on(state: ChildState, day: dt.date) -> bool:
    return any(start <= day <= end for start, end in state.busy)


def _can_share(state: ChildState, day: dt.date) -> bool:
    child = state.case.child
    return (
        child.date_of_birth is not None and child.date_of_birth <= day and not _busy_on(state, day)
    )


def _poisson(rng, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _referrer_organisation(source: str) -> str:
    return {
        "6": "Police",
        "2A": "Fernbridge Primary School",
        "2B": "Education welfare service",
        "3A": "Hollins Cross Medical Practice",
        "3B": "Health visiting service",
        "3C": "School nursing service",
        "3D": "Community health",
        "3E": "Fernbridge General Hospital emergency department",
        "3F": "Children's hospice",
        "4": "Fernbridge Homes",
        "5A": "Adult social care",
        "5B": "Youth offending service",
        "5C": "Another council's children's services",
        "5D": "Fernbridge Family Hub (early help)",
        "7": "Probation service",
        "8": "Children's centre",
    }.get(source, "")
