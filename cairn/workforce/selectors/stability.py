"""A child's allocation history, the teams' unallocated queues and the stability measure
(issue 6, item 2)."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from cairn.accounts.models import Team
from cairn.core.dates import add_months
from cairn.frontdoor.models import Episode
from cairn.workforce.models import Allocation

STABILITY_MONTHS = 12


def allocation_history(*, child_id: int) -> QuerySet[Allocation]:
    """A child's allocations, newest first, with who and which team (the SSD involvements)."""
    return (
        Allocation.objects.filter(child_id=child_id)
        .select_related("team", "worker", "created_by")
        .order_by("-started_on", "-id")
    )


def unallocated_queue(*, team: Team) -> QuerySet[Allocation]:
    """The team's unallocated queue (`UNALLOCATED`): children whose current allocation is to
    the team with no worker, longest waiting first, only while their case is open."""
    open_case = Episode.objects.filter(child_id=OuterRef("child_id"), closed_on__isnull=True)
    return (
        Allocation.objects.filter(team=team, worker__isnull=True, ended_on__isnull=True)
        .filter(Exists(open_case))
        .select_related("child")
        .order_by("started_on", "id")
    )


def stability_window_start(*, today: dt.date) -> dt.date:
    """The first day of the stability window: the 12 months up to and including `today`."""
    return add_months(today, -STABILITY_MONTHS) + dt.timedelta(days=1)


def social_worker_changes(*, child_ids: Iterable[int], today: dt.date) -> dict[int, int]:
    """Social worker changes per child in the last 12 months (a stability measure, ADR 0013).

    A change is an allocation to a worker starting in the window whose worker differs from the
    worker of the child's previous allocation to a worker. Periods in a team's queue are not
    changes, and nor is the first allocation. One query for any number of children; children
    with no change are absent from the result (read as 0).
    """
    ids = list(child_ids)
    if not ids:
        return {}
    previous_worker = (
        Allocation.objects.filter(child_id=OuterRef("child_id"), worker__isnull=False)
        .filter(
            Q(started_on__lt=OuterRef("started_on"))
            | Q(started_on=OuterRef("started_on"), id__lt=OuterRef("id"))
        )
        .order_by("-started_on", "-id")
        .values("worker_id")[:1]
    )
    rows = (
        Allocation.objects.filter(
            child_id__in=ids,
            worker__isnull=False,
            started_on__gte=stability_window_start(today=today),
            started_on__lte=today,
        )
        .annotate(previous_worker=Subquery(previous_worker))
        .filter(previous_worker__isnull=False)
        .exclude(previous_worker=F("worker_id"))
        .values("child_id")
        .annotate(changes=Count("id"))
        .values_list("child_id", "changes")
    )
    return dict(rows)


def team_get(*, pk: int) -> Team | None:
    return Team.objects.filter(pk=pk).first()
