"""Writes to allocations: who is responsible for a child (and their CIN episode), as history.

A change never overwrites: the current allocation is ended (with the reason for the change) and
a new one starts. The database keeps at most one current allocation per child.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import Team, User
from cairn.accounts.roles import RECORD_WRITERS
from cairn.core import clock
from cairn.core.records import record_create, record_update
from cairn.frontdoor.models import Episode
from cairn.people.models import Person
from cairn.workforce.models import Allocation


def _d(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _ended_reason(current: Allocation, reason: str) -> str:
    """The ended row keeps why it started and gains why it ended."""
    text = f"{current.reason}; ended: {reason}" if current.reason else f"Ended: {reason}"
    return text[:200]


def allocation_current(*, child: Person) -> Allocation | None:
    return Allocation.objects.select_for_update().filter(child=child, ended_on__isnull=True).first()


def worker_error(*, worker: User | None) -> str:
    """Why `worker` cannot hold a case ('' when they can). No worker is the team's queue."""
    if worker is None:
        return ""
    if not worker.is_active:
        return f"{worker.get_full_name()} is no longer active: choose another worker"
    if worker.role not in RECORD_WRITERS:
        return (
            f"{worker.get_full_name()} cannot hold cases: choose a social worker, "
            "senior practitioner or manager"
        )
    return ""


def allocation_change(
    *,
    actor: User,
    child: Person,
    team: Team,
    worker: User | None,
    started_on: dt.date,
    reason: str,
    episode: Episode | None = None,
    via: str = "web",
) -> Allocation:
    """End the child's current allocation (if any) with `reason` and start a new one.

    Callers validate first; this only writes. The current allocation ends on the day the new one
    starts. A referral dated before the child's registration (the front door registers a child
    while taking the contact) ends the registration's allocation on its own start day.
    """
    current = allocation_current(child=child)
    if current is not None:
        record_update(
            instance=current,
            actor=actor,
            expected_version=current.version,
            audit_subject=child,
            via=via,
            ended_on=max(started_on, current.started_on),
            reason=_ended_reason(current, reason),
        )
    return record_create(
        model=Allocation,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        episode=episode,
        team=team,
        worker=worker,
        started_on=started_on,
        reason=reason[:200],
    )


def allocation_end(
    *, actor: User, child: Person, ended_on: dt.date, reason: str, via: str = "web"
) -> Allocation | None:
    """End the child's current allocation (the case is closed). Callers validate first."""
    current = allocation_current(child=child)
    if current is None:
        return None
    return record_update(
        instance=current,
        actor=actor,
        expected_version=current.version,
        audit_subject=child,
        via=via,
        ended_on=ended_on,
        reason=_ended_reason(current, reason),
    )


def allocation_start_error(*, child: Person, started_on: dt.date | None) -> str:
    """Why an allocation change cannot start on `started_on` ('' when it can)."""
    if started_on is None:
        return "Enter the date the allocation starts"
    if started_on > clock.today():
        return "The allocation date must be today or in the past"
    current = Allocation.objects.filter(child=child, ended_on__isnull=True).first()
    if current is not None and started_on < current.started_on:
        return (
            "The new allocation cannot start before the current one started "
            f"({_d(current.started_on)})"
        )
    return ""


@transaction.atomic
def episode_allocate(
    *,
    actor: User,
    episode: Episode,
    team: Team,
    worker: User | None,
    reason: str,
    started_on: dt.date,
    via: str = "web",
) -> Allocation:
    """Allocate an open CIN episode to a team and (optionally) a worker, keeping the history.

    The current allocation ends with the reason for the change; a new one starts on `started_on`
    (not in the future, not before the referral nor the current allocation's start).
    """
    episode = Episode.objects.select_for_update().select_related("child").get(pk=episode.pk)
    errors: dict[str, str] = {}
    if not episode.is_open:
        errors["episode"] = (
            f"This episode closed on {_d(episode.closed_on)}: it cannot be allocated"
        )
    if team is None:
        errors["team"] = "Select the team the episode is allocated to"
    if problem := worker_error(worker=worker):
        errors["worker"] = problem
    if not (reason or "").strip():
        errors["reason"] = "Enter the reason for the change of allocation"
    if problem := allocation_start_error(child=episode.child, started_on=started_on):
        errors["started_on"] = problem
    elif started_on < episode.referral_date:
        errors["started_on"] = (
            f"The allocation cannot start before the referral ({_d(episode.referral_date)})"
        )
    current = Allocation.objects.filter(child=episode.child, ended_on__isnull=True).first()
    if (
        "team" not in errors
        and current is not None
        and current.team_id == team.pk
        and current.worker_id == (worker.pk if worker else None)
    ):
        errors["worker"] = "The episode is already allocated to this team and worker"
    if errors:
        raise ValidationError(errors)
    return allocation_change(
        actor=actor,
        child=episode.child,
        team=team,
        worker=worker,
        started_on=started_on,
        reason=reason.strip(),
        episode=episode,
        via=via,
    )


@transaction.atomic
def child_allocate(
    *,
    actor: User,
    child: Person,
    team: Team | None,
    worker: User | None,
    reason: str,
    started_on: dt.date | None,
    via: str = "web",
) -> Allocation:
    """Allocate (or reallocate) a child's case to a team and, optionally, a worker, keeping the
    history with the reason for the change (the SSD involvement shape). No worker places the
    child in the team's unallocated queue. The open episode, if any, is carried on."""
    errors: dict[str, str] = {}
    if team is None:
        errors["team"] = "Select the team the child is allocated to"
    if problem := worker_error(worker=worker):
        errors["worker"] = problem
    if not (reason or "").strip():
        errors["reason"] = "Enter the reason for the change of allocation"
    if problem := allocation_start_error(child=child, started_on=started_on):
        errors["started_on"] = problem
    current = Allocation.objects.filter(child=child, ended_on__isnull=True).first()
    if (
        "team" not in errors
        and current is not None
        and current.team_id == team.pk
        and current.worker_id == (worker.pk if worker else None)
    ):
        errors["worker"] = "The child is already allocated to this team and worker"
    if errors:
        raise ValidationError(errors)
    episode = Episode.objects.filter(child=child, closed_on__isnull=True).first()
    return allocation_change(
        actor=actor,
        child=child,
        team=team,
        worker=worker,
        started_on=started_on,
        reason=reason.strip(),
        episode=episode,
        via=via,
    )
