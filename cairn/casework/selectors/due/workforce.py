"""Workforce (issue 6): CASE_OVERSIGHT_DUE, and the UNALLOCATED and WORKER_ABSENT flags."""

from django.db.models import Exists, OuterRef, Q, Subquery

from cairn.casework.models import Plan, PlanKind, PlanStatus
from cairn.casework.selectors.due.base import DueCollector, DueItem, DueStatus, long_date
from cairn.core.dates import add_months
from cairn.workforce.models import Absence, Allocation, Cover, OversightEntry
from cairn.workforce.selectors.access import absence_in_force_q

CASE_OVERSIGHT_MONTHS = 1  # CASE_OVERSIGHT_DUE local default (workforce, issue 6)
WORKER_ABSENT_HIGH_WORKING_DAYS = 10  # WORKER_ABSENT is high severity within this


def case_oversight_due(due: DueCollector, child_ids: list[int]) -> None:
    """CASE_OVERSIGHT_DUE (local, timescales.md): an open CIN or CP plan needs a management
    oversight entry on the child's record within 1 month of the last one, or of the current
    allocation's start when there is none yet (else the plan's start). One query."""
    last_oversight = (
        OversightEntry.objects.filter(child_id=OuterRef("child_id"), recorded_on__lte=due.today)
        .order_by("-recorded_on")
        .values("recorded_on")[:1]
    )
    allocated_on = (
        Allocation.objects.filter(child_id=OuterRef("child_id"), ended_on__isnull=True)
        .order_by("-started_on")
        .values("started_on")[:1]
    )
    plans = (
        Plan.objects.filter(
            child_id__in=child_ids,
            kind__in=(PlanKind.CIN, PlanKind.CP),
            status=PlanStatus.ACTIVE,
            started_on__isnull=False,
        )
        .annotate(last_oversight=Subquery(last_oversight), allocated_on=Subquery(allocated_on))
        .order_by("child_id", "started_on")
        .values_list("child_id", "started_on", "last_oversight", "allocated_on")
    )
    seen: set[int] = set()
    for child_id, started, last, allocated in plans:
        if child_id in seen:
            continue
        seen.add(child_id)
        if last:
            base, detail = last, f"Last management oversight {long_date(last)}"
        elif allocated:
            base, detail = (
                allocated,
                f"No management oversight since allocation {long_date(allocated)}",
            )
        else:
            base, detail = (
                started,
                f"No management oversight since the plan started {long_date(started)}",
            )
        due.add(
            child_id,
            rule="CASE_OVERSIGHT_DUE",
            what="Management oversight",
            due=add_months(base, CASE_OVERSIGHT_MONTHS),
            detail=detail,
        )


def workforce_flags(due: DueCollector, child_ids: list[int]) -> None:
    """UNALLOCATED and WORKER_ABSENT (timescales.md, local flags), in one query.

    UNALLOCATED: an open case has no allocated worker (in a team's queue, or no allocation).
    WORKER_ABSENT: the allocated worker is absent on D and no cover worker is set for the child;
    high severity when another deadline of the child falls within 10 working days (so this
    runs after the deadline rules).
    """
    away = Absence.objects.filter(
        absence_in_force_q(today=due.today), worker_id=OuterRef("worker_id")
    ).order_by("starts_on")
    covered = Cover.objects.filter(
        Q(child__isnull=True) | Q(child_id=OuterRef("child_id")),
        absence__worker_id=OuterRef("worker_id"),
        absence__removed_at__isnull=True,
        starts_on__lte=due.today,
        ends_on__gte=due.today,
    )
    rows = {
        row[0]: row
        for row in Allocation.objects.filter(child_id__in=child_ids, ended_on__isnull=True)
        .annotate(
            away_from=Subquery(away.values("starts_on")[:1]),
            back_after=Subquery(away.values("expected_end_on")[:1]),
            covered=Exists(covered),
        )
        .values_list(
            "child_id",
            "team__name",
            "worker__first_name",
            "worker__last_name",
            "started_on",
            "away_from",
            "back_after",
            "covered",
        )
    }
    soon = due.calendar.add_working_days(due.today, WORKER_ABSENT_HIGH_WORKING_DAYS)
    for child_id in child_ids:
        row = rows.get(child_id)
        if row is None or row[2] is None:
            detail = (
                f"In the {row[1]} team's queue since {long_date(row[4])}"
                if row
                else "No team or worker is allocated"
            )
            due.items[child_id].append(
                DueItem(
                    rule="UNALLOCATED",
                    what="Allocate a social worker",
                    due=None,
                    status=DueStatus.FLAG,
                    detail=detail,
                )
            )
            continue
        _child, _team, first, last, _started, away_from, back_after, covered = row
        if away_from is None or covered:
            continue
        detail = f"{first} {last} is absent from {long_date(away_from)}"
        if back_after:
            detail += f" (expected back after {long_date(back_after)})"
        detail += " and no cover worker is set."
        pressing = [
            item for item in due.items[child_id] if item.due is not None and item.due <= soon
        ]
        if pressing:
            first_due = min(pressing, key=lambda item: item.due)
            detail += (
                f" High severity: {first_due.what.lower()} is due by {long_date(first_due.due)}."
            )
        due.items[child_id].append(
            DueItem(
                rule="WORKER_ABSENT",
                what="Set cover or reallocate",
                due=None,
                status=DueStatus.FLAG,
                detail=detail,
            )
        )
