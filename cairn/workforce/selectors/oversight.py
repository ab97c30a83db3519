"""Reads of case-level management oversight on a child's record."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from cairn.accounts.models import User
from cairn.accounts.roles import RECORD_WRITERS
from cairn.people.models import Person
from cairn.workforce.models import OversightAction, OversightActionStatus, OversightEntry

SUMMARY_ENTRIES = 3


def oversight_entries_for_child(*, child: Person) -> QuerySet[OversightEntry]:
    """Every oversight entry on the child's record, newest first, with its actions. Three
    queries whatever the number of entries."""
    actions = OversightAction.objects.select_related("owner").order_by("due_on", "id")
    return (
        OversightEntry.objects.filter(child=child)
        .select_related("child", "manager", "supervision_session__worker")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("-recorded_on", "-id")
    )


@dataclass(frozen=True)
class OversightSummary:
    latest: list[OversightEntry]
    open_actions: int
    overdue_actions: int


def oversight_summary_for_child(*, child: Person, today: dt.date) -> OversightSummary:
    """The latest entries and the open actions, for the child's page. Two queries."""
    latest = list(
        OversightEntry.objects.filter(child=child)
        .select_related("manager")
        .order_by("-recorded_on", "-id")[:SUMMARY_ENTRIES]
    )
    counts = OversightAction.objects.filter(
        entry__child=child, entry__removed_at__isnull=True, status=OversightActionStatus.OPEN
    ).aggregate(open=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)))
    return OversightSummary(
        latest=latest, open_actions=counts["open"], overdue_actions=counts["overdue"]
    )


def oversight_action_get(*, pk: int) -> OversightAction | None:
    return (
        OversightAction.objects.filter(pk=pk, entry__removed_at__isnull=True)
        .select_related("entry__child", "owner")
        .first()
    )


def oversight_action_owners() -> QuerySet[User]:
    """Who may own an action: active staff who work with children's records."""
    return User.objects.filter(is_active=True, role__in=RECORD_WRITERS).order_by(
        "last_name", "first_name"
    )
