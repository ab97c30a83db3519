"""Social worker changes per child in the last 12 months (ADR 0013): a change is an allocation
to a worker starting in the window whose worker differs from the previous worker; queue
periods and the first allocation are not changes. One query for many children."""

import datetime as dt

import pytest

from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.workforce.selectors.stability import social_worker_changes, stability_window_start
from cairn.workforce.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _history(child, team, periods):
    """periods: (worker or None, started_on, ended_on or None), in order."""
    for worker, started, ended in periods:
        AllocationFactory(child=child, team=team, worker=worker, started_on=started, ended_on=ended)


def test_window_is_the_12_months_up_to_today():
    assert stability_window_start(today=TODAY) == dt.date(2025, 3, 17)


def test_counts_changes_of_worker_in_the_window(teams, django_assert_num_queries):
    north = teams["north"]
    a, b, c = (UserFactory(team=north) for _ in range(3))
    stable, changing, requeued, old = (PersonFactory() for _ in range(4))
    _history(stable, north, [(a, dt.date(2024, 1, 8), None)])
    _history(
        changing,
        north,
        [
            (a, dt.date(2024, 6, 3), dt.date(2025, 3, 16)),  # b starts the day before the window
            (b, dt.date(2025, 3, 16), dt.date(2025, 9, 1)),
            (c, dt.date(2025, 9, 1), dt.date(2026, 1, 5)),  # a change
            (a, dt.date(2026, 1, 5), None),  # a change (back to a)
        ],
    )
    _history(
        requeued,
        north,
        [
            (a, dt.date(2025, 5, 1), dt.date(2025, 8, 1)),
            (None, dt.date(2025, 8, 1), dt.date(2025, 9, 1)),  # the queue: not a change
            (a, dt.date(2025, 9, 1), dt.date(2025, 10, 1)),  # same worker again: not a change
            (None, dt.date(2025, 10, 1), None),
        ],
    )
    _history(
        old,
        north,
        [(None, dt.date(2025, 6, 2), dt.date(2025, 6, 9)), (b, dt.date(2025, 6, 9), None)],
    )

    with django_assert_num_queries(1):
        changes = social_worker_changes(
            child_ids=[stable.pk, changing.pk, requeued.pk, old.pk], today=TODAY
        )

    assert changes == {changing.pk: 2}
