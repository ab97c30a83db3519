"""Writes for absence and cover (issue 6, item 4).

A manager records a worker's absence (planned or unplanned), then for the worker's children
either sets a cover worker, who acts for the absent worker on those children from the cover's
first to its last day inclusive (ADR 0013), or reallocates them. Ending an absence ends the
covers with it. Every write is audited through core.records.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from cairn.accounts.models import User
from cairn.accounts.roles import RECORD_WRITERS
from cairn.core.records import record_create, record_remove, record_update
from cairn.people.models import Person
from cairn.workforce.models import Absence, AbsenceKind, Allocation, Cover


def _d(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _last_day(absence: Absence) -> dt.date | None:
    """The last day away: the recorded end, else the expected end, else open."""
    return absence.ended_on or absence.expected_end_on


def _overlapping(*, worker: User, starts_on: dt.date, last_day: dt.date | None, exclude=None):
    others = Absence.objects.filter(worker=worker).exclude(pk=getattr(exclude, "pk", None))
    if last_day is not None:
        others = others.filter(starts_on__lte=last_day)
    return others.filter(
        Q(ended_on__gte=starts_on)
        | Q(ended_on__isnull=True, expected_end_on__gte=starts_on)
        | Q(ended_on__isnull=True, expected_end_on__isnull=True)
    ).first()


@transaction.atomic
def absence_record(
    *,
    actor: User,
    worker: User,
    kind: str,
    starts_on: dt.date | None,
    expected_end_on: dt.date | None = None,
    reason: str = "",
    via: str = "web",
) -> Absence:
    """Record that `worker` is (or will be) away from `starts_on`, expected back after
    `expected_end_on` (blank when not known). Absences of one worker do not overlap."""
    errors: dict[str, str] = {}
    if kind not in AbsenceKind.values:
        errors["kind"] = "Select whether the absence is planned or unplanned"
    if starts_on is None:
        errors["starts_on"] = "Enter the first day of the absence"
    elif expected_end_on is not None and expected_end_on < starts_on:
        errors["expected_end_on"] = "The expected end must be on or after the first day"
    elif clash := _overlapping(worker=worker, starts_on=starts_on, last_day=expected_end_on):
        errors["starts_on"] = (
            f"{worker.get_full_name()} already has an absence from {_d(clash.starts_on)}"
            " that overlaps these dates: end or change that one first"
        )
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=Absence,
        actor=actor,
        via=via,
        worker=worker,
        kind=kind,
        starts_on=starts_on,
        expected_end_on=expected_end_on,
        reason=reason.strip()[:200],
    )


@transaction.atomic
def absence_end(
    *, actor: User, absence: Absence, ended_on: dt.date | None, expected_version: int, via="web"
) -> Absence:
    """Record the last day away. Covers end with the absence: one running past it ends on
    that day, one not yet started is removed."""
    if ended_on is None:
        raise ValidationError({"ended_on": "Enter the last day of the absence"})
    if ended_on < absence.starts_on:
        raise ValidationError(
            {"ended_on": f"The last day cannot be before the first ({_d(absence.starts_on)})"}
        )
    absence = record_update(
        instance=absence,
        actor=actor,
        expected_version=expected_version,
        via=via,
        ended_on=ended_on,
    )
    for cover in Cover.objects.select_for_update().filter(absence=absence, ends_on__gt=ended_on):
        if cover.starts_on > ended_on:
            record_remove(
                instance=cover,
                actor=actor,
                reason=f"The absence ended on {_d(ended_on)}, before this cover started",
                audit_subject=cover.child,
                via=via,
            )
        else:
            record_update(
                instance=cover,
                actor=actor,
                expected_version=cover.version,
                audit_subject=cover.child,
                via=via,
                ends_on=ended_on,
            )
    return absence


def _cover_errors(
    *,
    absence: Absence,
    cover_worker: User | None,
    child: Person | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if cover_worker is None:
        errors["cover_worker"] = "Select the cover worker"
    elif cover_worker.pk == absence.worker_id:
        errors["cover_worker"] = "The cover worker must be someone other than the absent worker"
    elif not cover_worker.is_active or cover_worker.role not in RECORD_WRITERS:
        errors["cover_worker"] = (
            f"{cover_worker.get_full_name()} cannot cover cases: choose an active social "
            "worker, senior practitioner or manager"
        )
    if starts_on is None:
        errors["starts_on"] = "Enter the first day of the cover"
    elif starts_on < absence.starts_on:
        errors["starts_on"] = f"The cover cannot start before the absence ({_d(absence.starts_on)})"
    if ends_on is None:
        errors["ends_on"] = "Enter the last day of the cover"
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The last day of the cover must be on or after its first day"
    elif absence.ended_on is not None and ends_on > absence.ended_on:
        errors["ends_on"] = (
            f"The cover cannot run past the end of the absence ({_d(absence.ended_on)})"
        )
    if (
        child is not None
        and not Allocation.objects.filter(
            child=child, worker_id=absence.worker_id, ended_on__isnull=True
        ).exists()
    ):
        errors["child"] = f"{child.full_name} is not allocated to the absent worker"
    return errors


@transaction.atomic
def cover_set(
    *,
    actor: User,
    absence: Absence,
    cover_worker: User | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    child: Person | None = None,
    via: str = "web",
) -> Cover:
    """Set a cover worker for all the absent worker's children, or for one child, from
    `starts_on` to `ends_on` inclusive. The cover worker sees and writes those records for the
    period (people.selectors.child_list_visible_to) and WORKER_ABSENT clears."""
    errors = _cover_errors(
        absence=absence,
        cover_worker=cover_worker,
        child=child,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=Cover,
        actor=actor,
        audit_subject=child,
        via=via,
        absence=absence,
        cover_worker=cover_worker,
        child=child,
        starts_on=starts_on,
        ends_on=ends_on,
    )
