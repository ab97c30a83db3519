"""Working days: weekends, bank holidays in England (with substitute days), council closures."""

import datetime as dt

import pytest

from cairn.core.models import ClosureDay
from cairn.core.working_days import (
    WorkingDayCalendar,
    add_working_days,
    council_calendar,
    working_days_between,
)

D = dt.date
calendar = WorkingDayCalendar()


def test_referral_on_19_december_2025_has_a_45_working_day_deadline_of_25_february_2026():
    # 25, 26 Dec and 1 Jan are bank holidays (shared/domain/timescales.md).
    assert calendar.add_working_days(D(2025, 12, 19), 45) == D(2026, 2, 25)


def test_the_start_date_is_day_zero():
    friday = D(2026, 1, 9)
    assert calendar.add_working_days(friday, 0) == friday
    assert calendar.add_working_days(friday, 1) == D(2026, 1, 12)  # the next Monday
    assert calendar.working_days_between(friday, friday) == 0


def test_a_weekend_start_counts_from_the_next_working_day():
    saturday = D(2026, 1, 10)
    assert calendar.add_working_days(saturday, 1) == D(2026, 1, 12)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 4, 3), False),  # Good Friday
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 4, 2), True),  # Maundy Thursday is a working day
        (D(2026, 4, 7), True),
        (D(2026, 4, 4), False),  # Saturday
        (D(2026, 5, 4), False),  # Early May bank holiday
        (D(2026, 8, 31), False),  # Summer bank holiday (England, not Scotland)
    ],
)
def test_is_working_day(day, expected):
    assert calendar.is_working_day(day) is expected


def test_easter_thursday_plus_one_working_day_is_the_tuesday_after_easter_monday():
    assert calendar.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (D(2027, 12, 27), "Christmas Day on a Saturday: substitute Monday"),
        (D(2027, 12, 28), "Boxing Day on a Sunday: substitute Tuesday"),
        (D(2022, 12, 27), "Christmas Day on a Sunday: substitute Tuesday"),
        (D(2026, 12, 28), "Boxing Day on a Saturday: substitute Monday"),
    ],
)
def test_substitute_bank_holidays_are_not_working_days(day, reason):
    assert not calendar.is_working_day(day), reason


def test_christmas_2027_skips_both_substitute_days():
    # Fri 24 Dec 2027 + 1 WD: Sat, Sun, Mon 27 (sub), Tue 28 (sub) -> Wed 29 Dec.
    assert calendar.add_working_days(D(2027, 12, 24), 1) == D(2027, 12, 29)


def test_working_days_between_counts_days_after_start_up_to_and_including_end():
    # Thu 2 Apr 2026 to Tue 7 Apr 2026: Fri (GF), Sat, Sun, Mon (EM) excluded, Tue counted.
    assert calendar.working_days_between(D(2026, 4, 2), D(2026, 4, 7)) == 1
    assert calendar.working_days_between(D(2025, 12, 19), D(2026, 2, 25)) == 45


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2025, 12, 19), D(2026, 2, 25)),
        (D(2026, 4, 2), D(2026, 4, 14)),
        (D(2027, 12, 20), D(2028, 1, 10)),
    ],
)
def test_working_days_between_is_antisymmetric(start, end):
    forward = calendar.working_days_between(start, end)
    assert forward > 0
    assert calendar.working_days_between(end, start) == -forward


def test_negative_working_days_step_backwards():
    assert calendar.add_working_days(D(2026, 4, 7), -1) == D(2026, 4, 2)
    assert calendar.add_working_days(D(2026, 2, 25), -45) == D(2025, 12, 19)


def test_add_and_between_agree():
    start = D(2026, 3, 30)
    for days in range(0, 30):
        end = calendar.add_working_days(start, days)
        assert calendar.working_days_between(start, end) == days


def test_a_calendar_excludes_its_closure_days():
    closure = D(2026, 1, 12)  # a Monday
    with_closure = WorkingDayCalendar({closure})
    assert not with_closure.is_working_day(closure)
    assert with_closure.add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 13)
    assert calendar.add_working_days(D(2026, 1, 9), 1) == closure


@pytest.mark.django_db
def test_council_calendar_reads_closure_days_from_the_database():
    assert council_calendar().add_working_days(D(2026, 12, 23), 1) == D(2026, 12, 24)
    ClosureDay.objects.create(date=D(2026, 12, 24), reason="Christmas Eve closure")
    ClosureDay.objects.create(date=D(2026, 12, 29), reason="Between the holidays")

    assert not council_calendar().is_working_day(D(2026, 12, 24))
    # 24 (closure), 25, 26-28 (holiday, weekend, substitute), 29 (closure) -> Wed 30 Dec.
    assert add_working_days(D(2026, 12, 23), 1) == D(2026, 12, 30)
    assert working_days_between(D(2026, 12, 23), D(2026, 12, 31)) == 2
