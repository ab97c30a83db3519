"""Front-door reads: decision timeliness in working days, re-referral windows, the journey."""

import datetime as dt

import pytest

from cairn.core.models import ClosureDay
from cairn.frontdoor.models import Level
from cairn.frontdoor.selectors import (
    _months_before,
    contact_decision_timeliness,
    level_transition_list,
)
from cairn.frontdoor.tests.conftest import travel_to
from cairn.testing.factories import PersonFactory
from cairn.testing.frontdoor_factories import (
    ContactChildFactory,
    ContactFactory,
    LevelTransitionFactory,
    at,
)

pytestmark = pytest.mark.django_db

CHRISTMAS_EVE = dt.date(2026, 12, 24)  # Thursday; 25 Fri, 28 Mon (Boxing Day substitute)


def _row(received: dt.date, decided: dt.date | None = None, hour: int = 16):
    row = ContactChildFactory(contact=ContactFactory(received_at=at(received, hour)))
    if decided:
        row.decided_at = at(decided, 11)
    return row


class TestContactDecisionTimeliness:
    def test_the_deadline_skips_christmas_and_the_boxing_day_substitute(self):
        timeliness = contact_decision_timeliness(_row(CHRISTMAS_EVE, dt.date(2026, 12, 29)))

        assert timeliness.received_on == CHRISTMAS_EVE
        assert timeliness.deadline == dt.date(2026, 12, 29)
        assert timeliness.working_days_taken == 1
        assert timeliness.met is True

    def test_a_decision_after_the_deadline_is_late(self):
        timeliness = contact_decision_timeliness(_row(CHRISTMAS_EVE, dt.date(2026, 12, 30)))
        assert timeliness.met is False
        assert timeliness.working_days_taken == 2

    def test_a_same_day_decision_takes_no_working_days(self):
        timeliness = contact_decision_timeliness(_row(dt.date(2026, 3, 16), dt.date(2026, 3, 16)))
        assert (timeliness.working_days_taken, timeliness.met) == (0, True)

    def test_a_council_closure_day_also_moves_the_deadline(self):
        ClosureDay.objects.create(date=dt.date(2026, 3, 17), reason="Council closure")
        timeliness = contact_decision_timeliness(_row(dt.date(2026, 3, 16)))
        assert timeliness.deadline == dt.date(2026, 3, 18)

    def test_undecided_is_due_until_the_deadline_then_overdue(self):
        row = _row(CHRISTMAS_EVE)
        with travel_to(dt.date(2026, 12, 29)):
            due = contact_decision_timeliness(row)
        with travel_to(dt.date(2026, 12, 30)):
            late = contact_decision_timeliness(row)

        assert (due.met, due.overdue, due.working_days_taken) == (None, False, 1)
        assert (late.met, late.overdue, late.working_days_taken) == (False, True, 2)

    def test_a_contact_late_in_the_evening_counts_from_its_local_date(self):
        # Received late on Sunday 15 March: day 0 is the Sunday, so the deadline is Monday.
        row = _row(dt.date(2026, 3, 15), hour=23)
        assert contact_decision_timeliness(row).deadline == dt.date(2026, 3, 16)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 3, 13), dt.date(2025, 3, 13)),
        (dt.date(2028, 2, 29), dt.date(2027, 2, 28)),
        (dt.date(2026, 1, 31), dt.date(2025, 1, 31)),
    ],
)
def test_twelve_calendar_months_back(day, expected):
    assert _months_before(day, 12) == expected


def test_level_transition_list_is_the_childs_journey_oldest_first():
    child = PersonFactory()
    later = LevelTransitionFactory(
        child=child, occurred_on=dt.date(2026, 3, 1), from_level=Level.CIN, to_level=Level.CP
    )
    first = LevelTransitionFactory(child=child, occurred_on=dt.date(2026, 1, 5))
    LevelTransitionFactory()  # another child's

    assert list(level_transition_list(child=child)) == [first, later]
