"""Shaping front-door records: the journey timeline and timeliness tags."""

import datetime as dt

import pytest

from cairn.frontdoor.models import Level
from cairn.frontdoor.presenters import journey_rows, timeliness_text
from cairn.frontdoor.selectors import Timeliness
from cairn.testing.factories import PersonFactory
from cairn.testing.frontdoor_factories import LevelTransitionFactory

pytestmark = pytest.mark.django_db


def test_journey_rows_name_each_move_with_its_direction_and_decision_maker():
    child = PersonFactory()
    moves = [
        (Level.NONE, Level.EARLY_HELP, dt.date(2025, 9, 1)),
        (Level.EARLY_HELP, Level.CIN, dt.date(2026, 1, 5)),
        (Level.CIN, Level.EARLY_HELP, dt.date(2026, 3, 2)),
        (Level.EARLY_HELP, Level.CLOSED, dt.date(2026, 3, 9)),
    ]
    transitions = [
        LevelTransitionFactory(child=child, from_level=a, to_level=b, occurred_on=d, reason="why")
        for a, b, d in moves
    ]

    rows = journey_rows(transitions)

    assert [(r.from_level, r.to_level, r.direction) for r in rows] == [
        ("No service", "Early help", "Step-up"),
        ("Early help", "Child in need", "Step-up"),
        ("Child in need", "Early help", "Step-down"),
        ("Early help", "Closed", "Closed"),
    ]
    assert rows[1].date == "5 January 2026"
    assert rows[1].iso_date == "2026-01-05"
    assert rows[0].decided_by == transitions[0].decided_by.get_full_name()


@pytest.mark.parametrize(
    ("decided_on", "taken", "met", "text", "colour"),
    [
        (dt.date(2026, 12, 29), 1, True, "Decided in 1 working day: in time", "green"),
        (
            dt.date(2026, 12, 30),
            2,
            False,
            "Decided in 2 working days: late (due 29 December 2026)",
            "red",
        ),
        (None, 3, False, "Overdue: due 29 December 2026", "red"),
        (None, 0, None, "Due by 29 December 2026", "yellow"),
    ],
)
def test_timeliness_text(decided_on, taken, met, text, colour):
    timeliness = Timeliness(
        received_on=dt.date(2026, 12, 24),
        deadline=dt.date(2026, 12, 29),
        decided_on=decided_on,
        working_days_taken=taken,
        met=met,
    )
    assert timeliness_text(timeliness) == (text, f"govuk-tag--{colour}")
