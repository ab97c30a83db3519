"""AUDIT_ACTION_OVERDUE at its boundaries."""

import datetime as dt

import pytest

from cairn.testing.quality_factories import CaseAuditFactory, RecommendationFactory
from cairn.testing.records_factories import EpisodeFactory
from cairn.timescales.tests.conftest import only

pytestmark = pytest.mark.django_db
D = dt.date


def recommendation(due: dt.date, **episode):
    child = EpisodeFactory(referral_date=D(2025, 9, 1), **episode).child
    return RecommendationFactory(
        audit=CaseAuditFactory(child=child), child=child, made_on=D(2025, 11, 3), due_on=due
    )


@pytest.mark.parametrize(
    ("as_of", "status", "overdue_by"),
    [
        (D(2025, 12, 31), "due_soon", -1),
        (D(2026, 1, 1), "due_soon", 0),
        (D(2026, 1, 2), "overdue", 1),
        (D(2025, 12, 24), "due_soon", -8),
    ],
)
def test_audit_action_due_across_new_year(run, as_of, status, overdue_by):
    """Due Thu 1 Jan 2026: from Wed 24 Dec the 5 WD window (24, 29, 30, 31 Dec, 2 Jan)
    reaches past it."""
    recommendation(D(2026, 1, 1))
    alert = only(run("AUDIT_ACTION_OVERDUE", as_of))
    assert (alert.status, alert.overdue_by, alert.unit) == (status, overdue_by, "calendar_days")


def test_audit_action_completed_on_the_day_or_after_the_date_or_closed(run):
    done = recommendation(D(2026, 4, 7))
    done.completed_on, done.status, done.evidence_kind, done.evidence_id = (
        D(2026, 4, 7),
        "awaiting_verification",
        "visit",
        1,
    )
    done.save()
    assert run("AUDIT_ACTION_OVERDUE", D(2026, 4, 8)) == []
    assert only(run("AUDIT_ACTION_OVERDUE", D(2026, 4, 2))).due == D(2026, 4, 7)  # Easter window
    recommendation(D(2026, 4, 7), closed_on=D(2026, 4, 1), closure_reason="RC7")
    assert run("AUDIT_ACTION_OVERDUE", D(2026, 3, 25)) == []
