"""Core group meetings of a CP plan: the first within 10 working days of the ICPC
(CORE_GROUP_10WD), then as the plan sets; who attended, progress on each outcome of the
version in force, and actions with their owners."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.casework.models import Meeting, MeetingKind, Plan, PlanKind, PlanStatus
from cairn.casework.services.meetings import (
    Attendee,
    as_rating,
    current_outcomes,
    meeting_parts_write,
    ratings_errors,
)
from cairn.core import clock
from cairn.core.records import record_create
from cairn.protection.services._common import (
    ActionSpec,
    action_errors,
    actions_write,
    format_date,
    held_at_errors,
    invitee_errors,
    meeting_day,
)


def _plan_errors(plan: Plan, held_at) -> dict:
    if plan.kind != PlanKind.CP or plan.status != PlanStatus.ACTIVE:
        return {"plan": "A core group meets for an active child protection plan"}
    if held_at is not None and plan.started_on and meeting_day(held_at) < plan.started_on:
        return {
            "held_at": "The core group cannot meet before the child protection plan started on "
            f"{format_date(plan.started_on)}"
        }
    return {}


@transaction.atomic
def core_group_record(
    *,
    actor,
    plan: Plan,
    held_at: dt.datetime | None,
    attendance: list[Attendee],
    ratings: dict | None = None,
    progress: str = "",
    actions: list[ActionSpec] = (),
    via: str = "web",
) -> Meeting:
    """Record a core group meeting of an active CP plan (written as held: no chair's
    finalisation, which is for conferences).

    Refused (nothing written): a future date, or before the plan started; nobody recorded as
    attending; an outcome of the version in force without a rating; an action without an
    owner.
    """
    attendance, actions = list(attendance), list(actions)
    outcomes = current_outcomes(plan)
    by_outcome = {int(k): as_rating(v) for k, v in (ratings or {}).items()}
    errors = held_at_errors(held_at, what="core group meeting") | _plan_errors(plan, held_at)
    if not any(a.attended for a in attendance):
        errors["attendance"] = "Record who attended the core group"
    errors |= invitee_errors(attendance) | action_errors(actions)
    if outcomes:
        errors |= ratings_errors(outcomes, by_outcome)
    if errors:
        raise ValidationError(errors)
    child = plan.child
    meeting = record_create(
        model=Meeting,
        actor=actor,
        audit_subject=child,
        via=via,
        kind=MeetingKind.CORE_GROUP,
        held_at=held_at,
        chair=actor,
        plan=plan,
        what_changes=progress.strip(),
        finalised_at=clock.now(),
        finalised_by=actor,
    )
    meeting_parts_write(
        actor=actor,
        meeting=meeting,
        child=child,
        participation=[],
        attendance=attendance,
        outcomes=outcomes,
        ratings=by_outcome,
        via=via,
    )
    actions_write(actor=actor, meeting=meeting, child=child, actions=actions, via=via)
    return meeting
