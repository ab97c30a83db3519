"""Reads for absence and cover (issue 6, item 4): who is away in the teams a manager manages,
the absent worker's children by nearest deadline, and the covers a worker holds."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from cairn.accounts.models import User
from cairn.accounts.roles import RECORD_WRITERS
from cairn.accounts.selectors import team_ids_managed_by
from cairn.casework.selectors.caseload import CaseloadEntry, caseload_for_worker
from cairn.core.working_days import WorkingDayCalendar
from cairn.workforce.models import Absence, Cover
from cairn.workforce.selectors.access import absence_in_force_q, cover_in_force


def absence_list_for_manager(*, manager: User, today: dt.date) -> QuerySet[Absence]:
    """Absences of workers in the teams the manager manages that are in force today or start
    later, soonest first, with whether any cover is in force today."""
    covered = Cover.objects.filter(
        absence_id=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today
    )
    return (
        Absence.objects.filter(worker__team_id__in=team_ids_managed_by(user=manager))
        .filter(absence_in_force_q(today=today) | Q(starts_on__gt=today))
        .annotate(covered_today=Exists(covered))
        .select_related("worker", "worker__team")
        .order_by("starts_on", "worker__last_name")
    )


def absence_get(*, pk: int) -> Absence | None:
    return Absence.objects.select_related("worker", "worker__team").filter(pk=pk).first()


def cover_list_for_absence(*, absence: Absence) -> QuerySet[Cover]:
    return (
        Cover.objects.filter(absence=absence)
        .select_related("cover_worker", "child")
        .order_by("starts_on", "id")
    )


@dataclass(frozen=True)
class AbsentWorkerChild:
    entry: CaseloadEntry
    covered_by: Cover | None  # the cover in force today for this child, if any


def absent_worker_children(
    *, absence: Absence, viewer: User, today: dt.date, calendar: WorkingDayCalendar
) -> list[AbsentWorkerChild]:
    """The absent worker's children the viewer may see, nearest deadline first (children with
    nothing due last), each with the cover in force today (one for the child, else one for
    all the worker's children)."""
    entries = caseload_for_worker(
        worker=absence.worker, viewer=viewer, today=today, calendar=calendar
    )
    covers = list(
        cover_list_for_absence(absence=absence).filter(starts_on__lte=today, ends_on__gte=today)
    )
    for_all = next((c for c in covers if c.child_id is None), None)
    for_child = {c.child_id: c for c in covers if c.child_id is not None}

    def nearest(entry: CaseloadEntry) -> tuple[dt.date, str]:
        due = entry.next_due.due if entry.next_due and entry.next_due.due else dt.date.max
        return due, entry.child.family_name

    return [
        AbsentWorkerChild(entry=e, covered_by=for_child.get(e.child.pk, for_all))
        for e in sorted(entries, key=nearest)
    ]


@dataclass(frozen=True)
class CoverHeld:
    cover: Cover
    entries: list[CaseloadEntry]


def covers_held_by(*, user: User, today: dt.date, calendar: WorkingDayCalendar) -> list[CoverHeld]:
    """The covers the user holds today, each with the children it gives them ("Covering for
    Sam Whitfield until 20 March 2026"). A few queries per cover; a worker holds few."""
    covers = (
        cover_in_force(user_id=user.pk, today=today)
        .select_related("absence__worker", "child")
        .order_by("ends_on", "id")
    )
    held = []
    for cover in covers:
        entries = caseload_for_worker(
            worker=cover.absence.worker, viewer=user, today=today, calendar=calendar
        )
        if cover.child_id is not None:
            entries = [e for e in entries if e.child.pk == cover.child_id]
        held.append(CoverHeld(cover=cover, entries=entries))
    return held


def absence_of_worker_today(*, worker: User, today: dt.date) -> Absence | None:
    return (
        Absence.objects.filter(absence_in_force_q(today=today), worker=worker)
        .order_by("starts_on")
        .first()
    )


def worker_list_for_absence(*, manager: User) -> QuerySet[User]:
    """Workers whose absence the manager may record: active case holders of the teams they
    manage (not themselves)."""
    return (
        User.objects.filter(
            is_active=True,
            role__in=RECORD_WRITERS,
            team_id__in=team_ids_managed_by(user=manager),
        )
        .exclude(pk=manager.pk)
        .select_related("team")
        .order_by("last_name", "first_name")
    )
