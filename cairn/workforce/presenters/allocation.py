"""Allocation history, the unallocated queue and the child's allocation panel, for templates."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from cairn.people.presenters import format_date
from cairn.workforce.models import Allocation
from cairn.workforce.selectors.stability import social_worker_changes


@dataclass(frozen=True)
class HistoryRow:
    period: str
    team: str
    worker: str
    reason: str
    recorded_by: str


def history_rows(allocations) -> list[HistoryRow]:
    return [
        HistoryRow(
            period=(
                f"{format_date(a.started_on)} to {format_date(a.ended_on)}"
                if a.ended_on
                else f"From {format_date(a.started_on)} (current)"
            ),
            team=a.team.name,
            worker=a.worker.get_full_name() if a.worker else "Unallocated (team queue)",
            reason=a.reason or "No reason recorded",
            recorded_by=a.created_by.get_full_name() or a.created_by.username,
        )
        for a in allocations
    ]


@dataclass(frozen=True)
class QueueRow:
    url: str
    allocate_url: str
    name: str
    la_child_id: str
    waiting_since: str
    waiting_days: int


def queue_rows(allocations: list[Allocation], today: dt.date) -> list[QueueRow]:
    return [
        QueueRow(
            url=reverse("casework:child_detail", args=[a.child_id]),
            allocate_url=reverse("workforce:child_allocate", args=[a.child_id]),
            name=a.child.full_name,
            la_child_id=a.child.la_child_id or "",
            waiting_since=format_date(a.started_on),
            waiting_days=(today - a.started_on).days,
        )
        for a in allocations
    ]


@dataclass(frozen=True)
class ChildAllocationPanel:
    changes: int
    changes_text: str
    history_url: str
    allocate_url: str  # '' when the user may not allocate


def child_allocation_panel(*, child_id: int, changes: int, can_allocate: bool):
    """The child's page: social worker changes in the last 12 months and where to see more."""
    text = "1 change" if changes == 1 else f"{changes} changes"
    return ChildAllocationPanel(
        changes=changes,
        changes_text=f"{text} of social worker in the last 12 months",
        history_url=reverse("workforce:allocation_history", args=[child_id]),
        allocate_url=reverse("workforce:child_allocate", args=[child_id]) if can_allocate else "",
    )


def child_allocation_context(*, user, child, today: dt.date) -> ChildAllocationPanel:
    """The child's page section (workforce/includes/child_allocation.html): one query."""
    changes = social_worker_changes(child_ids=[child.pk], today=today).get(child.pk, 0)
    return child_allocation_panel(
        child_id=child.pk,
        changes=changes,
        can_allocate=user.has_perm("workforce.allocate", child),
    )
