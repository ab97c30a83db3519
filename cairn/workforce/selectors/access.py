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

    The user's covers in force are read first (one small query) and become plain `IN`
    conditions, so the scope query stays a simple indexed semi-join (a correlated EXISTS here
    made every scope check on the large council take over a second)."""
    whole, one_child = set(), set()
    for worker_id, child_id in cover_in_force(user_id=user_id, today=today).values_list(
        "absence__worker_id", "child_id"
    ):
        if child_id is None:
            whole.add(worker_id)
        else:
            one_child.add((worker_id, child_id))
    condition = Q(pk__in=[])
    if whole:
        condition |= Q(worker_id__in=sorted(whole))
    for worker_id, child_id in sorted(one_child):
        condition |= Q(worker_id=worker_id, child_id=child_id)
    return condition


def absence_in_force_q(*, today: dt.date, prefix: str = "") -> Q:
    """A condition on Absence rows (or on `prefix`-ed relations to them): the worker is away on
    `today`. The last day away is the recorded end, else the expected end, else still away."""
    p = prefix
    return Q(**{f"{p}starts_on__lte": today, f"{p}removed_at__isnull": True}) & (
        Q(**{f"{p}ended_on__gte": today})
        | Q(**{f"{p}ended_on__isnull": True, f"{p}expected_end_on__gte": today})
        | Q(**{f"{p}ended_on__isnull": True, f"{p}expected_end_on__isnull": True})
    )
