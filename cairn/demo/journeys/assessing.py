"""Single assessments for the seeded episodes: sections, the identity aspects, views, factors
and the workflow history (submitted, returned, authorised), and significant events."""

import datetime as dt

from cairn.accounts.models import Team, User
from cairn.casework.models import (
    Assessment,
    AssessmentFactor,
    AssessmentIdentity,
    AssessmentStatus,
    AssessmentStatusChange,
    AssessmentView,
    IdentityAspect,
    SignificantEvent,
)
from cairn.core.codelists import ETHNICITY
from cairn.demo.journeys import rates
from cairn.demo.journeys import texts as t
from cairn.demo.journeys.base import ChildCase, age_on, at
from cairn.frontdoor.models import Episode

ETHNICITY_LABEL = dict(ETHNICITY)
ASSESSMENT_LIMIT_WD = 45  # Working Together: authorised within 45 working days of referral


class AssessmentWork:
    """Part of Casework: assessments and significant events."""

    def assessment(
        self,
        case: ChildCase,
        episode: Episode,
        *,
        started: dt.date,
        target: dt.date,
        authorised: dt.date | None,
        outcome: str,
        team: Team,
        worker: User,
        status: str = AssessmentStatus.AUTHORISED,
        previous: Assessment | None = None,
        event: SignificantEvent | None = None,
    ) -> Assessment:
        rng = self.rng
        manager = self.staff.manager(team)
        last = authorised or self.as_of
        seen = None
        if case.born_by(started) and (authorised or rng.random() < 0.7):
            seen = min(last, self.cal.add(started, rng.choice((0, 1, 2, 3, 5))))
        names = {"name": case.name}
        done = status in (AssessmentStatus.AUTHORISED, AssessmentStatus.SUBMITTED)
        a = self.rec(
            Assessment,
            episode=episode,
            child=case.child,
            status=status,
            started_on=started,
            child_seen_on=seen,
            target_date=target,
            family_history=t.pick(rng, t.FAMILY_HISTORY) if previous is None else "",
            lived_experience=t.pick(rng, t.LIVED_EXPERIENCE, **names) if done else "",
            strengths=t.pick(rng, t.STRENGTHS, **names),
            risks=t.pick(rng, t.RISKS),
            analysis=t.pick(rng, t.ANALYSIS, **names) if done else "",
            outcome=outcome if (authorised or status == AssessmentStatus.SUBMITTED) else "",
            authorised_on=authorised,
            authorised_by=manager if authorised else None,
            previous=previous,
            prompted_by=event,
        )
        self.rows.assessments.append(a)
        self._identity(a, case, complete=done)
        self._views(a, case, started)
        if authorised:
            self._factors(a, outcome)
        self._history(a, worker, manager, status)
        return a

    def _identity(self, a: Assessment, case: ChildCase, *, complete: bool) -> None:
        rng = self.rng
        child = case.child
        age = age_on(child, a.started_on)
        facts = {
            IdentityAspect.ETHNICITY: ETHNICITY_LABEL.get(child.ethnicity, "Not yet obtained"),
            IdentityAspect.CULTURE: "Family celebrates the festivals of their community.",
            IdentityAspect.RELIGION: child.religion or "Family hold no religious belief.",
            IdentityAspect.LANGUAGE: f"First language {child.first_language or 'English'}.",
            IdentityAspect.DISABILITY: "No disability; development on track.",
            IdentityAspect.SEX_GENDER: "Identifies as their sex recorded at birth.",
            IdentityAspect.SEXUALITY: "Has talked about their friendships and relationships.",
        }
        for aspect, content in facts.items():
            reason = ""
            if aspect in (IdentityAspect.SEXUALITY, IdentityAspect.SEX_GENDER) and (
                age is None or age < 11
            ):
                content, reason = "", f"Not relevant: {case.name} is too young."
            if not complete and rng.random() < 0.35:
                content, reason = "", ""  # not written yet
            self.rows.identity.append(
                self.rec(
                    AssessmentIdentity,
                    assessment=a,
                    aspect=aspect,
                    content=content,
                    not_relevant_reason=reason,
                )
            )

    def _views(self, a: Assessment, case: ChildCase, started: dt.date) -> None:
        rng = self.rng
        age = age_on(case.child, started)
        if age is not None and age >= 4:
            self.rows.views.append(
                self.rec(
                    AssessmentView,
                    assessment=a,
                    holder="child",
                    person=case.child,
                    how_obtained="Seen alone at home; three houses tool",
                    content=t.pick(rng, t.VIEW_CHILD),
                )
            )
        for adult in case.adults[:2]:
            self.rows.views.append(
                self.rec(
                    AssessmentView,
                    assessment=a,
                    holder="parent_carer",
                    person=adult.person,
                    how_obtained="Home visit" if adult.at_home else "Phone call",
                    content=t.pick(rng, t.VIEW_PARENT),
                )
            )
        for role, agency in rng.sample(t.PROFESSIONALS, rng.randint(1, 2)):
            self.rows.views.append(
                self.rec(
                    AssessmentView,
                    assessment=a,
                    holder="professional",
                    professional_name=role,
                    agency=agency,
                    how_obtained="Phone call and written report",
                    content=t.pick(rng, t.VIEW_PROFESSIONAL),
                )
            )

    def _factors(self, a: Assessment, outcome: str) -> None:
        rng = self.rng
        codes = [table.draw(rng) for share, table in rates.FACTORS if rng.random() < share]
        if not codes:
            codes = [rates.NO_FACTORS if outcome in ("nfa", "early_help") else "20"]
        for code in dict.fromkeys(codes):
            self.rows.factors.append(self.rec(AssessmentFactor, assessment=a, code=code))

    def _history(self, a: Assessment, worker: User, manager: User, status: str) -> None:
        """The workflow rows: submitted, perhaps returned and resubmitted, authorised."""
        rng = self.rng
        end = a.authorised_on or self.as_of
        steps: list[tuple[str, str, User, dt.date, str]] = []
        if status == AssessmentStatus.DRAFT:
            return
        returned = status == AssessmentStatus.RETURNED or (
            status != AssessmentStatus.SUBMITTED and rng.random() < rates.RETURNED_SHARE
        )
        submit = max(a.started_on, self.cal.add(end, -rng.randint(0, 2)))
        if returned:
            first = max(a.started_on, self.cal.add(end, -rng.randint(6, 10)))
            back = max(first, self.cal.add(first, 1))
            steps += [
                ("draft", "submitted", worker, first, ""),
                (
                    "submitted",
                    "returned",
                    manager,
                    min(back, end),
                    "Analysis needs the child's "
                    "views and the father's history; please add and resubmit.",
                ),
            ]
            if status == AssessmentStatus.RETURNED:
                steps = [(f, s, u, min(d, end), c) for f, s, u, d, c in steps]
            else:
                steps.append(("returned", "submitted", worker, max(submit, back), ""))
        else:
            steps.append(("draft", "submitted", worker, submit, ""))
        if status == AssessmentStatus.AUTHORISED:
            steps.append(("submitted", "authorised", manager, end, ""))
        for hour, (before, after, by, day, comment) in enumerate(steps):
            self.rows.status_changes.append(
                self.rec(
                    AssessmentStatusChange,
                    assessment=a,
                    from_status=before,
                    to_status=after,
                    at=at(day, 10 + hour),
                    by=by,
                    comment=comment,
                )
            )

    def assessment_span(self, referral: dt.date) -> int:
        """Working days from referral to authorisation: ~83% within 45, average ~32."""
        rng = self.rng
        if rng.random() < rates.LATE_ASSESSMENT_SHARE:
            return rng.randint(ASSESSMENT_LIMIT_WD + 1, 80)
        return round(rng.triangular(8, ASSESSMENT_LIMIT_WD, 33))

    def target(self, referral: dt.date) -> dt.date:
        limit = ASSESSMENT_LIMIT_WD
        if self.rng.random() < rates.SHORTER_TARGET_SHARE:
            limit = 25  # a manager set a shorter target
        return self.cal.add(referral, limit)

    # Significant events -------------------------------------------------------------------------

    def event(self, case: ChildCase, day: dt.date) -> SignificantEvent:
        kind = self.rng.choice(list(t.EVENTS))
        event = self.rec(
            SignificantEvent,
            child=case.child,
            occurred_on=day,
            type=kind,
            description=t.EVENTS[kind].format(name=case.name),
        )
        self.rows.events.append(event)
        return event
