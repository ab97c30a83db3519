"""CIN plans for the seeded episodes: versions, outcomes and their ratings, actions, the
contingency with the family network considered, and CIN reviews with participation and
attendance."""

import datetime as dt
from dataclasses import dataclass

from cairn.accounts.models import Team
from cairn.casework.models import (
    Action,
    Attendance,
    Contingency,
    ContingencyNetworkMember,
    Meeting,
    MeetingChild,
    MeetingKind,
    Outcome,
    OutcomeRating,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
)
from cairn.demo.journeys import rates
from cairn.demo.journeys import texts as t
from cairn.demo.journeys.base import DAY, ChildCase, add_months, age_on, at, days
from cairn.frontdoor.models import Episode

REVIEW_MONTHS = 3  # CIN_REVIEW_DUE default


@dataclass
class PlanFlavour:
    """How an open CIN plan should look on the as-of date (the deliberate cases)."""

    draft: bool = False
    contingency_missing: bool = False
    visit_due_today: bool = False
    review_due_today: bool = False
    unmeasured: bool = False
    no_participation: bool = False
    two_no: bool = False
    exemplary: bool = False


class PlanWork:
    """Part of Casework: plans and their reviews."""

    def plan(
        self,
        case: ChildCase,
        episode: Episode,
        *,
        team: Team,
        start: dt.date,
        end: dt.date | None,
        flavour: PlanFlavour,
        ending: str = "",
    ) -> Plan:
        """A CIN plan from `start` (its first version authorised) to `end` (None: still open).
        `ending` is the last review's decision (close, step_down, step_up) when one ended it."""
        manager = self.staff.manager(team)
        plan = self.rec(
            Plan,
            child=case.child,
            episode=episode,
            kind=PlanKind.CIN,
            status=PlanStatus.DRAFT if flavour.draft else PlanStatus.ACTIVE,
            started_on=None if flavour.draft else start,
            ended_on=end,
        )
        if end is not None:
            plan.status = PlanStatus.ENDED
            plan.end_reason = {
                "close": "Outcomes achieved; agreed at review to close",
                "step_down": "Stepped down to early help at review",
                "step_up": "Stepped up: concerns escalated to a strategy discussion",
            }.get(ending, "Case closed")
        self.rows.plans.append(plan)
        if flavour.draft:
            version = self._version(plan, 1, start, None, None, manager)
            self._content(version, case, start, None, flavour)
            return plan
        made = start - days(self.rng.randint(0, 4))
        version = self._version(plan, 1, made, None, start, manager)
        outcomes = self._content(version, case, made, None, flavour)
        self._reviews(case, plan, team, version, outcomes, flavour, ending)
        return plan

    def _version(self, plan, number, made, meeting, authorised, manager) -> PlanVersion:
        version = self.rec(
            PlanVersion,
            plan=plan,
            number=number,
            made_on=made,
            meeting=meeting,
            authorised_on=authorised,
            authorised_by=manager if authorised else None,
        )
        self.rows.versions.append(version)
        return version

    def _content(self, version, case, made, previous: list[Outcome] | None, flavour):
        """Outcomes (carried from the previous version at a review), actions, contingency."""
        rng = self.rng
        names = {"name": case.name}
        outcomes = []
        if previous:
            templates = [(o.text, o.measure_source, o.indicator, o.baseline) for o in previous]
            carried = list(previous)
        else:
            templates = []
            for text, indicator in rng.sample(t.OUTCOMES, rng.randint(2, 4)):
                source = "indicator" if indicator and rng.random() < 0.5 else ""
                source = source or rates.MEASURE_SOURCE.draw(rng)
                if source == "indicator" and not indicator:
                    source = "worker"
                if flavour.exemplary and source == "":
                    source = "worker"
                baseline = rng.randint(1, 5) if source not in ("", "indicator") else None
                ind = indicator.format(**names) if source == "indicator" else ""
                templates.append((text.format(**names), source, ind, baseline))
            if flavour.unmeasured:
                templates[-1] = (templates[-1][0], "", "", None)
            carried = [None] * len(templates)
        for position, (text, source, indicator, baseline) in enumerate(templates, start=1):
            outcome = self.rec(
                Outcome,
                plan_version=version,
                position=position,
                text=text,
                measure_source=source,
                indicator=indicator,
                baseline=baseline,
                previous=carried[position - 1],
            )
            outcomes.append(outcome)
        self.rows.outcomes += outcomes
        self._actions(version, case, made)
        self._contingency(version, case, made, flavour)
        return outcomes

    def _actions(self, version, case: ChildCase, made: dt.date) -> None:
        rng = self.rng
        carers = [a.person for a in case.adults if a.role in ("mother", "father", "step_parent")]
        for what, agency in rng.sample(t.ACTIONS, rng.randint(2, 4)):
            due = made + days(rng.randint(14, 70))
            who = None if agency else (carers[0] if carers else None)
            if due < self.as_of - days(30):
                status = "done" if rng.random() < 0.8 else "not_done"
            else:
                status = rng.choice(("not_started", "in_progress", "in_progress", "done"))
            self.rows.actions.append(
                self.rec(
                    Action,
                    plan_version=version,
                    what=what,
                    who_person=who,
                    who_agency=agency or ("" if who else "Children's social care"),
                    due_on=due,
                    status=status,
                )
            )

    def _contingency(self, version, case: ChildCase, made: dt.date, flavour) -> None:
        rng = self.rng
        network = [a.person for a in case.adults]
        if flavour.contingency_missing and (rng.random() < 0.5 or not network):
            return  # no contingency at all
        fgc = rates.FGC_STATUS.draw(rng)
        c = self.rec(
            Contingency,
            plan_version=version,
            triggers=t.pick(rng, t.TRIGGERS, name=case.name),
            response=t.pick(rng, t.RESPONSES),
            who_acts=t.pick(rng, t.WHO_ACTS),
            fgc_status=fgc,
            fgc_on=max(made - days(rng.randint(5, 40)), case.earliest) if fgc == "held" else None,
            fgc_reason=t.FGC_REASONS.get(fgc, ""),
        )
        if flavour.contingency_missing:
            c.who_acts = ""  # partly written: says who acts is missing, network not considered
            network = []
        self.rows.contingencies.append(c)
        chosen = rng.sample(network, min(len(network), rng.randint(1, 3)))
        for person in chosen:
            self.rows.network.append(
                self.rec(
                    ContingencyNetworkMember,
                    contingency=c,
                    person=person,
                    how_considered=t.pick(rng, t.NETWORK_HOW, name=case.name),
                )
            )

    # Reviews ----------------------------------------------------------------------------------

    def review_dates(self, start: dt.date, end: dt.date | None, flavour: PlanFlavour):
        """Review dates: every 3 months, some late; the last one may be due today."""
        rng = self.rng
        limit = end or self.as_of
        dates, last = [], start
        while True:
            due = add_months(last, REVIEW_MONTHS)
            late = not flavour.exemplary and rng.random() < 0.18
            held = due + days(rng.randint(1, 40)) if late else due - days(rng.randint(0, 25))
            if held > limit or (end is None and held > self.as_of - DAY):
                break
            dates.append(held)
            last = held
        last_review = _three_months_before(self.as_of)
        if flavour.review_due_today and end is None and last_review and last_review > start:
            dates = [d for d in dates if d < last_review - days(20)] + [last_review]
        return dates

    def _reviews(self, case, plan, team, version, outcomes, flavour, ending) -> None:
        rng = self.rng
        dates = self.review_dates(plan.started_on, plan.ended_on, flavour)
        if ending and plan.ended_on is not None:
            dates = [d for d in dates if d < plan.ended_on] + [plan.ended_on]
        number = 1
        for i, held in enumerate(dates):
            is_last = i == len(dates) - 1
            decision = ending if (is_last and ending and plan.ended_on == held) else "continue"
            answer = rates.MAKING_DIFFERENCE.draw(rng)
            if flavour.two_no and i >= len(dates) - 2:
                answer = "no"
            elif flavour.exemplary:
                answer = rng.choice(("yes", "partly"))
            meeting = self._meeting(case, plan, team, held, answer, decision, is_last, flavour)
            self._ratings(outcomes, meeting, held, answer)
            if decision != "continue":
                break
            number += 1
            approve = self.cal.add(held, rng.randint(0, 3))
            authorised = approve if approve <= self.as_of else None
            version = self._version(
                plan, number, held, meeting, authorised, self.staff.manager(team)
            )
            outcomes = self._content(version, case, held, outcomes, flavour)

    def _meeting(self, case, plan, team, held, answer, decision, is_last, flavour) -> Meeting:
        rng = self.rng
        chair = self.staff.chair(rng, team)
        finalised = min(self.as_of, held + days(rng.randint(1, 6)))
        meeting = self.rec(
            Meeting,
            kind=MeetingKind.CIN_REVIEW,
            held_at=at(held, rng.choice((10, 11, 14))),
            chair=chair,
            plan=plan,
            making_difference=answer,
            what_changes=""
            if answer == "yes"
            else "More support with routines; school to report weekly; recheck in four weeks.",
            decision=decision,
            finalised_at=at(finalised, 17) if finalised > held or not is_last else None,
            finalised_by=chair if finalised > held or not is_last else None,
        )
        self.rows.meetings.append(meeting)
        self._participation(case, meeting, held, is_last and flavour.no_participation, flavour)
        self._attendance(case, meeting)
        return meeting

    def _participation(self, case, meeting, held, none: bool, flavour) -> None:
        rng = self.rng
        age = age_on(case.child, held)
        mode = "too_young" if age is None or age < 4 else rates.PARTICIPATION.draw(rng)
        if flavour.exemplary and mode in ("", "not_given_opportunity"):
            mode = "via_worker"
        if none:
            mode = ""
        note = {
            "not_given_opportunity": "Review moved at short notice; the worker did not see "
            f"{case.name} beforehand.",
            "via_worker": f"Seen alone the week before; {case.name}'s views read out.",
            "in_writing": f"{case.name} drew a picture of home and wrote what is going well.",
        }.get(mode, "")
        self.rows.meeting_children.append(
            self.rec(
                MeetingChild,
                meeting=meeting,
                child=case.child,
                participation=mode,
                participation_note=note,
            )
        )
        if mode.startswith("attended"):
            self.rows.attendance.append(
                self.rec(
                    Attendance, meeting=meeting, role="child", person=case.child, attended=True
                )
            )

    def _attendance(self, case: ChildCase, meeting: Meeting) -> None:
        rng = self.rng
        for adult in case.adults:
            if adult.role in ("mother", "father", "step_parent") and (
                adult.at_home or rng.random() < 0.4
            ):
                self.rows.attendance.append(
                    self.rec(
                        Attendance,
                        meeting=meeting,
                        role="parent_carer",
                        person=adult.person,
                        attended=rng.random() < 0.8,
                    )
                )
        for role, agency in rng.sample(t.PROFESSIONALS, rng.randint(2, 4)):
            came = rng.random() < 0.75
            self.rows.attendance.append(
                self.rec(
                    Attendance,
                    meeting=meeting,
                    role="professional",
                    name=role,
                    agency=agency,
                    attended=came,
                    sent_report=not came and rng.random() < 0.5,
                )
            )

    def _ratings(self, outcomes: list[Outcome], meeting: Meeting, held: dt.date, answer: str):
        rng = self.rng
        step = {"yes": (1, 2), "partly": (0, 1), "no": (-1, 0)}[answer]
        for outcome in outcomes:
            if not outcome.measure_source:
                continue  # nothing to rate against
            if outcome.measure_source == "indicator":
                score, met = None, answer == "yes" or rng.random() < 0.3
            else:
                score = max(0, min(10, (outcome.baseline or 3) + rng.randint(*step) + 1))
                met = None
            self.rows.ratings.append(
                self.rec(
                    OutcomeRating,
                    outcome=outcome,
                    rated_on=held,
                    score=score,
                    indicator_met=met,
                    meeting=meeting,
                )
            )


def _three_months_before(day: dt.date) -> dt.date | None:
    """The date whose review, 3 calendar months on, falls due exactly on `day`, if any."""
    guess = add_months(day, -REVIEW_MONTHS)
    for candidate in (guess + days(n) for n in range(-3, 4)):
        if add_months(candidate, REVIEW_MONTHS) == day:
            return candidate
    return None
