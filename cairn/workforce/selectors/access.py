"""Who acts for whom: cover as a scoped "act for" (ADR 0013).

A cover worker sees and writes the records of the absent worker's children (or of the one
child the cover names) from the cover's first to its last day inclusive. The rule is a
condition on current allocations, so scope checks and lists use the same semi-join.
"""

import datetime as dt

from django.db.models import Q

from cairn.workforce.models import Cover


def cover_in_force(*, user_id: int, today: dt.date):
    """Covers held by the user on `today` (the absence not removed)."""
    return Cover.objects.filter(
        cover_worker_id=user_id,
        starts_on__lte=today,
        ends_on__gte=today,
        absence__removed_at__isnull=True,
    )


def covered_allocation_q(*, user_id: int, today: dt.date) -> Q:
    """A condition on Allocation rows: the allocation's worker is covered by the user today,
    for all their children or for this child.

    Uncorrelated `IN` subqueries, so the scope query stays a simple semi-join that the
    database hashes once (a correlated EXISTS here made every scope check take over a second
    on the large council) and no extra query is made."""
    covers = cover_in_force(user_id=user_id, today=today)
    whole = covers.filter(child__isnull=True).values("absence__worker_id")
    one_child = covers.filter(child__isnull=False)
    return Q(worker_id__in=whole) | (
        Q(child_id__in=one_child.values("child_id"))
        & Q(worker_id__in=one_child.values("absence__worker_id"))
    )


def absence_in_force_q(*, today: dt.date, prefix: str = "") -> Q:
    """A condition on Absence rows (or on `prefix`-ed relations to them): the worker is away on
    `today`. The last day away is the recorded end, else the expected end, else still away."""
    p = prefix
    return Q(**{f"{p}starts_on__lte": today, f"{p}removed_at__isnull": True}) & (
        Q(**{f"{p}ended_on__gte": today})
        | Q(**{f"{p}ended_on__isnull": True, f"{p}expected_end_on__gte": today})
        | Q(**{f"{p}ended_on__isnull": True, f"{p}expected_end_on__isnull": True})
    )
