"""assessment_timeliness: the 45 working-day measure from referral to authorisation, counted
across Christmas, New Year, Easter and council closure days (timescales.md: day 0 is the
referral)."""

import datetime as dt

import pytest

from cairn.casework.models import AssessmentStatus
from cairn.casework.selectors.assessments import assessment_timeliness
from cairn.casework.services.assessments import assessment_set_target
from cairn.core.models import ClosureDay
from cairn.testing.assessments_factories import ReferralFactory, assessment_at

pytestmark = pytest.mark.django_db

CHRISTMAS_REFERRAL = dt.date(2025, 12, 19)  # Friday; 25, 26 Dec and 1 Jan are bank holidays
CHRISTMAS_DEADLINE = dt.date(2026, 2, 25)  # Wednesday


@pytest.fixture
def christmas_referral(child_in_north):
    return ReferralFactory(child=child_in_north, referral_date=CHRISTMAS_REFERRAL)


def _authorised_on(day, *, worker, manager, episode):
    return assessment_at(
        AssessmentStatus.AUTHORISED,
        worker=worker,
        manager=manager,
        episode=episode,
        started_on=dt.date(2025, 12, 22),
        seen_on=dt.date(2025, 12, 23),
        authorised_on=day,
    )


def test_the_target_across_christmas(worker, christmas_referral):
    draft = assessment_at(
        AssessmentStatus.DRAFT,
        worker=worker,
        episode=christmas_referral,
        started_on=dt.date(2025, 12, 22),
    )

    assert draft.target_date == CHRISTMAS_DEADLINE


def test_authorised_on_the_deadline_is_in_time(worker, manager, christmas_referral):
    assessment = _authorised_on(
        CHRISTMAS_DEADLINE, worker=worker, manager=manager, episode=christmas_referral
    )

    timeliness = assessment_timeliness(assessment)

    assert timeliness.counted_from == CHRISTMAS_REFERRAL
    assert timeliness.deadline == CHRISTMAS_DEADLINE
    assert timeliness.counted_to == CHRISTMAS_DEADLINE
    assert timeliness.working_days == 45
    assert timeliness.is_complete
    assert timeliness.within_timescale
    assert timeliness.days_over == 0


def test_authorised_the_day_after_is_late_by_one_working_day(worker, manager, christmas_referral):
    assessment = _authorised_on(
        dt.date(2026, 2, 26), worker=worker, manager=manager, episode=christmas_referral
    )

    timeliness = assessment_timeliness(assessment)

    assert timeliness.working_days == 46
    assert not timeliness.within_timescale
    assert timeliness.days_over == 1


def test_an_open_assessment_counts_to_today(worker, christmas_referral):
    draft = assessment_at(
        AssessmentStatus.SUBMITTED,
        worker=worker,
        episode=christmas_referral,
        started_on=dt.date(2025, 12, 22),
        seen_on=dt.date(2025, 12, 23),
    )

    on_deadline = assessment_timeliness(draft, as_of=CHRISTMAS_DEADLINE)
    today = assessment_timeliness(draft)  # Monday 16 March 2026

    assert not on_deadline.is_complete
    assert on_deadline.within_timescale
    assert today.counted_to == dt.date(2026, 3, 16)
    assert today.days_over == 13  # 26, 27 Feb; 2-6, 9-13, 16 Mar
    assert not today.within_timescale


def test_across_easter(worker, manager, child_in_north):
    # Mon 2 Mar 2026 + 45 WD skips Good Friday 3 Apr, Easter Monday 6 Apr and May Day 4 May.
    referral = ReferralFactory(child=child_in_north, referral_date=dt.date(2026, 3, 2))
    assessment = assessment_at(
        AssessmentStatus.SUBMITTED,
        worker=worker,
        episode=referral,
        started_on=dt.date(2026, 3, 3),
        seen_on=dt.date(2026, 3, 4),
    )

    on_time = assessment_timeliness(assessment, as_of=dt.date(2026, 5, 7))
    late = assessment_timeliness(assessment, as_of=dt.date(2026, 5, 8))

    assert assessment.target_date == dt.date(2026, 5, 7)
    assert on_time.deadline == dt.date(2026, 5, 7)
    assert on_time.working_days == 45
    assert on_time.within_timescale
    assert late.days_over == 1


def test_a_council_closure_day_moves_the_deadline(worker, child_in_north):
    ClosureDay.objects.create(date=dt.date(2026, 2, 27), reason="Council closure")
    referral = ReferralFactory(child=child_in_north, referral_date=dt.date(2026, 1, 2))
    draft = assessment_at(
        AssessmentStatus.DRAFT, worker=worker, episode=referral, started_on=dt.date(2026, 1, 5)
    )

    # Fri 2 Jan + 45 WD would be Fri 6 Mar; the closure day pushes it to Mon 9 Mar.
    assert draft.target_date == dt.date(2026, 3, 9)
    assert assessment_timeliness(draft).deadline == dt.date(2026, 3, 9)


def test_a_shorter_target_is_reported_beside_the_45_days(worker, manager, referral):
    draft = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
    assessment_set_target(actor=manager, assessment=draft, target_date=dt.date(2026, 2, 6))
    draft.refresh_from_db()

    timeliness = assessment_timeliness(draft, as_of=dt.date(2026, 2, 9))

    assert timeliness.deadline == dt.date(2026, 3, 9)
    assert timeliness.target_date == dt.date(2026, 2, 6)
    assert timeliness.within_timescale
    assert not timeliness.target_met
