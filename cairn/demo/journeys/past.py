"""Past (closed) episodes: what the referral led to, by the outcome of its assessment (no further
action, early help, a CIN plan with its reviews and visits, protection or care), and how the
episode closed. A mixin of JourneyMaker, which holds the state these methods use."""

import datetime as dt

from cairn.accounts.roles import TeamKind
from cairn.casework.models import AssessmentStatus, VisitKind
from cairn.demo.journeys import rates
from cairn.demo.journeys.base import ChildState, days
from cairn.demo.journeys.planning import PlanFlavour
from cairn.frontdoor.models import Level

PLAN_MONTHS = rates.Weighted([(2, 10), (4, 25), (7, 30), (11, 20), (16, 10), (22, 5)])
ICPC_PLAN = "Initial child protection conference: child protection plan"
LONG_TEAM = rates.Weighted(
    [
        (TeamKind.CIN_CP, 70),
        (TeamKind.DISABLED_CHILDREN, 10),
        (TeamKind.EDGE_OF_CARE, 5),
        (TeamKind.CHILDREN_IN_CARE, 15),
    ]
)


class PastEpisodes:
    def _past_episode(self, state: ChildState, referral: dt.date, close_by: dt.date) -> None:
        rng = self.rng
        path = "referral_nfa" if rng.random() < self.rates.referral_nfa else ""
        path = path or self.rates.past_outcome.draw(rng)
        if path != "referral_nfa" and self.protection.goes_back_to_protection(state.case, referral):
            path = "strategy"  # back to protection soon after a plan (repeat plans)
        if path == "cin_plan" and not state.case.adults:
            path = "other"  # no family network for a contingency (an unaccompanied child)
        episode = self._referral(
            state, referral, nfa=path == "referral_nfa", strategy=path == "strategy"
        )
        if path == "referral_nfa":
            closed = min(close_by, referral + days(rng.randint(0, 3)))
            self._close(state, episode, closed, "RC7", None, "Referral: no further action")
            self.stats["referral_nfa"] += 1
            return
        span = self.casework.assessment_span(referral)
        authorised = min(self.cal.add(referral, span), self.cal.on_or_before(close_by))
        started = min(authorised, self.cal.add(referral, rng.choice((0, 0, 0, 1, 1, 2))))
        if path == "cin_plan" and (close_by - authorised).days < 45:
            path = "nfa"  # no time for a plan before the next referral
        team = rng.choice(self.staff.assessment_teams)
        worker = self.staff.worker(rng, team)
        assessment = self.casework.assessment(
            state.case,
            episode,
            started=started,
            target=self.casework.target(referral),
            authorised=authorised,
            outcome=path,
            team=team,
            worker=worker,
        )
        self._count_assessment(referral, assessment)
        spans = [(referral, team, worker)]
        handler = {
            "nfa": self._past_not_in_need,
            "early_help": self._past_not_in_need,
            "cin_plan": self._past_plan,
            "strategy": self._past_protection,
            "other": self._past_other,
        }[path]
        handler(state, episode, spans, path, authorised, close_by)

    def _count_assessment(self, referral: dt.date, assessment) -> None:
        self.stats["assessments"] += 1
        if assessment.outcome in ("nfa", "early_help"):
            self.stats["not_in_need"] += 1
        deadline = self.cal.add(referral, 45)
        self.stats["in_time"] += assessment.authorised_on <= deadline

    def _assessment_visits(self, state, episode, periods, start, end) -> None:
        self.casework.visits(
            state.case, episode, periods, kind=VisitKind.OTHER, start=start, end=end, gap=(15, 25)
        )

    def _past_not_in_need(self, state, episode, spans, path, authorised, close_by) -> None:
        rng = self.rng
        closed = min(close_by, authorised + days(rng.randint(0, 3)))
        periods = self._allocate(state, episode, spans, closed, "")
        self._assessment_visits(state, episode, periods, episode.referral_date, closed)
        self.casework.notes(state.case, periods, episode.referral_date, closed)
        _, team, worker = spans[0]
        s47 = self.protection.enquiry_only(
            state.case, episode, team, worker, episode.referral_date, authorised, path
        )
        if s47:
            self._factors_found(episode)
        if path == "early_help":
            self._close(
                state,
                episode,
                closed,
                "RC7" if s47 else "RC9",  # RC8/RC9 only without a S47 (census rule 2990)
                team,
                "Assessed: referred to early help",
                to=Level.EARLY_HELP,
            )
            self._early_help(state, closed, closed + days(rng.randint(60, 300)))
        else:
            reason = "RC7" if s47 else "RC8"
            self._close(state, episode, closed, reason, team, "Assessed: no further action")

    def _factors_found(self, episode) -> None:
        """A S47 means concerns were found: the episode's assessment (written just before) is
        not "no factors identified", which stands only on one closed RC8/RC9."""
        for factor in reversed(self.rows.factors[-10:]):
            if factor.code == rates.NO_FACTORS and factor.assessment.episode is episode:
                factor.code = "20"

    def _long_team(self, spans, on: dt.date):
        rng = self.rng
        kind = LONG_TEAM.draw(rng)
        if self.small or rng.random() < 0.2:
            kind = rng.choice((kind, TeamKind.ASSESSMENT))
        team = self.staff.team_of_kind(rng, kind)
        if team.pk == spans[-1][1].pk:
            return spans
        worker = None if rng.random() < 0.04 else self.staff.worker(rng, team)
        return [*spans, (on, team, worker)]

    def _past_plan(self, state, episode, spans, path, authorised, close_by) -> None:
        rng = self.rng
        start = authorised + days(rng.randint(0, 10))
        spans = self._long_team(spans, start)
        natural = start + days(PLAN_MONTHS.draw(rng) * 30 + rng.randint(-10, 10))
        ending = rates.PLAN_END.draw(rng)
        end = natural
        if natural > close_by - days(3):
            end, ending = max(start, close_by - days(rng.randint(0, 3))), ""
        elif self.scenarios.for_plan_ending():
            ending = "step_down"  # a few step-downs to early help, whatever the draws
        team = spans[-1][1]
        closed = end + days(rng.randint(0, 7)) if ending in ("", "close") else end
        if ending == "step_up":
            run = self.protection.schedule.past(end, close_by, step_up=True)
            closed = run.closed
        closed = min(closed, close_by)
        periods = self._allocate(state, episode, spans, closed, "")
        plan = self.casework.plan(
            state.case,
            episode,
            team=team,
            start=start,
            end=end,
            flavour=PlanFlavour(),
            ending=ending,
        )
        self._plan_life(state, episode, periods, start, end)
        self._assessment_visits(state, episode, periods, episode.referral_date, start)
        self.casework.notes(state.case, periods, episode.referral_date, closed)
        _, first_team, first_worker = spans[0]
        self.protection.enquiry_only(
            state.case, episode, first_team, first_worker, episode.referral_date, authorised, path
        )
        if ending == "step_up":
            self._protection_life(state, episode, periods, team, run, carried_from=plan)
        elif ending == "step_down":
            self._close(
                state,
                episode,
                closed,
                "RC7",
                team,
                "Stepped down to early help at review",
                to=Level.EARLY_HELP,
            )
            self._early_help(state, closed, closed + days(rng.randint(60, 300)), plan=plan)
        else:
            self._close(
                state,
                episode,
                closed,
                rates.CLOSURE_AFTER_PLAN.draw(rng),
                team,
                "Child in need plan ended; case closed",
            )

    def _plan_life(self, state, episode, periods, start, end, *, flavour=None, open_=False):
        """CIN visits through the plan, and significant events (most prompting an update)."""
        rng = self.rng
        flavour = flavour or PlanFlavour()
        gap = (10, 20) if flavour.exemplary or rng.random() < 0.75 else (15, 30)
        self.casework.visits(
            state.case,
            episode,
            periods,
            kind=VisitKind.CIN,
            start=start,
            end=end,
            gap=gap,
            due_today=flavour.visit_due_today,
        )
        if rng.random() < 0.3 and (end - start).days > 80:
            day = start + days(rng.randint(5, (end - start).days - 5))
            if flavour.exemplary:  # reassessed in good time
                day = min(day, end - days(75))
            reassess = flavour.exemplary or rng.random() < 0.75
            self._event(state, episode, periods, day, end, reassess=reassess)

    def _event(self, state, episode, periods, day, end, *, reassess: bool) -> None:
        rng = self.rng
        event = self.casework.event(state.case, day)
        self.stats["events"] += 1
        if not reassess:
            return
        started = self.cal.add(day, rng.randint(1, 8))
        if started > min(end, self.as_of):
            return
        authorised = self.cal.add(started, rng.randint(12, 35))
        status = AssessmentStatus.AUTHORISED
        if authorised > min(end, self.as_of):
            if end < self.as_of:
                return  # the case closed first: no update
            authorised, status = None, AssessmentStatus.DRAFT
        team, worker = periods.holder(started)
        previous = next(
            a for a in reversed(self.rows.assessments) if a.episode is episode and a.authorised_on
        )
        self.casework.assessment(
            state.case,
            episode,
            started=started,
            target=self.cal.add(started, 45),
            authorised=authorised,
            outcome="cin_plan",
            team=team,
            worker=worker or self.staff.worker(rng, team),
            status=status,
            previous=previous,
            event=event,
        )
        self.stats["updated_assessments"] += 1

    def _cp_visits(self, state, episode, periods, start, end) -> None:
        self.casework.visits(
            state.case, episode, periods, kind=VisitKind.CP, start=start, end=end, gap=(6, 11)
        )

    def _past_protection(self, state, episode, spans, path, authorised, close_by) -> None:
        """The assessment asked for a strategy discussion: a S47, mostly an ICPC and a CP plan
        (journeys/protection), the episode closing by the plan's end."""
        spans = self._long_team(spans, authorised)
        run = self.protection.schedule.past(authorised, close_by)
        periods = self._allocate(state, episode, spans, run.closed, "")
        self._assessment_visits(state, episode, periods, episode.referral_date, authorised)
        self.casework.notes(state.case, periods, episode.referral_date, run.closed)
        self._protection_life(state, episode, periods, spans[-1][1], run)

    def _protection_life(self, state, episode, periods, team, run, carried_from=None) -> None:
        """The enquiry's rows; the child's level is CP from the ICPC to the review conference
        that ended the plan, with CP visits; then a CIN plan carrying the plan (or following an
        ICPC that made none), which may step up again, early help, or closure. An open case's
        plan (or S47) goes on past the as-of date."""
        rng = self.rng
        if run.transfer_in:
            self._transfer_in(episode)
        plan = self.protection.write(
            state.case, episode, periods, team, run, carried_from=carried_from
        )
        if plan is not None:
            self._level(state, run.icpc_on, Level.CP, ICPC_PLAN, team)
            if run.plan_end is None:
                self.protection.open_visits(state.case, episode, periods, run)
                return
            self._cp_visits(state, episode, periods, run.icpc_on, run.plan_end)
        elif run.closed is None:  # the S47 is still under way
            self._assessment_visits(state, episode, periods, run.anchor, self.as_of)
            return
        if run.after is not None:
            start, end = run.after
            if plan is not None:
                why = "Review child protection conference: stepped down to a child in need plan"
                self._level(state, start, Level.CIN, why, team)
            cin = self.casework.plan(
                state.case,
                episode,
                team=team,
                start=start,
                end=end,
                flavour=PlanFlavour(),
                ending="step_up" if run.next else "close",
            )
            cin.carried_from = plan
            self._plan_life(state, episode, periods, start, end)
            if run.next is not None:
                self._protection_life(state, episode, periods, team, run.next, carried_from=cin)
                return
            reason = rates.CLOSURE_AFTER_PLAN.draw(rng)
            self._close(state, episode, run.closed, reason, team, "Child in need plan ended")
        elif run.ending == "end_to_early_help":
            why = "Review child protection conference: stepped down to early help"
            self._close(state, episode, run.closed, "RC7", team, why, to=Level.EARLY_HELP)
            self._early_help(state, run.closed, run.closed + days(rng.randint(60, 300)), plan=plan)
        elif plan is not None:
            reason = rates.CLOSURE_AFTER_CP_OR_CARE.draw(rng)
            self._close(state, episode, run.closed, reason, team, "Child protection plan ended")
        else:
            why = "Section 47 enquiry: no further action; case closed"
            self._close(state, episode, run.closed, "RC7", team, why)  # not RC8 after a S47

    def _transfer_in(self, episode) -> None:
        """A child who moved here on another council's CP plan: that council referred them."""
        contact = episode.contact_child.contact
        contact.source = episode.source = "5C"
        contact.referrer_organisation = "Another council's children's services"

    def _past_other(self, state, episode, spans, path, authorised, close_by) -> None:
        rng = self.rng
        _, team, worker = spans[0]
        self.protection.enquiry_only(
            state.case, episode, team, worker, episode.referral_date, authorised, path
        )
        if rng.random() < 0.5:
            closed = min(close_by, authorised + days(rng.randint(0, 20)))
            periods = self._allocate(state, episode, spans, closed, "")
            self._assessment_visits(state, episode, periods, episode.referral_date, closed)
            self._close(state, episode, closed, "RC7", spans[0][1], "Services ceased")
            return
        closed = min(close_by, authorised + days(rng.randint(120, 900)))
        spans = self._long_team(spans, authorised)
        periods = self._allocate(state, episode, spans, closed, "")
        team = spans[-1][1]
        self._level(state, authorised, Level.LOOKED_AFTER, "Became looked after", team)
        self.casework.visits(
            state.case,
            episode,
            periods,
            kind=VisitKind.OTHER,
            start=authorised,
            end=closed,
            gap=(20, 30),
        )
        self.casework.notes(state.case, periods, episode.referral_date, closed)
        self._close(
            state,
            episode,
            closed,
            rates.CLOSURE_AFTER_CP_OR_CARE.draw(rng),
            team,
            "Ceased to be looked after; case closed",
        )
