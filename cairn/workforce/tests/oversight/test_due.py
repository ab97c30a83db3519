"""CASE_OVERSIGHT_DUE, as the drift engine reports it on the child's page: an open case needs
management oversight within a month of the last entry, or of the current allocation when there
is none."""

import datetime as dt

import pytest

from cairn.casework.models import PlanKind
from cairn.core.working_days import council_calendar
from cairn.testing.factories import AllocationFactory
from cairn.testing.records_factories import ActivePlanFactory
from cairn.testing.workforce_factories import OversightEntryFactory
from cairn.timescales.engine import alerts_as_of

TODAY = dt.date(2026, 3, 16)


def _oversight_due(child, today=TODAY):
    alerts = alerts_as_of(
        as_of=today, calendar=council_calendar(), children=[child.pk], rules=["CASE_OVERSIGHT_DUE"]
    )
    return [alert for alert in alerts if alert.child_id == child.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [PlanKind.CIN, PlanKind.CP])
def test_oversight_is_due_a_month_after_the_allocation_when_there_is_none(teams, kind):
    child = ActivePlanFactory(kind=kind).child
    AllocationFactory(child=child, team=teams["north"], started_on=dt.date(2026, 2, 10))

    [item] = _oversight_due(child)

    assert (item.due, item.status) == (dt.date(2026, 3, 10), "overdue")
    assert item.explanation == (
        "No management oversight since allocation on 10 Feb 2026; oversight was due by 10 Mar 2026."
    )


@pytest.mark.django_db
def test_oversight_is_due_a_month_after_the_last_entry(teams):
    child = ActivePlanFactory().child
    AllocationFactory(child=child, team=teams["north"], started_on=dt.date(2025, 12, 19))
    OversightEntryFactory(child=child, recorded_on=dt.date(2026, 2, 2))
    OversightEntryFactory(child=child, recorded_on=dt.date(2026, 3, 2))

    assert _oversight_due(child) == []  # 2 April: not due soon yet
    [item] = _oversight_due(child, dt.date(2026, 3, 27))

    assert (item.due, item.status) == (dt.date(2026, 4, 2), "due_soon")
    assert item.explanation.startswith("The last management oversight was on 2 Mar 2026")


@pytest.mark.django_db
def test_no_oversight_is_due_without_an_open_case(child_in_north):
    assert _oversight_due(child_in_north) == []
