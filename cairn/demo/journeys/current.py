"""Open episodes: the case each open slot on a caseload holds on the as-of date (an assessment
under way, a CIN plan active or in draft, a child on a protection plan or looked after), with the
deliberate cases the scenarios ask for. A mixin of JourneyMaker."""

import datetime as dt

from cairn.accounts.roles import TeamKind
from cairn.casework.models import AssessmentStatus, VisitKind
from cairn.demo.journeys import rates
from cairn.demo.journeys.base import ChildCase, ChildState, OpenSpec, days
from cairn.demo.journeys.casework import Periods
from cairn.demo.journeys.planning import PlanFlavour
from cairn.frontdoor.models import Level


class OpenEpisodes:
    def _open_spec(self, state: ChildState) -> OpenSpec:
        rng = self.rng
        case = state.case
        forced = self.scenarios.for_open_case(case)
        shape, scenario = forced or (self._natural_shape(case), "")
        if shape not in ("assessing", "front_door") and (self.as_of - state.start).days < 120:
            shape, scenario = "assessing", ""  # too new to the world for more than that
        today = self.cal.on_or_before(self.as_of)
        if shape in ("assessing", "front_door"):
            back = _assessing_age(rng, scenario, shape, case.slot.worker is None)
            referral = max(self.cal.add(today, -back), state.start)
            return OpenSpec(referral=referral, shape=shape, scenario=scenario)
        span = self.casework.assessment_span(today)
        if shape == "cp":
            run = self.protection.open_case(case, state.start, span)
            label = "+".join(sorted(run.scenario))
            return OpenSpec(run.referral, shape, label, run.icpc_on, span)
        if shape == "cin_plan":
            ago = _plan_age(rng, scenario)
            plan_start = self.as_of - days(ago)
            referral = self.cal.add(plan_start - days(rng.randint(0, 8)), -span)
        else:
            referral = self.as_of - days(rng.randint(60, 1500))
            plan_start = None
        if referral < state.start:
            referral = state.start
            plan_start = None
        return OpenSpec(referral, shape, scenario, plan_start, span)

    def _natural_shape(self, case: ChildCase) -> str:
        rng = self.rng
        kind = case.slot.team.kind
        if kind == TeamKind.FRONT_DOOR:
            return "front_door"
        if (
            case.child.date_of_birth is None
            and kind in (TeamKind.CIN_CP, TeamKind.ASSESSMENT)
            and case.slot.worker is not None
            and rng.random() < rates.PRE_BIRTH_CP
        ):
            return "cp"  # a pre-birth child protection plan
        if not case.adults:  # no family network to plan with (an unaccompanied child)
            return "assessing" if kind == TeamKind.ASSESSMENT else "looked_after"
        if kind == TeamKind.ASSESSMENT:
            assessing = 0.35 if self.small else 0.85
            return (
                "assessing" if case.slot.worker is None or rng.random() < assessing else "cin_plan"
            )
        if kind == TeamKind.CHILDREN_IN_CARE:
            looked_after = 0.3 if self.small else 1.0
            if case.child.date_of_birth is not None and rng.random() < looked_after:
                return "looked_after"
            return "cin_plan"
        if kind in (TeamKind.CIN_CP, TeamKind.EDGE_OF_CARE):
            return "cp" if rng.random() < self.rates.cp_share else "cin_plan"
        return "cin_plan"

    def _open_episode(self, state: ChildState, spec: OpenSpec) -> None:
        rng = self.rng
        strategy = spec.shape == "cp" and rng.random() < 0.5
        episode = self._referral(state, spec.referral, nfa=False, strategy=strategy)
        if spec.shape in ("assessing", "front_door"):
            # The primary need is recorded (provisionally) at referral: the CIN census needs
            # one on every referral that is not NFA (rule 8610), open ones included.
            self._open_assessing(state, episode, spec)
        else:
            getattr(self, f"_open_{spec.shape}")(state, episode, spec)
        state.busy.append((spec.referral, self.as_of))
        self.stats["open_episodes"] += 1
        self.stats[f"open_{spec.shape}"] += 1
        if spec.scenario:
            self.stats[f"scenario_{spec.scenario}"] += 1

    def _current(self, state, episode, spans, transfer: dt.date | None = None) -> Periods:
        """The episode's allocations, ending with the open case's slot (current, no end)."""
        slot = state.case.slot
        if not spans:
            spans = [(episode.referral_date, slot.team, slot.worker)]
        elif spans[-1][1].pk == slot.team.pk:
            spans = [*spans[:-1], (spans[-1][0], slot.team, slot.worker)]
        else:
            spans = [*spans, (max(transfer or spans[-1][0], spans[-1][0]), slot.team, slot.worker)]
        reason = "Awaiting allocation" if slot.worker is None else "Allocated"
        return self._allocate(state, episode, spans, None, reason)

    def _open_assessing(self, state, episode, spec: OpenSpec) -> None:
        rng = self.rng
        slot = state.case.slot
        back = self.cal.between(spec.referral, self.as_of)
        started = None
        if back >= 2 or (slot.worker is not None and rng.random() < 0.5):
            started = min(self.cal.add(spec.referral, rng.choice((0, 1, 2))), self.as_of)
        periods = self._current(state, episode, [])
        if started is not None:
            status = AssessmentStatus.DRAFT
            if back > 15:
                status = rates.Weighted([("draft", 50), ("submitted", 30), ("returned", 20)]).draw(
                    rng
                )
            self.casework.assessment(
                state.case,
                episode,
                started=started,
                target=self.cal.add(spec.referral, 45),
                authorised=None,
                outcome=rates.PROPOSED_OUTCOME.draw(rng),
                team=slot.team,
                worker=slot.worker or self.staff.worker(rng, slot.team),
                status=status,
            )
            self._assessment_visits(state, episode, periods, spec.referral, self.as_of)
            team, worker = slot.team, slot.worker or self.staff.manager(slot.team)
            self.protection.enquiry_only(
                state.case, episode, team, worker, spec.referral, self.as_of, "assessing"
            )
        self.casework.notes(state.case, periods, spec.referral, self.as_of)

    def _authorised_assessment(self, state, episode, spec, outcome, latest: dt.date):
        rng = self.rng
        authorised = min(self.cal.add(spec.referral, spec.span), self.cal.on_or_before(latest))
        started = min(authorised, self.cal.add(spec.referral, rng.choice((0, 0, 1, 2))))
        team = rng.choice(self.staff.assessment_teams)
        slot = state.case.slot
        if slot.team.kind == TeamKind.ASSESSMENT:
            team = slot.team
        worker = self.staff.worker(rng, team)
        if team.pk == slot.team.pk and slot.worker is not None:
            worker = slot.worker
        assessment = self.casework.assessment(
            state.case,
            episode,
            started=started,
            target=self.casework.target(spec.referral),
            authorised=authorised,
            outcome=outcome,
            team=team,
            worker=worker,
        )
        self._count_assessment(spec.referral, assessment)
        return assessment, [(spec.referral, team, worker)]

    def _open_cin_plan(self, state, episode, spec: OpenSpec) -> None:
        rng = self.rng
        flavour = _flavour(spec.scenario)
        if not spec.scenario:
            self._natural_plans = getattr(self, "_natural_plans", 0) + 1
            if self._natural_plans % LAPSED_CONTINGENCY_EVERY == 0:
                flavour.contingency_missing = True  # PLAN_NO_CONTINGENCY in proportion
        latest = spec.plan_start or self.as_of - days(rng.randint(1, 20))
        assessment, spans = self._authorised_assessment(state, episode, spec, "cin_plan", latest)
        start = spec.plan_start or assessment.authorised_on + days(rng.randint(0, 10))
        if start > self.as_of - days(14) and not flavour.draft:
            flavour.draft = True  # the plan is still being written
            flavour.contingency_missing = rng.random() < 0.5
        start = min(max(start, assessment.authorised_on), self.as_of)
        periods = self._current(state, episode, spans, assessment.authorised_on)
        _, team, worker = spans[0]
        self.protection.enquiry_only(
            state.case, episode, team, worker, spec.referral, assessment.authorised_on, "cin_plan"
        )
        self.casework.plan(
            state.case, episode, team=state.case.slot.team, start=start, end=None, flavour=flavour
        )
        self._assessment_visits(state, episode, periods, spec.referral, assessment.authorised_on)
        if not flavour.draft:
            self._plan_life(state, episode, periods, start, self.as_of, flavour=flavour)
        if spec.scenario == "event_no_reassessment":
            day = self.cal.add(self.cal.on_or_before(self.as_of), -rng.randint(3, 25))
            self._event(state, episode, periods, max(day, start), self.as_of, reassess=False)
        self.casework.notes(state.case, periods, spec.referral, self.as_of)
        self.stats["open_plans_draft" if flavour.draft else "open_plans_active"] += 1

    def _open_cp(self, state, episode, spec: OpenSpec) -> None:
        """The assessment asked for a strategy discussion; the S47 led to an ICPC and a CP plan
        open now (the level moves to CP at the ICPC), or the S47 is still under way."""
        case = state.case
        latest = self.cal.add(spec.referral, spec.span)  # the strategy discussion
        assessment, spans = self._authorised_assessment(state, episode, spec, "strategy", latest)
        authorised = assessment.authorised_on
        run = self.protection.open_run(case, authorised)
        periods = self._current(state, episode, spans, authorised)
        self._assessment_visits(state, episode, periods, spec.referral, authorised)
        self._protection_life(state, episode, periods, case.slot.team, run)
        self.casework.notes(case, periods, spec.referral, self.as_of)

    def _open_looked_after(self, state, episode, spec: OpenSpec) -> None:
        rng = self.rng
        latest = self.as_of - days(rng.randint(20, 60))
        assessment, spans = self._authorised_assessment(state, episode, spec, "other", latest)
        became = min(self.as_of, assessment.authorised_on + days(rng.randint(0, 20)))
        periods = self._current(state, episode, spans, became)
        team = state.case.slot.team
        self._level(state, became, Level.LOOKED_AFTER, "Became looked after", team)
        self._assessment_visits(state, episode, periods, spec.referral, assessment.authorised_on)
        self.casework.visits(
            state.case,
            episode,
            periods,
            kind=VisitKind.OTHER,
            start=became,
            end=self.as_of,
            gap=(20, 30),
        )
        self.casework.notes(state.case, periods, spec.referral, self.as_of)


# One open CIN plan in this many (counted in order, so no random draw changes) has a contingency
# that was never completed: PLAN_NO_CONTINGENCY in proportion to the council's size.
LAPSED_CONTINGENCY_EVERY = 29


def _flavour(scenario: str) -> PlanFlavour:
    return PlanFlavour(
        exemplary=scenario == "exemplary",
        draft=scenario == "draft_no_contingency",
        contingency_missing=scenario in ("draft_no_contingency", "active_no_contingency"),
        visit_due_today=scenario == "visit_due_today",
        review_due_today=scenario == "review_due_today",
        unmeasured=scenario == "unmeasured",
        no_participation=scenario == "no_participation",
        two_no=scenario == "two_no",
    )


def _plan_age(rng, scenario: str) -> int:
    """Days since the plan started, for an open CIN plan."""
    ranges = {
        "exemplary": (110, 250),
        "draft_no_contingency": (1, 12),
        "active_no_contingency": (60, 400),
        "visit_due_today": (60, 400),
        "review_due_today": (120, 400),
        "no_participation": (100, 400),
        "two_no": (240, 420),
        "event_no_reassessment": (60, 400),
    }
    if scenario in ranges:
        return rng.randint(*ranges[scenario])
    if rng.random() < 0.05:
        return rng.randint(1, 13)  # assessed last week or so: the plan is still a draft
    return min(1500, 15 + int(rng.expovariate(1 / 220)))


def _assessing_age(rng, scenario: str, shape: str, waiting: bool) -> int:
    """Working days since the referral of an assessment still in progress."""
    if scenario == "assessment_due_today":
        return 45  # its target date is the as-of date
    if scenario == "assessment_overdue":
        return rng.randint(48, 70)
    if shape == "front_door" or waiting:
        return rng.randint(0, 8)
    return rng.randint(0, 56)
