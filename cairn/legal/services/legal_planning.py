"""Legal planning meetings (the legal gateway): when, who took part (legal adviser, manager,
social worker), the concerns, the decision and why, and what asked for the meeting.

The meeting is a `casework.Meeting` of kind legal_planning (children via MeetingChild,
attendees via Attendance); the decision is this app's LegalPlanningDetail. A decision to start
pre-proceedings starts one pre-proceedings period for the children together (siblings share it)
on the meeting's date.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.casework.models import AgencyKind, AttendeeRole, MeetingKind
from cairn.casework.services.meetings import Attendee, meeting_for_children_create
from cairn.core.records import record_create
from cairn.legal.models import LegalDecision, LegalPlanningDetail, RequestedFrom
from cairn.legal.services._common import date_errors, meeting_day
from cairn.legal.services.pre_proceedings import pre_proceedings_start, pre_proceedings_start_errors
from cairn.people.models import Person
from cairn.protection.models import ConferenceDetail, PracticeAlert

LEGAL_SERVICES = "Legal services"


def legal_planning_attendees(*, legal_adviser: str, manager: str, social_worker: str) -> list:
    """The three who must take part, as invitees (professionals who attended)."""
    return [
        Attendee(
            role=AttendeeRole.PROFESSIONAL,
            name=name,
            agency=agency,
            agency_kind=kind,
            attended=True,
        )
        for name, agency, kind in (
            (legal_adviser, f"{LEGAL_SERVICES} (legal adviser)", AgencyKind.OTHER),
            (manager, "Children's social care (manager)", AgencyKind.CHILDRENS_SOCIAL_CARE),
            (
                social_worker,
                "Children's social care (social worker)",
                AgencyKind.CHILDRENS_SOCIAL_CARE,
            ),
        )
        if name.strip()
    ]


def _request_errors(
    *,
    children: list[Person],
    day: dt.date | None,
    requested_from: str,
    conference: ConferenceDetail | None,
    practice_alert: PracticeAlert | None,
) -> dict:
    child_ids = {c.pk for c in children}
    if requested_from not in RequestedFrom.values:
        return {"requested_from": "Choose what asked for the legal planning meeting"}
    if requested_from == RequestedFrom.CONFERENCE:
        if conference is None:
            return {"requested_from": "Say which review conference asked for the meeting"}
        if conference.child_id not in child_ids:
            return {"requested_from": "The conference is about another child"}
        held = meeting_day(conference.meeting.held_at)
        if day is not None and day < held:
            return {
                "held_at": "The legal planning meeting cannot be before the conference "
                f"that asked for it ({held.day} {held:%B %Y})"
            }
    if requested_from == RequestedFrom.PRACTICE_ALERT:
        if practice_alert is None:
            return {"requested_from": "Say which practice alert asked for the meeting"}
        if practice_alert.child_id not in child_ids:
            return {"requested_from": "The practice alert is about another child"}
        raised = practice_alert.raised_on
        if day is not None and day < raised:
            return {
                "held_at": "The legal planning meeting cannot be before the practice alert "
                f"that asked for it ({raised.day} {raised:%B %Y})"
            }
    return {}


def _errors(**kw) -> dict:
    children = kw["children"]
    held_at = kw["held_at"]
    day = meeting_day(held_at) if held_at else None
    errors = date_errors("held_at", day, what="date of the legal planning meeting")
    if not children:
        errors["children"] = "Choose the children the meeting is about"
    elif any(not c.is_child for c in children):
        errors["children"] = "A legal planning meeting is about children only"
    for field, what in (
        ("legal_adviser", "legal adviser"),
        ("manager", "manager"),
        ("social_worker", "social worker"),
    ):
        if not kw[field].strip():
            errors[field] = f"Enter the name of the {what} who took part"
    if not kw["concerns"].strip():
        errors["concerns"] = "Enter the concerns"
    decision = kw["decision"]
    if decision not in LegalDecision.values:
        errors["decision"] = "Choose the decision of the legal planning meeting"
    elif decision == LegalDecision.OTHER and not kw["decision_other"].strip():
        errors["decision_other"] = "Say what the other decision is"
    if not kw["rationale"].strip():
        errors["rationale"] = "Enter the reasons for the decision"
    errors |= _request_errors(
        children=children,
        day=day,
        requested_from=kw["requested_from"],
        conference=kw["conference"],
        practice_alert=kw["practice_alert"],
    )
    if (
        decision == LegalDecision.START_PRE_PROCEEDINGS
        and day
        and children
        and "held_at" not in errors
    ):
        errors |= pre_proceedings_start_errors(children=children, decided_on=day)
    return errors


@transaction.atomic
def legal_planning_record(
    *,
    actor,
    children: list[Person],
    held_at: dt.datetime | None,
    legal_adviser: str,
    manager: str,
    social_worker: str,
    concerns: str,
    decision: str,
    rationale: str,
    requested_from: str,
    decision_other: str = "",
    conference: ConferenceDetail | None = None,
    practice_alert: PracticeAlert | None = None,
    via: str = "web",
) -> LegalPlanningDetail:
    """Record a legal planning meeting; on "start pre-proceedings" start the pre-proceedings
    period for the children (their level moves to pre-proceedings).

    Refused (nothing written): no children, or anyone not a child; a future date; the legal
    adviser, manager or social worker not named; no concerns, decision or reasons ("other"
    needs a note); asked for by a conference or practice alert that is missing, about another
    child, or later than the meeting; for "start pre-proceedings", a child already in open
    pre-proceedings or whose level cannot move on that date.
    """
    children = list(children)
    errors = _errors(
        children=children,
        held_at=held_at,
        legal_adviser=legal_adviser,
        manager=manager,
        social_worker=social_worker,
        concerns=concerns,
        decision=decision,
        decision_other=decision_other,
        rationale=rationale,
        requested_from=requested_from,
        conference=conference,
        practice_alert=practice_alert,
    )
    if errors:
        raise ValidationError(errors)
    subject = children[0]
    meeting = meeting_for_children_create(
        actor=actor,
        kind=MeetingKind.LEGAL_PLANNING,
        held_at=held_at,
        children=children,
        attendance=legal_planning_attendees(
            legal_adviser=legal_adviser, manager=manager, social_worker=social_worker
        ),
        via=via,
    )
    detail = record_create(
        model=LegalPlanningDetail,
        actor=actor,
        audit_subject=subject,
        via=via,
        meeting=meeting,
        concerns=concerns.strip(),
        decision=decision,
        decision_other=decision_other.strip(),
        rationale=rationale.strip(),
        requested_from=requested_from,
        conference=conference if requested_from == RequestedFrom.CONFERENCE else None,
        practice_alert=practice_alert if requested_from == RequestedFrom.PRACTICE_ALERT else None,
    )
    if decision == LegalDecision.START_PRE_PROCEEDINGS:
        pre_proceedings_start(
            actor=actor,
            children=children,
            decided_on=meeting_day(held_at),
            legal_planning=detail,
            via=via,
        )
    return detail
