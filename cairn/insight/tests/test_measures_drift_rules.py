"""Every drift measure (``drift_<rule>``, ADR 0027) against a hand-worked fixture.

Each case builds two children from the factories the timescales rule tests use: one for whom the
rule's alert is, by its definition in shared/domain/timescales.md, open at the end of a chosen
month, and one whose deadline is met (or who is otherwise outside the rule). The expected
figures are worked out by hand in each builder's comment, from the dates and the rule's
timescale; the engine is not consulted for them.

For every case: the council figure that month is 1; the team holding the alerted child
(team A) has 1 and the other child's team (team B) 0; in a second month (before the trigger,
or after it was put right) the council figure is 0; and the drill-down lists exactly the
alerted child. For every deadline rule, a third month end has the alerted child's alert due
soon (not yet overdue): the council figure and the drill-down then are the alerted child, or
both children when the other's deadline has not been met yet either. The parametrisation is
over the registered drift measures, so a new rule with no case here fails, as does a deadline
rule with no due-soon month.

Counting conventions used below (timescales.md): "within N WD of A" is A plus N working days
(A is day 0, bank holidays skipped); on a month end D an alert is open when D is after the
deadline (overdue) or the deadline is at most 5 working days after D (due soon); flags have no
deadline. Month ends used: Sun 30 Nov 2025, Wed 31 Dec 2025, Sat 31 Jan, Sat 28 Feb and Tue
31 Mar 2026; 31 Dec + 5 WD = Thu 8 Jan (1 Jan a holiday), 31 Jan + 5 WD = Fri 6 Feb,
28 Feb + 5 WD = Fri 6 Mar, 30 Nov + 5 WD = Fri 5 Dec.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import override_settings

from cairn.accounts.models import Team, User
from cairn.casework.models import MeetingKind, OutcomeRating, PlanStatus
from cairn.casework.models.meetings import ParticipationMode
from cairn.frontdoor.models import ThresholdLevel
from cairn.insight.measures.base import Figure, Scope, get_measure, measures
from cairn.people.models import Person
from cairn.testing.chair_factories import (
    MidpointReviewFactory,
    PracticeAlertFactory,
    PracticeAlertStageFactory,
)
from cairn.testing.factories import AllocationFactory, TeamFactory, UserFactory
from cairn.testing.frontdoor_factories import ContactChildFactory, ContactFactory, at
from cairn.testing.legal_factories import CareProceedingsFactory, PreProceedingsFactory
from cairn.testing.plans_factories import (
    AuthorisedAssessmentFactory,
    NetworkMemberFactory,
    OutcomeFactory,
)
from cairn.testing.protection_factories import (
    CPPlanFactory,
    S47EnquiryFactory,
    StrategyDiscussionFactory,
    StrategyMeetingFactory,
)
from cairn.testing.quality_factories import CaseAuditFactory, RecommendationFactory
from cairn.testing.records_factories import (
    ActivePlanFactory,
    AssessmentFactory,
    ContingencyFactory,
    EpisodeFactory,
    PlanVersionFactory,
    SignificantEventFactory,
    VisitFactory,
)
from cairn.testing.staff_factories import AbsenceFactory, CoverFactory
from cairn.testing.timescales_factories import OversightEntryFactory, meeting_on
from cairn.timescales.catalogue import CATALOGUE

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = "2026-06-30"  # after every month used, so each figure is taken on the month's last day
NOV, DEC = D(2025, 11, 1), D(2025, 12, 1)
JAN, FEB, MAR = D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)

DRIFT_KEYS = sorted(m.key for m in measures() if m.key.startswith("drift_"))


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY):
        yield


@dataclass
class World:
    """Team A holds the alerted child, team B the other one; wa and wb are their workers."""

    a: Team
    b: Team
    wa: User
    wb: User


def case_for(worker: User, referred: dt.date, *, allocated: dt.date | None = None, **episode):
    """An open case referred on ``referred`` and allocated to ``worker`` (in their team)."""
    ep = EpisodeFactory(referral_date=referred, **episode)
    AllocationFactory(
        child=ep.child, team=worker.team, worker=worker, started_on=allocated or referred
    )
    return ep


# ---- front door and assessment ------------------------------------------------------------


def contact_decision_1wd(w: World) -> tuple[Person, Person]:
    # Contacts received Fri 27 Feb 2026: a decision is due by 27 Feb + 1 WD = Mon 2 Mar.
    # Alerted (contact to team A): no decision by 31 Mar -> overdue. Other (contact to team B):
    # decided Mon 2 Mar -> met. 31 Jan: neither contact received yet -> 0.
    # Due soon: 28 Feb, neither decided yet, 2 Mar is within the window (Fri 6 Mar) -> 2.
    # Neither child is allocated, so the alert's team is the team that received the contact.
    alerted = ContactChildFactory(contact=ContactFactory(received_at=at(D(2026, 2, 27)), team=w.a))
    decided = ContactChildFactory(contact=ContactFactory(received_at=at(D(2026, 2, 27)), team=w.b))
    decided.threshold_level, _ = ThresholdLevel.objects.get_or_create(
        number=3, defaults={"name": "Targeted"}
    )
    decided.next_step = "referral"
    decided.rationale = "Needs an assessment"
    decided.decided_at = at(D(2026, 3, 2), 16)
    decided.save()
    return alerted.child, decided.child


def assessment_45wd(w: World) -> tuple[Person, Person]:
    # Referred Mon 29 Dec 2025, assessments started 30 Dec: due 29 Dec + 45 WD (1 Jan skipped)
    # = Tue 3 Mar. Alerted: not authorised by 31 Mar -> overdue. Other: authorised Mon 2 Mar
    # -> met. 31 Jan: 3 Mar is past the warning window (31 Jan + 5 WD = Fri 6 Feb) -> 0.
    # Due soon: 28 Feb, neither authorised yet, 3 Mar is within the window (Fri 6 Mar) -> 2.
    late = case_for(w.wa, D(2025, 12, 29))
    AssessmentFactory(episode=late, started_on=D(2025, 12, 30), target_date=D(2026, 3, 3))
    done = case_for(w.wb, D(2025, 12, 29))
    AuthorisedAssessmentFactory(
        episode=done,
        started_on=D(2025, 12, 30),
        target_date=D(2026, 3, 3),
        authorised_on=D(2026, 3, 2),
    )
    return late.child, done.child


def assessment_update_due(w: World) -> tuple[Person, Person]:
    # Both referred 1 Oct 2025, assessed (authorised 3 Nov 2025); a significant event on
    # Mon 19 Jan 2026 calls for an updated assessment by 19 Jan + 10 WD = Mon 2 Feb.
    # Alerted: none started by 28 Feb -> overdue. Other: one started Tue 27 Jan -> met.
    # 31 Dec 2025: no event yet -> 0.
    # Due soon: 31 Jan, 2 Feb is within the window (Fri 6 Feb); the other has started -> 1.
    children = []
    for worker in (w.wa, w.wb):
        ep = case_for(worker, D(2025, 10, 1))
        AuthorisedAssessmentFactory(
            episode=ep, started_on=D(2025, 10, 2), authorised_on=D(2025, 11, 3)
        )
        SignificantEventFactory(child=ep.child, occurred_on=D(2026, 1, 19))
        children.append(ep)
    AssessmentFactory(episode=children[1], started_on=D(2026, 1, 27), target_date=D(2026, 4, 1))
    return children[0].child, children[1].child


# ---- child protection ---------------------------------------------------------------------


def s47_from(ep, started: dt.date):
    meeting = StrategyMeetingFactory(held_at=at(started))
    StrategyDiscussionFactory(meeting=meeting, children=[ep.child])
    return S47EnquiryFactory(
        episode=ep, child=ep.child, strategy_discussion=meeting, started_on=started
    )


def icpc_15wd(w: World) -> tuple[Person, Person]:
    # Referred Fri 9 Jan 2026; S47 enquiries started (strategy discussion) Mon 12 Jan: an ICPC
    # is due by 12 Jan + 15 WD = Mon 2 Feb. Alerted: none held by 28 Feb -> overdue.
    # Other: ICPC held Fri 30 Jan -> met. 31 Dec 2025: not referred yet -> 0.
    # Due soon: 31 Jan, 2 Feb is within the window (Fri 6 Feb); the other's ICPC was held -> 1.
    late = case_for(w.wa, D(2026, 1, 9))
    s47_from(late, D(2026, 1, 12))
    held = case_for(w.wb, D(2026, 1, 9))
    s47_from(held, D(2026, 1, 12))
    meeting_on(kind=MeetingKind.ICPC, day=D(2026, 1, 30), child=held.child)
    return late.child, held.child


def cp_plan(worker: User, started: dt.date, *, referred: dt.date | None = None):
    ep = case_for(worker, referred or started - dt.timedelta(days=30))
    return CPPlanFactory(episode=ep, started_on=started)


def core_group_10wd(w: World) -> tuple[Person, Person]:
    # CP plans from Mon 19 Jan 2026: the first core group is due by 19 Jan + 10 WD = Mon 2 Feb.
    # Alerted: none by 28 Feb -> overdue. Other: met Mon 2 Feb -> met. 31 Dec: no plan -> 0.
    # Due soon: 31 Jan, neither group has met yet, 2 Feb is within the window (Fri 6 Feb) -> 2.
    late = cp_plan(w.wa, D(2026, 1, 19))
    met = cp_plan(w.wb, D(2026, 1, 19))
    meeting_on(kind=MeetingKind.CORE_GROUP, day=D(2026, 2, 2), child=met.child, plan=met)
    return late.child, met.child


def cp_visit_due(w: World) -> tuple[Person, Person]:
    # CP plans from Mon 19 Jan 2026, never seen: a visit is due by 19 Jan + 10 WD = Mon 2 Feb.
    # Alerted: not seen by 28 Feb -> overdue. Other: seen Thu 26 Feb, next due 26 Feb + 10 WD
    # = Thu 12 Mar, past the window on 28 Feb (Fri 6 Mar) -> no alert. 31 Dec: no plan -> 0.
    # Due soon: 31 Jan, neither seen yet, 2 Feb is within the window (Fri 6 Feb) -> 2.
    unseen = cp_plan(w.wa, D(2026, 1, 19))
    seen = cp_plan(w.wb, D(2026, 1, 19))
    VisitFactory(episode=seen.episode, child=seen.child, visited_on=D(2026, 2, 26))
    return unseen.child, seen.child


def cp_review_due(w: World) -> tuple[Person, Person]:
    # CP plans from Sun 30 Nov 2025: first review due 30 Nov + 3 months = Sat 28 Feb 2026.
    # Alerted: no review by 31 Mar -> overdue. Other: reviewed (RCPC) Fri 27 Feb, next due
    # 27 Aug -> no alert. 31 Jan: 28 Feb is past the window (Fri 6 Feb) -> 0.
    # Due soon: 28 Feb is the deadline day itself -> 1 (the other was reviewed on 27 Feb).
    late = cp_plan(w.wa, D(2025, 11, 30))
    reviewed = cp_plan(w.wb, D(2025, 11, 30))
    meeting_on(kind=MeetingKind.RCPC, day=D(2026, 2, 27), child=reviewed.child, plan=reviewed)
    return late.child, reviewed.child


def midpoint_review_due(w: World) -> tuple[Person, Person]:
    # CP plans from Fri 16 Jan 2026: first review due 16 Apr (3 months, 90 days later); the
    # midpoint is 16 Jan + 90 // 2 = 45 days = Mon 2 Mar. Alerted: no midpoint review by
    # 31 Mar -> overdue. Other: the chair reviewed progress on 2 Mar -> met.
    # 31 Jan: 2 Mar is past the window (Fri 6 Feb) -> 0.
    # Due soon: 28 Feb, neither reviewed yet, 2 Mar is within the window (Fri 6 Mar) -> 2.
    late = cp_plan(w.wa, D(2026, 1, 16))
    reviewed = cp_plan(w.wb, D(2026, 1, 16))
    MidpointReviewFactory(plan=reviewed, child=reviewed.child, reviewed_on=D(2026, 3, 2))
    return late.child, reviewed.child


def cp_plan_long(w: World) -> tuple[Person, Person]:
    # CP plans from Fri 30 Aug 2024: open over 18 months from 30 Aug + 18 months = 28 Feb 2026.
    # Alerted: still open on 31 Mar -> overdue. Other: plan ended 20 Feb 2026 -> no open plan.
    # 31 Jan: 28 Feb is past the window (Fri 6 Feb) -> 0.
    # Due soon: 28 Feb is the deadline day itself -> 1 (the other plan ended on 20 Feb).
    long = cp_plan(w.wa, D(2024, 8, 30))
    ended = cp_plan(w.wb, D(2024, 8, 30))
    ended.ended_on, ended.status, ended.end_reason = D(2026, 2, 20), PlanStatus.ENDED, "Ended"
    ended.save()
    return long.child, ended.child


def cp_repeat_plan(w: World) -> tuple[Person, Person]:
    # New CP plans from Mon 5 Jan 2026. Alerted: a previous plan ended 3 Feb 2025, and
    # 5 Jan 2026 <= 3 Feb 2025 + 24 months = 3 Feb 2027 -> flag on 31 Jan. Other: previous plan
    # ended 1 Dec 2023; 5 Jan 2026 > 1 Dec 2023 + 24 months = 1 Dec 2025 -> not a repeat.
    # 31 Dec 2025: neither new plan has started -> 0.
    children = []
    for worker, start, end in (
        (w.wa, D(2024, 6, 3), D(2025, 2, 3)),
        (w.wb, D(2022, 6, 1), D(2023, 12, 1)),
    ):
        earlier = cp_plan(worker, start)
        earlier.ended_on, earlier.status, earlier.end_reason = end, PlanStatus.ENDED, "Ended"
        earlier.save()
        CPPlanFactory(episode=earlier.episode, started_on=D(2026, 1, 5))
        children.append(earlier.child)
    return children[0], children[1]


def chair_alert_response_due(w: World) -> tuple[Person, Person]:
    # CP plans from 1 Oct 2025; the chair raises a practice alert on Mon 23 Feb 2026 (stage 1
    # from that day): a response is due by 23 Feb + 5 WD = Mon 2 Mar. Alerted: no response by
    # 31 Mar -> overdue. Other: responded Fri 27 Feb -> met. 31 Jan: no alert raised yet -> 0.
    # Due soon: 28 Feb, 2 Mar is within the window (Fri 6 Mar); the other has responded -> 1.
    stages = []
    for worker in (w.wa, w.wb):
        plan = cp_plan(worker, D(2025, 10, 1))
        alert = PracticeAlertFactory(plan=plan, child=plan.child, raised_on=D(2026, 2, 23))
        stages.append(
            PracticeAlertStageFactory(
                alert=alert, started_on=D(2026, 2, 23), response_due_on=D(2026, 3, 2)
            )
        )
    stages[1].responded_on = D(2026, 2, 27)
    stages[1].save()
    return stages[0].alert.child, stages[1].alert.child


# ---- children in need plans ---------------------------------------------------------------


def cin_plan(worker: User, started: dt.date):
    ep = case_for(worker, started - dt.timedelta(days=30))
    return ActivePlanFactory(episode=ep, started_on=started)


def cin_visit_due(w: World) -> tuple[Person, Person]:
    # CIN plans from Mon 2 Feb 2026, never seen: a visit is due by 2 Feb + 20 WD = Mon 2 Mar.
    # Alerted: not seen by 31 Mar -> overdue. Other: seen Fri 20 Mar, next due 20 Mar + 20 WD
    # (Good Friday and Easter Monday skipped) = Tue 21 Apr, past the window on 31 Mar
    # (31 Mar + 5 WD = Thu 9 Apr) -> no alert. 31 Jan: no plan yet -> 0.
    # Due soon: 28 Feb, neither seen yet, 2 Mar is within the window (Fri 6 Mar) -> 2.
    unseen = cin_plan(w.wa, D(2026, 2, 2))
    seen = cin_plan(w.wb, D(2026, 2, 2))
    VisitFactory(episode=seen.episode, child=seen.child, visited_on=D(2026, 3, 20))
    return unseen.child, seen.child


def cin_review_due(w: World) -> tuple[Person, Person]:
    # CIN plans from Sun 30 Nov 2025: first review due 30 Nov + 3 months = Sat 28 Feb 2026.
    # Alerted: no review by 31 Mar -> overdue. Other: reviewed Fri 27 Feb, next due 27 May
    # -> no alert. 31 Jan: 28 Feb is past the window (Fri 6 Feb) -> 0.
    # Due soon: 28 Feb is the deadline day itself -> 1 (the other was reviewed on 27 Feb).
    late = cin_plan(w.wa, D(2025, 11, 30))
    reviewed = cin_plan(w.wb, D(2025, 11, 30))
    meeting_on(kind=MeetingKind.CIN_REVIEW, day=D(2026, 2, 27), child=reviewed.child, plan=reviewed)
    return late.child, reviewed.child


def plan_version(worker: User):
    """A CIN plan from Mon 5 Jan 2026 (referred 6 Dec 2025), version 1 authorised that day."""
    plan = cin_plan(worker, D(2026, 1, 5))
    return PlanVersionFactory(plan=plan, made_on=D(2026, 1, 5), authorised_on=D(2026, 1, 5))


def plan_no_contingency(w: World) -> tuple[Person, Person]:
    # Alerted: the current version (authorised 5 Jan 2026) has no contingency -> flag on
    # 31 Jan. Other: a complete contingency with a family network member -> no flag.
    # 31 Dec 2025: no plan yet -> 0.
    missing = plan_version(w.wa)
    complete = plan_version(w.wb)
    NetworkMemberFactory(contingency=ContingencyFactory(plan_version=complete))
    return missing.plan.child, complete.plan.child


def plan_outcome_not_measured(w: World) -> tuple[Person, Person]:
    # Both current versions (authorised 5 Jan 2026) have an outcome with a baseline of 3.
    # Alerted: not rated by 31 Jan -> flag. Other: rated Tue 20 Jan -> measured.
    # 28 Feb: the alerted child's outcome was rated Mon 16 Feb (put right) -> 0.
    def rate(outcome, day):
        OutcomeRating.objects.create(
            outcome=outcome,
            rated_on=day,
            score=5,
            created_by=outcome.created_by,
            updated_by=outcome.created_by,
        )

    unmeasured = plan_version(w.wa)
    rate(OutcomeFactory(plan_version=unmeasured, baseline=3), D(2026, 2, 16))
    measured = plan_version(w.wb)
    rate(OutcomeFactory(plan_version=measured, baseline=3), D(2026, 1, 20))
    return unmeasured.plan.child, measured.plan.child


def no_child_participation(w: World) -> tuple[Person, Person]:
    # CIN reviews held Mon 2 Mar 2026. Alerted: how the child took part is not recorded -> flag
    # on 31 Mar. Other: took part in writing -> no flag. 28 Feb: no review yet (a plan with no
    # review is not flagged) -> 0.
    silent = plan_version(w.wa).plan
    meeting_on(kind=MeetingKind.CIN_REVIEW, day=D(2026, 3, 2), child=silent.child, plan=silent)
    heard = plan_version(w.wb).plan
    meeting_on(
        kind=MeetingKind.CIN_REVIEW,
        day=D(2026, 3, 2),
        child=heard.child,
        plan=heard,
        participation=ParticipationMode.IN_WRITING,
    )
    return silent.child, heard.child


# ---- legal ----------------------------------------------------------------------------------


def plo_duration(w: World) -> tuple[Person, Person]:
    # Letters before proceedings sent Mon 15 Sep 2025 (cases referred 2 Jun 2025): pre-proceedings
    # are due to end by 15 Sep + 16 weeks = Mon 5 Jan 2026. Alerted: no outcome by 31 Jan 2026
    # -> overdue. Other: decided to issue on 15 Dec 2025 -> ended. 30 Nov 2025: 5 Jan is past
    # the window (Fri 5 Dec) -> 0.
    # Due soon: 31 Dec, 5 Jan is within the window (Thu 8 Jan); the other has ended -> 1.
    open_child = case_for(w.wa, D(2025, 6, 2)).child
    ended_child = case_for(w.wb, D(2025, 6, 2)).child
    letter = D(2025, 9, 15)
    PreProceedingsFactory(children=[open_child], decided_on=letter, letter_sent_on=letter)
    PreProceedingsFactory(
        children=[ended_child],
        decided_on=letter,
        letter_sent_on=letter,
        outcome="issue",
        step_decided_on=D(2025, 12, 15),
    )
    return open_child, ended_child


def proceedings_26w(w: World) -> tuple[Person, Person]:
    # Care proceedings issued Mon 7 Jul 2025: due to conclude by 7 Jul + 26 weeks = Mon
    # 5 Jan 2026. Alerted: not concluded by 31 Jan 2026 -> overdue. Other: concluded
    # 19 Dec 2025 -> met. 30 Nov 2025: 5 Jan is past the window (Fri 5 Dec) -> 0.
    # Due soon: 31 Dec, 5 Jan is within the window (Thu 8 Jan); the other has concluded -> 1.
    running = case_for(w.wa, D(2025, 6, 2)).child
    concluded = case_for(w.wb, D(2025, 6, 2)).child
    CareProceedingsFactory(children=[running], issued_on=D(2025, 7, 7))
    CareProceedingsFactory(
        children=[concluded], issued_on=D(2025, 7, 7), concluded_on=D(2025, 12, 19)
    )
    return running, concluded


# ---- workforce and quality ------------------------------------------------------------------


def case_oversight_due(w: World) -> tuple[Person, Person]:
    # Referred Mon 1 Dec 2025, allocated Wed 3 Dec: oversight due by 3 Dec + 1 month = Sat
    # 3 Jan 2026. Alerted: no oversight entry by 31 Jan -> overdue. Other: oversight recorded
    # 20 Jan, next due 20 Feb, past the window (Fri 6 Feb) -> no alert. 30 Nov: not referred
    # yet (no open case) -> 0.
    # Due soon: 31 Dec, neither overseen yet, 3 Jan is within the window (Thu 8 Jan) -> 2.
    late = case_for(w.wa, D(2025, 12, 1), allocated=D(2025, 12, 3)).child
    overseen = case_for(w.wb, D(2025, 12, 1), allocated=D(2025, 12, 3)).child
    OversightEntryFactory(child=overseen, recorded_on=D(2026, 1, 20))
    return late, overseen


def unallocated(w: World) -> tuple[Person, Person]:
    # Referred Mon 3 Nov 2025. Alerted: in team A's queue with no worker -> flag on 30 Nov.
    # Other: allocated to worker wb from 3 Nov -> no flag. 31 Dec: the alerted child was
    # allocated to worker wa on 1 Dec (the queue row ended that day; put right) -> 0.
    queued = EpisodeFactory(referral_date=D(2025, 11, 3)).child
    AllocationFactory(child=queued, team=w.a, started_on=D(2025, 11, 3), ended_on=D(2025, 12, 1))
    AllocationFactory(child=queued, team=w.a, worker=w.wa, started_on=D(2025, 12, 1))
    allocated = case_for(w.wb, D(2025, 11, 3)).child
    return queued, allocated


def worker_absent(w: World) -> tuple[Person, Person]:
    # Cases allocated from 1 Dec 2025 to wa (team A) and wb (team B); both workers absent from
    # Mon 19 Jan 2026 with no end. Alerted (wa's): no cover -> flag on 31 Jan. Other (wb's):
    # cover for all wb's children 19 Jan to 6 Feb -> no flag. 31 Dec: nobody absent -> 0.
    held = case_for(w.wa, D(2025, 12, 1)).child
    covered = case_for(w.wb, D(2025, 12, 1)).child
    AbsenceFactory(worker=w.wa, starts_on=D(2026, 1, 19))
    absence = AbsenceFactory(worker=w.wb, starts_on=D(2026, 1, 19))
    CoverFactory(absence=absence, starts_on=D(2026, 1, 19), ends_on=D(2026, 2, 6))
    return held, covered


def audit_action_overdue(w: World) -> tuple[Person, Person]:
    # Audit recommendations made 3 Nov 2025, due Mon 2 Feb 2026 (cases referred 1 Sep 2025).
    # Alerted: not completed by 28 Feb -> overdue. Other: completed Fri 30 Jan -> met.
    # 31 Dec 2025: 2 Feb is past the window (Thu 8 Jan) -> 0.
    # Due soon: 31 Jan, 2 Feb is within the window (Fri 6 Feb); the other was done -> 1.
    recommendations = []
    for worker in (w.wa, w.wb):
        child = case_for(worker, D(2025, 9, 1)).child
        recommendations.append(
            RecommendationFactory(
                audit=CaseAuditFactory(child=child),
                child=child,
                made_on=D(2025, 11, 3),
                due_on=D(2026, 2, 2),
            )
        )
    done = recommendations[1]
    done.completed_on, done.status = D(2026, 1, 30), "awaiting_verification"
    done.evidence_kind, done.evidence_id = "visit", 1
    done.save()
    return recommendations[0].child, done.child


# ---- the table ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    build: Callable[[World], tuple[Person, Person]]  # (alerted child, other child)
    month: dt.date  # the alerted child's alert is open at this month's end
    quiet: dt.date  # and nobody's is at this one
    # A month end when the alerted child's alert is due soon (not yet overdue), and the
    # council figure then: 1 (the alerted child) or 2 (both children). Every deadline rule
    # has one; flags have no deadline, so none.
    soon: tuple[dt.date, int] | None = None


CASES: dict[str, Case] = {
    "drift_contact_decision_1wd": Case(contact_decision_1wd, MAR, JAN, soon=(FEB, 2)),
    "drift_assessment_45wd": Case(assessment_45wd, MAR, JAN, soon=(FEB, 2)),
    "drift_assessment_update_due": Case(assessment_update_due, FEB, DEC, soon=(JAN, 1)),
    "drift_icpc_15wd": Case(icpc_15wd, FEB, DEC, soon=(JAN, 1)),
    "drift_core_group_10wd": Case(core_group_10wd, FEB, DEC, soon=(JAN, 2)),
    "drift_cp_visit_due": Case(cp_visit_due, FEB, DEC, soon=(JAN, 2)),
    "drift_cp_review_due": Case(cp_review_due, MAR, JAN, soon=(FEB, 1)),
    "drift_midpoint_review_due": Case(midpoint_review_due, MAR, JAN, soon=(FEB, 2)),
    "drift_cp_plan_long": Case(cp_plan_long, MAR, JAN, soon=(FEB, 1)),
    "drift_cp_repeat_plan": Case(cp_repeat_plan, JAN, DEC),
    "drift_chair_alert_response_due": Case(chair_alert_response_due, MAR, JAN, soon=(FEB, 1)),
    "drift_cin_visit_due": Case(cin_visit_due, MAR, JAN, soon=(FEB, 2)),
    "drift_cin_review_due": Case(cin_review_due, MAR, JAN, soon=(FEB, 1)),
    "drift_plan_no_contingency": Case(plan_no_contingency, JAN, DEC),
    "drift_plan_outcome_not_measured": Case(plan_outcome_not_measured, JAN, FEB),
    "drift_no_child_participation": Case(no_child_participation, MAR, FEB),
    "drift_plo_duration": Case(plo_duration, JAN, NOV, soon=(DEC, 1)),
    "drift_proceedings_26w": Case(proceedings_26w, JAN, NOV, soon=(DEC, 1)),
    "drift_case_oversight_due": Case(case_oversight_due, JAN, NOV, soon=(DEC, 2)),
    "drift_unallocated": Case(unallocated, NOV, DEC),
    "drift_worker_absent": Case(worker_absent, JAN, DEC),
    "drift_audit_action_overdue": Case(audit_action_overdue, FEB, DEC, soon=(JAN, 1)),
}


def test_the_table_has_one_case_per_registered_drift_measure():
    assert DRIFT_KEYS, "no drift measures registered"
    assert sorted(CASES) == DRIFT_KEYS
    for key in DRIFT_KEYS:
        rule = get_measure(key).rule
        assert key == f"drift_{rule.lower()}"
        has_deadline = CATALOGUE[rule].alert_unit is not None
        assert (CASES[key].soon is not None) == has_deadline, f"{key}: due-soon month"


def count(n: int) -> Figure:
    return Figure(Decimal(n), n, None)


@pytest.mark.parametrize("key", DRIFT_KEYS)
def test_drift_measure_against_a_hand_worked_fixture(key):
    assert key in CASES, f"{key} has no hand-worked case in this file"
    case = CASES[key]
    a = TeamFactory(name="Team A")
    b = TeamFactory(name="Team B")
    world = World(a, b, UserFactory(username="wa", team=a), UserFactory(username="wb", team=b))
    alerted, other = case.build(world)
    assert alerted.pk != other.pk

    measure = get_measure(key)
    council, team_a, team_b = Scope.council(), Scope.team(a.pk), Scope.team(b.pk)
    got = measure.figures([case.quiet, case.month], [council, team_a, team_b])
    assert {scope: got[(case.month, scope)] for scope in (council, team_a, team_b)} == {
        council: count(1),
        team_a: count(1),
        team_b: count(0),
    }
    assert got[(case.quiet, council)] == count(0)

    def listed(month, scope):
        return list(measure.children(month, scope).values_list("pk", flat=True))

    assert listed(case.month, council) == [alerted.pk]
    assert listed(case.month, team_a) == [alerted.pk]
    assert listed(case.month, team_b) == []
    assert listed(case.quiet, council) == []

    if case.soon:
        month, expected = case.soon
        assert measure.figures([month], [council])[(month, council)] == count(expected)
        both = {alerted.pk, other.pk}
        assert set(listed(month, council)) == ({alerted.pk} if expected == 1 else both)
