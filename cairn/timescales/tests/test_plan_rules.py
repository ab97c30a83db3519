"""CIN_VISIT_DUE, CIN_REVIEW_DUE, CP_VISIT_DUE, CP_REVIEW_DUE, CORE_GROUP_10WD, CP_PLAN_LONG,
CP_REPEAT_PLAN, MIDPOINT_REVIEW_DUE at their boundaries."""

import datetime as dt

import pytest

from cairn.casework.models import MeetingKind, PlanKind, PlanStatus
from cairn.testing.chair_factories import MidpointReviewFactory
from cairn.testing.factories import AllocationFactory
from cairn.testing.protection_factories import CPPlanFactory
from cairn.testing.records_factories import ActivePlanFactory, EpisodeFactory, VisitFactory
from cairn.testing.timescales_factories import meeting_on
from cairn.timescales.tests.conftest import only

pytestmark = pytest.mark.django_db
D = dt.date


def cin_plan(started: dt.date, **episode):
    return ActivePlanFactory(
        episode=EpisodeFactory(referral_date=started - dt.timedelta(days=30), **episode),
        started_on=started,
    )


def cp_plan(started: dt.date, **episode):
    return CPPlanFactory(
        episode=EpisodeFactory(referral_date=started - dt.timedelta(days=30), **episode),
        started_on=started,
    )


def seen(plan, day: dt.date, child_seen: bool = True):
    return VisitFactory(
        episode=plan.episode, child=plan.child, visited_on=day, child_seen=child_seen
    )


# ---- visits (CIN 20 WD, CP 10 WD) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "overdue_by"),
    [
        (D(2026, 1, 13), "due_soon", -1),
        (D(2026, 1, 14), "due_soon", 0),
        (D(2026, 1, 15), "overdue", 1),
    ],
)
def test_cin_visit_from_plan_start_across_christmas(run, as_of, status, overdue_by):
    """Plan from Fri 12 Dec 2025, never seen: + 20 WD = Wed 14 Jan 2026."""
    cin_plan(D(2025, 12, 12))
    alert = only(run("CIN_VISIT_DUE", as_of))
    assert (alert.status, alert.overdue_by, alert.due) == (status, overdue_by, D(2026, 1, 14))


def test_cin_visit_across_easter_and_only_visits_where_the_child_was_seen(run):
    plan = cin_plan(D(2026, 2, 2))
    seen(plan, D(2026, 3, 20))  # + 20 WD skipping Good Friday and Easter Monday = 21 Apr
    seen(plan, D(2026, 3, 27), child_seen=False)
    alert = only(run("CIN_VISIT_DUE", D(2026, 4, 22)))
    assert (alert.due, alert.overdue_by) == (D(2026, 4, 21), 1)


def test_cin_visit_on_the_deadline_day_meets_it_and_later_visits_do_not_count(run):
    plan = cin_plan(D(2025, 12, 12))
    seen(plan, D(2026, 1, 14))
    assert run("CIN_VISIT_DUE", D(2026, 1, 15)) == []
    plan2 = cin_plan(D(2025, 12, 12))
    seen(plan2, D(2026, 1, 16))  # after D: does not satisfy the deadline as of 15 Jan
    assert only(run("CIN_VISIT_DUE", D(2026, 1, 15))).child_id == plan2.child_id


def test_cin_visit_closed_case_and_child_on_a_cp_plan(run):
    cin_plan(D(2025, 12, 12), closed_on=D(2026, 1, 10), closure_reason="RC7")
    plan = cin_plan(D(2025, 12, 12))
    cp_plan(D(2026, 1, 5)).__class__.objects.filter(kind=PlanKind.CP).update(
        child=plan.child, episode=plan.episode
    )
    assert run("CIN_VISIT_DUE", D(2026, 1, 15)) == []


def test_cin_visit_after_the_council_and_team_values_change(run, set_value):
    plan = cin_plan(D(2025, 12, 12))
    allocation = AllocationFactory(child=plan.child, started_on=D(2025, 12, 1))
    set_value("CIN_VISIT_DUE", 10)  # 12 Dec + 10 WD = Tue 30 Dec
    assert only(run("CIN_VISIT_DUE", D(2026, 1, 2))).due == D(2025, 12, 30)
    set_value("CIN_VISIT_DUE", 25, team=allocation.team)  # the team's own: 21 Jan
    assert only(run("CIN_VISIT_DUE", D(2026, 1, 20))).due == D(2026, 1, 21)


@pytest.mark.parametrize(
    ("as_of", "status", "overdue_by"),
    [
        (D(2026, 1, 7), "due_soon", -1),
        (D(2026, 1, 8), "due_soon", 0),
        (D(2026, 1, 9), "overdue", 1),
    ],
)
def test_cp_visit_across_christmas(run, as_of, status, overdue_by):
    """CP plan from Mon 22 Dec 2025: + 10 WD = Thu 8 Jan 2026."""
    cp_plan(D(2025, 12, 22))
    alert = only(run("CP_VISIT_DUE", as_of))
    assert (alert.status, alert.overdue_by, alert.due) == (status, overdue_by, D(2026, 1, 8))


def test_cp_visit_easter_closed_and_local_value(run, set_value):
    plan = cp_plan(D(2026, 2, 2))
    seen(plan, D(2026, 3, 30))  # + 10 WD = Wed 15 Apr
    assert only(run("CP_VISIT_DUE", D(2026, 4, 16))).due == D(2026, 4, 15)
    seen(plan, D(2026, 4, 15))
    assert run("CP_VISIT_DUE", D(2026, 4, 16)) == []
    set_value("CP_VISIT_DUE", 5)
    assert only(run("CP_VISIT_DUE", D(2026, 4, 23))).due == D(2026, 4, 22)
    plan.episode.closed_on, plan.episode.closure_reason = D(2026, 4, 20), "RC7"
    plan.episode.save()
    assert run("CP_VISIT_DUE", D(2026, 4, 23)) == []


# ---- reviews --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "overdue_by"),
    [
        (D(2026, 2, 27), "due_soon", -1),
        (D(2026, 2, 28), "due_soon", 0),
        (D(2026, 3, 1), "overdue", 1),
    ],
)
def test_cin_review_calendar_months(run, as_of, status, overdue_by):
    """30 Nov 2025 + 3 months = 28 Feb 2026 (calendar months)."""
    cin_plan(D(2025, 11, 30))
    alert = only(run("CIN_REVIEW_DUE", as_of))
    assert (alert.status, alert.overdue_by, alert.unit) == (status, overdue_by, "calendar_days")


@pytest.mark.parametrize(("as_of", "alerted"), [(D(2026, 3, 26), False), (D(2026, 3, 27), True)])
def test_cin_review_warning_window_across_easter(run, as_of, alerted):
    """Due Tue 7 Apr 2026: Fri 27 Mar + 5 WD (skipping Good Friday, Easter Monday) reaches it."""
    cin_plan(D(2026, 1, 7))
    assert bool(run("CIN_REVIEW_DUE", as_of)) is alerted


def test_cin_review_met_then_due_again_closed_and_local_value(run, set_value):
    plan = cin_plan(D(2025, 11, 30))
    meeting_on(kind=MeetingKind.CIN_REVIEW, day=D(2026, 2, 27), child=plan.child, plan=plan)
    assert run("CIN_REVIEW_DUE", D(2026, 3, 1)) == []
    set_value("CIN_REVIEW_DUE", 1)  # last review 27 Feb + 1 month = 27 Mar
    assert only(run("CIN_REVIEW_DUE", D(2026, 3, 30))).overdue_by == 3
    plan.episode.closed_on, plan.episode.closure_reason = D(2026, 3, 30), "RC7"
    plan.episode.save()
    assert run("CIN_REVIEW_DUE", D(2026, 3, 30)) == []


def test_cp_review_first_at_three_months_then_six(run):
    plan = cp_plan(D(2025, 11, 30))
    assert only(run("CP_REVIEW_DUE", D(2026, 2, 28))).overdue_by == 0
    assert only(run("CP_REVIEW_DUE", D(2026, 3, 1))).status == "overdue"
    meeting_on(kind=MeetingKind.RCPC, day=D(2026, 2, 28), child=plan.child, plan=plan)
    assert run("CP_REVIEW_DUE", D(2026, 3, 1)) == []
    assert only(run("CP_REVIEW_DUE", D(2026, 8, 29))).due == D(2026, 8, 28)
    plan.ended_on, plan.status, plan.end_reason = D(2026, 8, 1), PlanStatus.ENDED, "Ended"
    plan.save()
    assert run("CP_REVIEW_DUE", D(2026, 8, 29)) == []


# ---- core group -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("started", "as_of", "status", "due"),
    [
        (D(2025, 12, 22), D(2026, 1, 8), "due_soon", D(2026, 1, 8)),  # Christmas, the day
        (D(2025, 12, 22), D(2026, 1, 9), "overdue", D(2026, 1, 8)),
        (D(2026, 3, 30), D(2026, 4, 15), "due_soon", D(2026, 4, 15)),  # Easter
        (D(2026, 3, 30), D(2026, 4, 16), "overdue", D(2026, 4, 15)),
    ],
)
def test_core_group_10wd(run, started, as_of, status, due):
    cp_plan(started)
    alert = only(run("CORE_GROUP_10WD", as_of))
    assert (alert.status, alert.due, alert.severity) == (
        status,
        due,
        "high" if status == "overdue" else "low",
    )


def test_core_group_met_on_the_deadline_day_or_case_closed(run):
    plan = cp_plan(D(2025, 12, 22))
    meeting_on(kind=MeetingKind.CORE_GROUP, day=D(2026, 1, 8), child=plan.child, plan=plan)
    assert run("CORE_GROUP_10WD", D(2026, 1, 9)) == []
    assert only(run("CORE_GROUP_10WD", D(2026, 1, 7))).overdue_by == -1  # not yet met on 7 Jan
    cp_plan(D(2025, 12, 22), closed_on=D(2026, 1, 5), closure_reason="RC7")
    assert run("CORE_GROUP_10WD", D(2026, 1, 9)) == []


# ---- long and repeat plans, midpoint review -------------------------------------------------


def test_cp_plan_long_and_local_value(run, set_value):
    cp_plan(D(2024, 8, 30))  # + 18 months = 28 Feb 2026
    assert only(run("CP_PLAN_LONG", D(2026, 2, 28))).overdue_by == 0
    assert only(run("CP_PLAN_LONG", D(2026, 3, 1))).overdue_by == 1
    assert run("CP_PLAN_LONG", D(2026, 2, 20)) == []
    set_value("CP_PLAN_LONG", 24)
    assert run("CP_PLAN_LONG", D(2026, 3, 1)) == []


def test_cp_repeat_plan_flag_and_local_value(run, set_value):
    earlier = cp_plan(D(2024, 6, 3))
    earlier.ended_on, earlier.status, earlier.end_reason = D(2025, 2, 3), PlanStatus.ENDED, "x"
    earlier.save()
    CPPlanFactory(episode=earlier.episode, child=earlier.child, started_on=D(2026, 1, 5))
    alert = only(run("CP_REPEAT_PLAN", D(2026, 3, 2)))
    assert (alert.status, alert.due, alert.overdue_by, alert.unit) == ("flag", None, None, None)
    set_value("CP_REPEAT_PLAN", 6)
    assert run("CP_REPEAT_PLAN", D(2026, 3, 2)) == []


def test_midpoint_review_halfway_to_the_first_review(run):
    plan = cp_plan(D(2026, 1, 26))  # first review 26 Apr: midpoint 26 Jan + 45 days = 12 Mar
    assert only(run("MIDPOINT_REVIEW_DUE", D(2026, 3, 12))).overdue_by == 0
    assert only(run("MIDPOINT_REVIEW_DUE", D(2026, 3, 13))).status == "overdue"
    MidpointReviewFactory(plan=plan, child=plan.child, reviewed_on=D(2026, 3, 12))
    assert run("MIDPOINT_REVIEW_DUE", D(2026, 3, 13)) == []
    assert only(run("MIDPOINT_REVIEW_DUE", D(2026, 3, 11))).overdue_by == -1
