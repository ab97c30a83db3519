"""ICPC_15WD and CHAIR_ALERT_RESPONSE_DUE at their boundaries."""

import datetime as dt

import pytest

from cairn.casework.models import MeetingKind
from cairn.testing.chair_factories import PracticeAlertFactory, PracticeAlertStageFactory
from cairn.testing.protection_factories import CPPlanFactory, S47EnquiryFactory
from cairn.testing.records_factories import EpisodeFactory
from cairn.testing.timescales_factories import meeting_on
from cairn.timescales.tests.conftest import only

pytestmark = pytest.mark.django_db
D = dt.date


def s47(started: dt.date, **episode):
    enquiry = S47EnquiryFactory(
        episode=EpisodeFactory(referral_date=started - dt.timedelta(days=3), **episode)
    )
    enquiry.started_on = started
    enquiry.save()
    return enquiry


@pytest.mark.parametrize(
    ("started", "as_of", "status", "overdue_by", "due"),
    [
        (D(2025, 12, 19), D(2026, 1, 13), "due_soon", -1, D(2026, 1, 14)),  # Christmas
        (D(2025, 12, 19), D(2026, 1, 14), "due_soon", 0, D(2026, 1, 14)),
        (D(2025, 12, 19), D(2026, 1, 15), "overdue", 1, D(2026, 1, 14)),
        (D(2026, 3, 27), D(2026, 4, 22), "overdue", 1, D(2026, 4, 21)),  # Easter
    ],
)
def test_icpc_15wd(run, started, as_of, status, overdue_by, due):
    s47(started)
    alert = only(run("ICPC_15WD", as_of))
    assert (alert.status, alert.overdue_by, alert.due) == (status, overdue_by, due)
    assert alert.target.model == "protection.S47Enquiry"


def test_icpc_held_on_the_deadline_day_or_not_needed_or_closed(run):
    enquiry = s47(D(2025, 12, 19))
    meeting_on(kind=MeetingKind.ICPC, day=D(2026, 1, 14), child=enquiry.child)
    assert run("ICPC_15WD", D(2026, 1, 15)) == []
    assert only(run("ICPC_15WD", D(2026, 1, 13))).status == "due_soon"  # not yet held then
    not_needed = s47(D(2025, 12, 19))
    not_needed.icpc_needed, not_needed.icpc_not_needed_reason = False, "Risk reduced"
    not_needed.ended_on = D(2026, 1, 9)
    not_needed.save()
    assert run("ICPC_15WD", D(2026, 1, 15)) == []
    assert not_needed.child_id in {a.child_id for a in run("ICPC_15WD", D(2026, 1, 8))}
    s47(D(2025, 12, 19), closed_on=D(2026, 1, 12), closure_reason="RC8")
    assert run("ICPC_15WD", D(2026, 1, 15)) == []


def stage(started: dt.date, **alert_fields):
    plan = CPPlanFactory(
        episode=EpisodeFactory(referral_date=D(2025, 9, 1)), started_on=D(2025, 10, 1)
    )
    alert = PracticeAlertFactory(plan=plan, child=plan.child, raised_on=started, **alert_fields)
    return PracticeAlertStageFactory(
        alert=alert, started_on=started, response_due_on=started + dt.timedelta(days=30)
    )


@pytest.mark.parametrize(
    ("started", "as_of", "status", "due"),
    [
        (D(2025, 12, 19), D(2025, 12, 30), "due_soon", D(2025, 12, 30)),  # Christmas: + 5 WD
        (D(2025, 12, 19), D(2025, 12, 31), "overdue", D(2025, 12, 30)),
        (D(2026, 3, 27), D(2026, 4, 6), "due_soon", D(2026, 4, 7)),  # Easter
        (D(2026, 3, 27), D(2026, 4, 8), "overdue", D(2026, 4, 7)),
    ],
)
def test_chair_alert_response_due(run, started, as_of, status, due):
    stage(started)
    alert = only(run("CHAIR_ALERT_RESPONSE_DUE", as_of))
    assert (alert.status, alert.due) == (status, due)


def test_chair_alert_answered_resolved_closed_and_local_value(run, set_value):
    answered = stage(D(2026, 3, 2))
    answered.responded_on = D(2026, 3, 9)
    answered.save()
    assert run("CHAIR_ALERT_RESPONSE_DUE", D(2026, 3, 10)) == []
    assert only(run("CHAIR_ALERT_RESPONSE_DUE", D(2026, 3, 9 - 1))).due == D(2026, 3, 9)
    set_value("CHAIR_ALERT_RESPONSE_DUE", 3)
    assert only(run("CHAIR_ALERT_RESPONSE_DUE", D(2026, 3, 6))).overdue_by == 1
    resolved = stage(D(2026, 3, 2), status="resolved", resolved_on=D(2026, 3, 4))
    assert resolved.alert.status == "resolved"
    assert [a.child_id for a in run("CHAIR_ALERT_RESPONSE_DUE", D(2026, 3, 6))] == [
        answered.alert.child_id
    ]
