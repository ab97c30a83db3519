"""The CP rules on the child's page, as the drift engine reports them (timescales.md):
ICPC_15WD, CORE_GROUP_10WD, CP_REVIEW_DUE, CP_VISIT_DUE, MIDPOINT_REVIEW_DUE and
CHAIR_ALERT_RESPONSE_DUE, with boundary cases (the deadline day is due, not overdue), bank
holidays and closed episodes. A deadline beyond the due-soon window is no alert yet, so those
are read as of a date near it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cairn.casework.models import MeetingKind, VisitKind
from cairn.core.working_days import WorkingDayCalendar
from cairn.testing.chair_factories import (
    MidpointReviewFactory,
    PracticeAlertFactory,
    PracticeAlertStageFactory,
)
from cairn.testing.plans_factories import EpisodeFactory
from cairn.testing.protection_factories import (
    ConferenceDetailFactory,
    ConferenceMeetingFactory,
    MeetingChildFactory,
    S47EnquiryFactory,
    StrategyMeetingFactory,
    cp_plan_with_history,
)
from cairn.testing.records_factories import VisitFactory
from cairn.timescales.engine import Status as DueStatus
from cairn.timescales.engine import alerts_as_of

from .conftest import PLAN_START, TODAY

pytestmark = pytest.mark.django_db
CALENDAR = WorkingDayCalendar()


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)


def _due(child, today=TODAY):
    alerts = alerts_as_of(as_of=today, calendar=CALENDAR, children=[child.pk])
    assert all(alert.child_id == child.pk for alert in alerts)
    return {alert.rule: alert for alert in alerts}


# --- ICPC_15WD -------------------------------------------------------------------------------


def _s47(child, started_on, **fields):
    episode = EpisodeFactory(child=child, referral_date=started_on)
    meeting = StrategyMeetingFactory(held_at=_at(started_on))
    return S47EnquiryFactory(
        episode=episode, child=child, strategy_discussion=meeting, started_on=started_on, **fields
    )


@pytest.mark.parametrize(
    ("started", "due", "status"),
    [
        (dt.date(2026, 2, 23), dt.date(2026, 3, 16), DueStatus.DUE_SOON),  # due today: not late
        (dt.date(2026, 2, 20), dt.date(2026, 3, 13), DueStatus.OVERDUE),
        # Over Christmas: 25, 26 Dec and 1 Jan are bank holidays.
        (dt.date(2025, 12, 15), dt.date(2026, 1, 8), DueStatus.OVERDUE),
    ],
)
def test_icpc_due_15_working_days_after_the_s47_started(child_in_north, started, due, status):
    _s47(child_in_north, started)
    item = _due(child_in_north)["ICPC_15WD"]
    assert (item.due, item.status) == (due, status)


def test_icpc_not_due_when_held_or_not_needed_or_closed(child_in_north, child_in_south):
    s47 = _s47(child_in_north, dt.date(2026, 2, 23))
    ConferenceDetailFactory(
        s47=s47, child=child_in_north, meeting=ConferenceMeetingFactory(held_at=_at(TODAY))
    )
    assert "ICPC_15WD" not in _due(child_in_north)

    _s47(child_in_south, dt.date(2026, 2, 23), icpc_needed=False, icpc_not_needed_reason="NFA")
    assert "ICPC_15WD" not in _due(child_in_south)


def test_icpc_not_due_on_a_closed_episode(child_in_north):
    s47 = _s47(child_in_north, dt.date(2026, 2, 23))
    s47.episode.closed_on = dt.date(2026, 3, 1)
    s47.episode.closure_reason = "RC8"
    s47.episode.save()
    assert _due(child_in_north) == {}


# --- CP plan rules ---------------------------------------------------------------------------


def test_cp_plan_rules_from_the_plan_start(cp_child):
    due = _due(cp_child)
    assert due["CORE_GROUP_10WD"].due == dt.date(2026, 2, 9)  # Monday 26 Jan + 10 WD
    assert "CP_REVIEW_DUE" not in due  # 26 April: not due soon yet
    review = _due(cp_child, dt.date(2026, 4, 20))["CP_REVIEW_DUE"]
    assert (review.due, review.status) == (dt.date(2026, 4, 26), DueStatus.DUE_SOON)  # + 3 months
    assert due["CP_VISIT_DUE"].due == dt.date(2026, 2, 9)
    assert due["MIDPOINT_REVIEW_DUE"].due == dt.date(2026, 3, 12)  # 45 of 90 days
    assert due["MIDPOINT_REVIEW_DUE"].status == DueStatus.OVERDUE


def test_core_group_and_cp_visit_over_easter(child_in_north, chair):
    episode = EpisodeFactory(child=child_in_north, referral_date=dt.date(2026, 3, 2))
    cp_plan_with_history(episode=episode, started_on=dt.date(2026, 4, 2), chair=chair)
    assert "CORE_GROUP_10WD" not in _due(child_in_north, today=dt.date(2026, 4, 2))
    due = _due(child_in_north, today=dt.date(2026, 4, 14))  # 5 WD on: Tuesday 21 April
    # Thursday 2 April + 10 WD, skipping Good Friday and Easter Monday: Monday 20 April.
    assert due["CORE_GROUP_10WD"].due == dt.date(2026, 4, 20)
    assert due["CP_VISIT_DUE"].due == dt.date(2026, 4, 20)


def test_a_core_group_since_the_plan_start_meets_the_rule(cp_child, plan):
    meeting = ConferenceMeetingFactory(kind=MeetingKind.CORE_GROUP, held_at=_at(PLAN_START))
    MeetingChildFactory(meeting=meeting, child=cp_child)
    assert "CORE_GROUP_10WD" not in _due(cp_child)


def test_a_core_group_before_the_plan_does_not_count(cp_child, plan):
    meeting = ConferenceMeetingFactory(
        kind=MeetingKind.CORE_GROUP, held_at=_at(PLAN_START - dt.timedelta(days=1))
    )
    MeetingChildFactory(meeting=meeting, child=cp_child)
    assert "CORE_GROUP_10WD" in _due(cp_child)


def test_later_review_six_months_after_the_last_review(cp_child, plan, chair):
    rcpc = ConferenceMeetingFactory(
        kind=MeetingKind.RCPC, held_at=_at(dt.date(2026, 3, 9)), plan=plan, chair=chair
    )
    ConferenceDetailFactory(s47=plan.s47, child=cp_child, meeting=rcpc, outcome="continue")
    assert {"CP_REVIEW_DUE", "MIDPOINT_REVIEW_DUE"}.isdisjoint(_due(cp_child))
    assert _due(cp_child, dt.date(2026, 9, 9))["CP_REVIEW_DUE"].due == dt.date(2026, 9, 9)
    # Midpoint: halfway from 9 March to 9 September (184 days, 92 on): 9 June.
    assert _due(cp_child, dt.date(2026, 6, 9))["MIDPOINT_REVIEW_DUE"].due == dt.date(2026, 6, 9)


def test_first_review_at_month_end(child_in_north, chair):
    episode = EpisodeFactory(child=child_in_north, referral_date=dt.date(2025, 11, 3))
    cp_plan_with_history(episode=episode, started_on=dt.date(2025, 11, 30), chair=chair)
    assert _due(child_in_north)["CP_REVIEW_DUE"].due == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("visit", "counts"),
    [
        ({"kind": VisitKind.CP, "child_seen": True, "seen_alone": True}, True),
        ({"kind": VisitKind.CP, "child_seen": False}, False),
        # timescales.md: the last visit where the child was seen, whatever its kind.
        ({"kind": VisitKind.CIN, "child_seen": True}, True),
    ],
)
def test_cp_visits_where_the_child_was_seen_count(cp_child, plan, visit, counts):
    VisitFactory(episode=plan.episode, child=cp_child, visited_on=dt.date(2026, 3, 2), **visit)
    item = _due(cp_child)["CP_VISIT_DUE"]
    expected = dt.date(2026, 3, 16) if counts else dt.date(2026, 2, 9)
    assert item.due == expected
    # 2 March + 10 WD is today: due, not overdue.
    assert item.status == (DueStatus.DUE_SOON if counts else DueStatus.OVERDUE)


def test_midpoint_review_since_the_last_conference_meets_the_rule(cp_child, plan, chair):
    assert "MIDPOINT_REVIEW_DUE" in _due(cp_child)  # due 12 March
    # On the day of the ICPC is not since it (the engine: after the last conference).
    MidpointReviewFactory(plan=plan, child=cp_child, chair=chair, reviewed_on=PLAN_START)
    assert "MIDPOINT_REVIEW_DUE" in _due(cp_child)
    MidpointReviewFactory(plan=plan, child=cp_child, chair=chair, reviewed_on=dt.date(2026, 3, 12))
    assert "MIDPOINT_REVIEW_DUE" not in _due(cp_child)


def test_midpoint_before_the_last_conference_does_not_count(cp_child, plan, chair):
    MidpointReviewFactory(plan=plan, child=cp_child, chair=chair, reviewed_on=dt.date(2026, 3, 2))
    rcpc = ConferenceMeetingFactory(
        kind=MeetingKind.RCPC, held_at=_at(dt.date(2026, 3, 9)), plan=plan, chair=chair
    )
    ConferenceDetailFactory(s47=plan.s47, child=cp_child, meeting=rcpc, outcome="continue")
    assert "MIDPOINT_REVIEW_DUE" in _due(cp_child, dt.date(2026, 6, 9))  # halfway to 9 Sep


def test_no_cp_rules_once_the_episode_is_closed(cp_child, plan):
    plan.episode.closed_on = TODAY
    plan.episode.closure_reason = "RC8"
    plan.episode.save()
    assert _due(cp_child) == {}


# --- CHAIR_ALERT_RESPONSE_DUE ----------------------------------------------------------------


def test_alert_response_due_by_the_current_stage(cp_child, plan, team_manager):
    alert = PracticeAlertFactory(plan=plan, child=cp_child, raised_on=dt.date(2026, 3, 9))
    PracticeAlertStageFactory(alert=alert, recipient=team_manager, response_due_on=TODAY)
    item = _due(cp_child)["CHAIR_ALERT_RESPONSE_DUE"]  # stage from 9 March + 5 WD
    assert (item.due, item.status) == (TODAY, DueStatus.DUE_SOON)
    assert "stage 1, from 9 Mar 2026" in item.explanation


def test_answered_or_resolved_alerts_are_not_due(cp_child, plan, team_manager):
    answered = PracticeAlertFactory(plan=plan, child=cp_child)
    PracticeAlertStageFactory(alert=answered, recipient=team_manager, responded_on=TODAY)
    resolved = PracticeAlertFactory(plan=plan, child=cp_child, status="resolved", resolved_on=TODAY)
    PracticeAlertStageFactory(alert=resolved, recipient=team_manager)
    assert "CHAIR_ALERT_RESPONSE_DUE" not in _due(cp_child)


def test_one_query_per_rule_whatever_the_number_of_children(child_in_north, child_in_south, chair):
    children = [child_in_north, child_in_south]
    for child in children:
        episode = EpisodeFactory(child=child, referral_date=dt.date(2026, 1, 2))
        cp_plan_with_history(episode=episode, started_on=PLAN_START, chair=chair)
    ids = [c.pk for c in children]
    with CaptureQueriesContext(connection) as one:
        alerts_as_of(as_of=TODAY, calendar=CALENDAR, children=ids[:1])
    with CaptureQueriesContext(connection) as two:
        result = alerts_as_of(as_of=TODAY, calendar=CALENDAR, children=ids)
    assert len(two.captured_queries) == len(one.captured_queries)
    assert {a.child_id for a in result if a.rule == "MIDPOINT_REVIEW_DUE"} == set(ids)
