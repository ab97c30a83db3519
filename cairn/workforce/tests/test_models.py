"""Allocation history rules enforced by the database."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cairn.testing.factories import AllocationFactory

pytestmark = pytest.mark.django_db


def test_a_child_has_at_most_one_current_allocation(child_in_north, teams):
    with pytest.raises(IntegrityError), transaction.atomic():
        AllocationFactory(child=child_in_north, team=teams["south"])


def test_a_new_allocation_may_follow_an_ended_one(child_in_north, teams):
    current = child_in_north.allocations.get()
    current.ended_on = dt.date(2025, 6, 30)
    current.save()
    AllocationFactory(child=child_in_north, team=teams["south"], started_on=dt.date(2025, 7, 1))
    assert child_in_north.allocations.filter(ended_on__isnull=True).get().team == teams["south"]


def test_an_allocation_cannot_end_before_it_starts(teams):
    with pytest.raises(IntegrityError), transaction.atomic():
        AllocationFactory(
            team=teams["north"], started_on=dt.date(2025, 7, 1), ended_on=dt.date(2025, 6, 30)
        )
