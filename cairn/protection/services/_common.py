"""Checks the protection services share: dates, meeting dates, invitees and actions."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cairn.casework.models import AgencyKind, AttendeeRole, Meeting, MeetingAction
from cairn.casework.services.meetings import Attendee, attendance_errors
from cairn.casework.services.plans import format_date
from cairn.core import clock
from cairn.core.records import record_create

__all__ = ["format_date"]


@dataclass(frozen=True)
class ActionSpec:
    """An action agreed at a meeting: what, and its owner (a user, a named person or an
    agency), by when."""

    what: str
    owner_user: object | None = None
    owner_name: str = ""
    owner_agency: str = ""
    due_on: dt.date | None = None


def meeting_day(held_at: dt.datetime) -> dt.date:
    return timezone.localdate(held_at)


def held_at_errors(held_at: dt.datetime | None, *, what: str) -> dict:
    """The meeting has a date and time, today or in the past."""
    if held_at is None:
        return {"held_at": f"Enter the date and time of the {what}"}
    if meeting_day(held_at) > clock.today():
        return {"held_at": f"The date of the {what} must be today or in the past"}
    return {}


def invitee_errors(attendance: list[Attendee]) -> dict:
    """Casework's invitee checks, plus: a professional says which agency kind they attend for
    (it decides quoracy)."""
    errors = attendance_errors(attendance)
    if any(
        a.role == AttendeeRole.PROFESSIONAL and a.agency_kind not in AgencyKind.values
        for a in attendance
    ):
        problems = errors.get("attendance", [])
        errors["attendance"] = [*problems, "Choose the agency each professional attends for"]
    return errors


def action_errors(actions: list[ActionSpec]) -> dict:
    problems = []
    for n, action in enumerate(actions, start=1):
        if not action.what.strip():
            problems.append(f"Say what action {n} is")
        elif not (action.owner_user or action.owner_name.strip() or action.owner_agency.strip()):
            problems.append(f"Say who owns action {n}: a person or an agency")
    return {"actions": problems} if problems else {}


def actions_write(*, actor, meeting: Meeting, child, actions: list[ActionSpec], via: str) -> None:
    for action in actions:
        record_create(
            model=MeetingAction,
            actor=actor,
            audit_subject=child,
            via=via,
            meeting=meeting,
            what=action.what.strip(),
            owner_user=action.owner_user,
            owner_name=action.owner_name.strip(),
            owner_agency=action.owner_agency.strip(),
            due_on=action.due_on,
        )
