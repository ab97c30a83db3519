"""What is due for a child, as the drift engine reports it on the child's page: deadlines in
working days across bank holidays, calendar months, and labels (overdue, due soon within 5
working days; a later deadline is no alert yet), per shared/domain/timescales.md."""

import datetime as dt

import pytest

from cairn.core.dates import add_months
from cairn.core.working_days import WorkingDayCalendar
from cairn.testing.records_factories import (
    ActivePlanFactory,
    AssessmentFactory,
    AuthorisedAssessmentFactory,
    EpisodeFactory,
    ReviewFactory,
    SignificantEventFactory,
    VisitFactory,
)
from cairn.timescales.engine import Status, alerts_as_of
from cairn.timescales.engine.base import NOT_YET_DUE, deadline_status

from .conftest import TODAY

pytestmark = pytest.mark.django_db
CALENDAR = WorkingDayCalendar()
WINDOW = 5  # DUE_SOON_WINDOW default


def _due(child, today=TODAY):
    alerts = alerts_as_of(as_of=today, calendar=CALENDAR, children=[child.pk])
    assert all(alert.child_id == child.pk for alert in alerts)
    return {alert.rule: alert for alert in alerts}


def due_status(*, due, today, calendar):
    return deadline_status(due=due, as_of=today, calendar=calendar, window=WINDOW)


@pytest.mark.parametrize(
    ("due", "status"),
    [
        (dt.date(2026, 3, 13), Status.OVERDUE),  # the Friday before
        (TODAY, Status.DUE_SOON),
        (dt.date(2026, 3, 23), Status.DUE_SOON),  # today + 5 WD
        (dt.date(2026, 3, 24), NOT_YET_DUE),
    ],
)
def test_labels(due, status):
    assert due_status(due=due, today=TODAY, calendar=CALENDAR) == status


def test_the_due_soon_window_counts_working_days_over_easter():
    # Thursday 2 April 2026: Good Friday 3 and Easter Monday 6 April are bank holidays, so
    # 5 WD on is Monday 13 April (a plain count of weekdays would give Thursday 9 April).
    thursday = dt.date(2026, 4, 2)
    assert due_status(due=dt.date(2026, 4, 13), today=thursday, calendar=CALENDAR) == "due_soon"
    assert due_status(due=dt.date(2026, 4, 14), today=thursday, calendar=CALENDAR) == "due"


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (dt.date(2026, 1, 31), dt.date(2026, 4, 30)),
        (dt.date(2025, 11, 30), dt.date(2026, 2, 28)),
        (dt.date(2027, 11, 30), dt.date(2028, 2, 29)),
    ],
)
def test_calendar_months(start, expected):
    assert add_months(start, 3) == expected


def test_open_assessment_is_due_45_working_days_after_the_referral(open_child, episode):
    AssessmentFactory(episode=episode, target_date=dt.date(2026, 2, 25))
    item = _due(open_child)["ASSESSMENT_45WD"]
    assert item.due == dt.date(2026, 2, 25)  # 19 Dec 2025 + 45 WD
    assert item.status == Status.OVERDUE


def test_an_authorised_assessment_is_not_due(open_child, episode):
    AuthorisedAssessmentFactory(episode=episode)
    assert "ASSESSMENT_45WD" not in _due(open_child)


def test_cin_visit_from_plan_start_across_easter(open_child, episode):
    ActivePlanFactory(episode=episode, started_on=TODAY)
    assert "CIN_VISIT_DUE" not in _due(open_child)  # not due soon yet
    item = _due(open_child, dt.date(2026, 4, 8))["CIN_VISIT_DUE"]
    # Monday 16 March + 20 WD, skipping Good Friday and Easter Monday: Wednesday 15 April.
    assert item.due == dt.date(2026, 4, 15)
    assert item.status == Status.DUE_SOON
    assert "CIN_VISIT_DUE" not in _due(open_child, dt.date(2026, 4, 7))


def test_cin_visit_from_the_last_visit_where_the_child_was_seen(open_child, episode, worker):
    ActivePlanFactory(episode=episode, started_on=dt.date(2026, 2, 2))
    VisitFactory(episode=episode, worker=worker, visited_on=dt.date(2026, 2, 16))
    VisitFactory(episode=episode, worker=worker, visited_on=dt.date(2026, 3, 2), child_seen=False)
    VisitFactory(episode=episode, worker=worker, visited_on=dt.date(2026, 1, 20))  # before plan
    item = _due(open_child)["CIN_VISIT_DUE"]
    assert item.due == dt.date(2026, 3, 16)  # 16 Feb + 20 WD
    assert item.status == Status.DUE_SOON
    assert "16 Feb 2026" in item.explanation


def test_cin_visit_with_no_visit_since_the_plan_started_is_overdue(open_child, episode):
    ActivePlanFactory(episode=episode, started_on=dt.date(2026, 1, 5))
    item = _due(open_child)["CIN_VISIT_DUE"]
    assert item.due == dt.date(2026, 2, 2)
    assert item.status == Status.OVERDUE


def test_cin_review_first_from_plan_start_then_from_the_last_review(open_child, episode):
    plan = ActivePlanFactory(episode=episode, started_on=dt.date(2025, 12, 31))
    assert _due(open_child, dt.date(2026, 3, 31))["CIN_REVIEW_DUE"].due == dt.date(2026, 3, 31)
    ReviewFactory(plan=plan, held_at=dt.datetime(2026, 2, 27, 10, 0, tzinfo=dt.UTC))
    assert "CIN_REVIEW_DUE" not in _due(open_child, dt.date(2026, 3, 31))
    assert _due(open_child, dt.date(2026, 5, 27))["CIN_REVIEW_DUE"].due == dt.date(2026, 5, 27)


def test_a_significant_event_after_the_authorised_assessment_calls_for_an_update(
    open_child, episode
):
    AuthorisedAssessmentFactory(
        episode=episode, started_on=dt.date(2025, 12, 19), authorised_on=dt.date(2025, 12, 19)
    )
    SignificantEventFactory(child=open_child, occurred_on=dt.date(2025, 12, 19))  # same day
    SignificantEventFactory(child=open_child, occurred_on=dt.date(2025, 12, 22))
    item = _due(open_child)["ASSESSMENT_UPDATE_DUE"]
    # Monday 22 Dec + 10 WD, skipping 25, 26 Dec and 1 Jan: Thursday 8 January 2026.
    assert item.due == dt.date(2026, 1, 8)
    assert item.status == Status.OVERDUE


def test_no_update_due_once_an_assessment_has_started_since(open_child, episode):
    AuthorisedAssessmentFactory(episode=episode, authorised_on=dt.date(2026, 1, 30))
    SignificantEventFactory(child=open_child, occurred_on=dt.date(2026, 2, 20))
    assert "ASSESSMENT_UPDATE_DUE" in _due(open_child)
    AssessmentFactory(episode=episode, started_on=dt.date(2026, 2, 24))
    assert "ASSESSMENT_UPDATE_DUE" not in _due(open_child)


def test_closed_cases_have_nothing_due(child_in_north):
    episode = EpisodeFactory(
        child=child_in_north,
        referral_date=dt.date(2025, 6, 2),
        closed_on=dt.date(2026, 1, 5),
        closure_reason="RC8",
    )
    AssessmentFactory(episode=episode, started_on=dt.date(2025, 6, 3))
    assert _due(child_in_north) == {}
