"""CASE_OVERSIGHT_DUE: an open CIN or CP case needs management oversight within a month of the
last entry, or of the current allocation when there is none."""

import datetime as dt

import pytest

from cairn.casework.models import PlanKind
from cairn.casework.selectors.due import due_for_children
from cairn.core.working_days import council_calendar
from cairn.testing.factories import AllocationFactory
from cairn.testing.records_factories import ActivePlanFactory
from cairn.testing.workforce_factories import OversightEntryFactory

TODAY = dt.date(2026, 3, 16)


def _oversight_due(child):
    items = due_for_children(child_ids=[child.pk], today=TODAY, calendar=council_calendar())
    return [i for i in items.get(child.pk, []) if i.rule == "CASE_OVERSIGHT_DUE"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [PlanKind.CIN, PlanKind.CP])
def test_oversight_is_due_a_month_after_the_allocation_when_there_is_none(teams, kind):
    child = ActivePlanFactory(kind=kind).child
    AllocationFactory(child=child, team=teams["north"], started_on=dt.date(2026, 2, 10))

    [item] = _oversight_due(child)

    assert (item.due, item.status) == (dt.date(2026, 3, 10), "overdue")
    assert item.detail == "No management oversight since allocation 10 February 2026"


@pytest.mark.django_db
def test_oversight_is_due_a_month_after_the_last_entry(teams):
    child = ActivePlanFactory().child
    AllocationFactory(child=child, team=teams["north"], started_on=dt.date(2025, 12, 19))
    OversightEntryFactory(child=child, recorded_on=dt.date(2026, 2, 2))
    OversightEntryFactory(child=child, recorded_on=dt.date(2026, 3, 2))

    [item] = _oversight_due(child)

    assert (item.due, item.status) == (dt.date(2026, 4, 2), "due")
    assert item.detail == "Last management oversight 2 March 2026"


@pytest.mark.django_db
def test_no_oversight_is_due_without_an_open_plan(child_in_north):
    assert _oversight_due(child_in_north) == []
