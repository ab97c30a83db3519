"""Practice, workforce and quality measures against hand-worked figures; the drift measures
against the drift engine they read (ADR 0027)."""

from decimal import Decimal

import pytest
from django.test import override_settings

from cairn.casework.models import MeetingKind, ParticipationMode, PlanKind
from cairn.insight.measures.base import Figure, Scope, measures
from cairn.insight.measures.periods import month_end
from cairn.insight.measures.practice import DriftRule
from cairn.insight.tests.measures_world import (
    FEB,
    JAN,
    MAR,
    TODAY,
    D,
    assert_drill_down_matches,
    at,
    behind,
    build_world,
    figure,
)
from cairn.quality.models import AuditStatus, Grade
from cairn.testing.factories import AdultFactory
from cairn.testing.plans_factories import NetworkMemberFactory
from cairn.testing.protection_factories import (
    ConferenceMeetingFactory,
    CPPlanFactory,
    CPPlanVersionFactory,
    MeetingChildFactory,
)
from cairn.testing.quality_factories import CaseAuditFactory, RecommendationFactory
from cairn.testing.records_factories import (
    ActivePlanFactory,
    ContingencyFactory,
    EpisodeFactory,
    PlanVersionFactory,
    ReviewFactory,
    VisitFactory,
)
from cairn.testing.workforce_factories import SupervisionSessionFactory
from cairn.timescales.engine.evaluate import alerts_as_of

pytestmark = pytest.mark.django_db


def fig(value, numerator, denominator=None):
    return Figure(None if value is None else Decimal(value), numerator, denominator)


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY):
        yield


def complete_contingency(version):
    contingency = ContingencyFactory(plan_version=version)
    NetworkMemberFactory(contingency=contingency, person=AdultFactory())


@pytest.fixture
def world():
    w = build_world()
    e1 = EpisodeFactory(child=w.c1, referral_date=D(2026, 1, 5))
    e3 = EpisodeFactory(child=w.c3, referral_date=D(2024, 1, 10))
    e4 = EpisodeFactory(child=w.c4, referral_date=D(2025, 11, 1))
    # c1: CP plan from Fri 20 Feb, complete contingency, no visit yet: visit due 20 Feb + 10 WD
    #     = Fri 6 Mar (in time on 28 Feb, overdue on 20 Mar); first review due 20 May.
    p1 = CPPlanFactory(episode=e1, started_on=D(2026, 2, 20))
    complete_contingency(CPPlanVersionFactory(plan=p1))
    # c4: CP plan from Tue 10 Feb, no contingency, no visit: due 10 Feb + 10 WD = Tue 24 Feb
    #     (overdue on 28 Feb). Its ICPC (10 Feb) records no participation -> flagged.
    p4 = CPPlanFactory(episode=e4, started_on=D(2026, 2, 10))
    CPPlanVersionFactory(plan=p4)
    icpc = ConferenceMeetingFactory(kind=MeetingKind.ICPC, held_at=at(D(2026, 2, 10)), plan=p4)
    MeetingChildFactory(meeting=icpc, child=w.c4, participation="")
    # c3: CIN plan from 2 Jun 2025, complete contingency; seen on Fri 20 Feb (next visit due
    #     20 Feb + 20 WD = Fri 20 Mar: due today, not overdue); reviewed 1 Dec 2025 with the
    #     child's participation recorded (next review due 1 Mar 2026: overdue on 20 Mar).
    p3 = ActivePlanFactory(episode=e3, kind=PlanKind.CIN, started_on=D(2025, 6, 2))
    complete_contingency(
        PlanVersionFactory(plan=p3, made_on=D(2025, 6, 2), authorised_on=D(2025, 6, 2))
    )
    VisitFactory(episode=e3, visited_on=D(2026, 2, 20), child_seen=True)
    review = ReviewFactory(plan=p3, held_at=at(D(2025, 12, 1)))
    MeetingChildFactory(meeting=review, child=w.c3, participation=ParticipationMode.VIA_WORKER)
    # Supervision (monthly standard): w1 (c1, c4) on 16 Feb -> due 16 Mar; w3 (c3) on
    # 1 Dec 2025 -> due 1 Jan 2026.
    SupervisionSessionFactory(worker=w.w1, held_on=D(2026, 2, 16))
    SupervisionSessionFactory(worker=w.w3, held_on=D(2025, 12, 1))
    # Audits moderated: c1 good (A) and c2 inadequate (B) in Feb; c3 outstanding (C) in Mar.
    audits = {}
    for child, team, grade, day in (
        (w.c1, w.a, Grade.GOOD, D(2026, 2, 12)),
        (w.c2, w.b, Grade.INADEQUATE, D(2026, 2, 19)),
        (w.c3, w.c, Grade.OUTSTANDING, D(2026, 3, 3)),
    ):
        audits[child.pk] = CaseAuditFactory(
            child=child,
            team=team,
            status=AuditStatus.MODERATED,
            overall_grade=grade,
            audited_on=day,
            moderated_on=day,
            moderator=w.w3,
        )

    # Recommendations due in Feb: c1 due 10 Feb done 9 Feb (on time); c2 due 20 Feb done
    # 25 Feb (late) and due 27 Feb not done. Due in Mar up to today: c1 due 5 Mar, not done
    # (c3's, due 25 Mar, is not yet due).
    def done(audit, due, completed):
        RecommendationFactory(
            audit=audit,
            made_on=D(2026, 1, 5),
            due_on=due,
            completed_on=completed,
            status="awaiting_verification",
            evidence_kind="case_note",
            evidence_id=1,
            evidence_label="Case note",
            evidence_date=completed,
        )

    done(audits[w.c1.pk], D(2026, 2, 10), D(2026, 2, 9))
    done(audits[w.c2.pk], D(2026, 2, 20), D(2026, 2, 25))
    RecommendationFactory(audit=audits[w.c2.pk], made_on=D(2026, 1, 5), due_on=D(2026, 2, 27))
    RecommendationFactory(audit=audits[w.c1.pk], made_on=D(2026, 1, 5), due_on=D(2026, 3, 5))
    RecommendationFactory(audit=audits[w.c3.pk], made_on=D(2026, 3, 3), due_on=D(2026, 3, 25))
    return w


def test_visits_in_time(world):
    # 28 Feb: c1 in time, c3 in time, c4 overdue -> 2 of 3. 20 Mar: only c3 -> 1 of 3.
    assert figure("visits_in_time", FEB) == fig("66.7", 2, 3)
    assert behind("visits_in_time", FEB) == {world.c1.pk, world.c3.pk}
    assert figure("visits_in_time", MAR) == fig("33.3", 1, 3)
    assert figure("visits_in_time", FEB, Scope.team(world.a.pk)) == fig("50.0", 1, 2)


def test_reviews_in_time(world):
    # 28 Feb: nobody overdue. 20 Mar: c3's CIN review (due 1 Mar) overdue -> 2 of 3.
    assert figure("reviews_in_time", FEB) == fig("100.0", 3, 3)
    assert figure("reviews_in_time", MAR) == fig("66.7", 2, 3)
    assert behind("reviews_in_time", MAR) == {world.c1.pk, world.c4.pk}


def test_participation_recorded(world):
    # c4's ICPC has no participation recorded; c3's review has; c1 has had no review yet.
    assert figure("participation_recorded", FEB) == fig("66.7", 2, 3)
    assert world.c4.pk not in behind("participation_recorded", FEB)


def test_plans_with_complete_contingency(world):
    assert figure("contingency_complete", FEB) == fig("66.7", 2, 3)
    assert behind("contingency_complete", FEB) == {world.c1.pk, world.c3.pk}
    # Jan 31: only c3's plan is open, and complete.
    assert figure("contingency_complete", JAN) == fig("100.0", 1, 1)


def test_supervision_compliance(world):
    # 28 Feb: w1 in time (c1, c4), w3 overdue (c3) -> 2 of 3. 20 Mar: both overdue.
    assert figure("supervision_in_time", FEB) == fig("66.7", 2, 3)
    assert figure("supervision_in_time", MAR) == fig("0.0", 0, 3)
    assert figure("supervision_in_time", FEB, Scope.team(world.c.pk)) == fig("0.0", 0, 1)


def test_caseloads(world):
    # 28 Feb: c1, c4 with w1 and c3 with w3 (c2 has no worker) -> 3 children / 2 workers.
    assert figure("caseload_average", FEB) == fig("1.5", 3, 2)
    assert figure("caseload_average", FEB, Scope.team(world.a.pk)) == fig("2.0", 2, 1)
    assert figure("caseload_average", FEB, Scope.service(world.s.pk)) == fig("2.0", 2, 1)
    assert figure("caseload_average", FEB, Scope.team(world.b.pk)) == fig(None, 0, 0)


def test_audit_grades(world):
    assert figure("audits_good", FEB) == fig("50.0", 1, 2)
    assert figure("audits_good", MAR) == fig("100.0", 1, 1)
    assert figure("audits_good", FEB, Scope.team(world.b.pk)) == fig("0.0", 0, 1)


def test_recommendation_completion(world):
    # Feb: c1 on time; c2 one late and one not done -> 1 of 2. Mar: c1's not done -> 0 of 1.
    assert figure("recommendations_completed", FEB) == fig("50.0", 1, 2)
    assert figure("recommendations_completed", MAR) == fig("0.0", 0, 1)


def test_drift_measures_count_the_engine_alerts_at_month_end(world):
    # By hand for CP_VISIT_DUE on 28 Feb: c4 overdue (due 24 Feb) and c1 due soon (due 6 Mar,
    # within the 5-working-day window) -> 2 children.
    assert behind("drift_cp_visit_due", FEB) == {world.c1.pk, world.c4.pk}
    assert behind("drift_plan_no_contingency", FEB) == {world.c4.pk}
    drift = [m for m in measures() if isinstance(m, DriftRule)]
    for month in (JAN, FEB, MAR):
        alerts = alerts_as_of(as_of=min(month_end(month), D(2026, 3, 20)))
        for measure in drift:
            expected = {a.child_id for a in alerts if a.rule == measure.rule and a.child_id}
            assert figure(measure.key, month).value == len(expected), measure.key
            assert behind(measure.key, month) == expected, measure.key


KEYS = [
    "visits_in_time",
    "reviews_in_time",
    "participation_recorded",
    "contingency_complete",
    "supervision_in_time",
    "caseload_average",
    "audits_good",
    "recommendations_completed",
]


@pytest.mark.parametrize("key", KEYS + [m.key for m in measures() if isinstance(m, DriftRule)])
def test_the_drill_down_list_is_as_long_as_the_figure(world, key):
    assert_drill_down_matches(key, world)
