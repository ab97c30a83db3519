"""Strategy discussions: when, the children concerned (siblings together), who took part for
which agency, what was shared, the decision and the actions with their owners.

A decision to hold a S47 enquiry (single- or joint-agency) starts one enquiry per child at the
discussion's date (Working Together 2023: the enquiry starts at the strategy discussion that
initiated it, and the ICPC is due within 15 working days of it).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.casework.models import MeetingKind
from cairn.casework.services.meetings import Attendee, meeting_for_children_create
from cairn.core.records import record_create
from cairn.people.models import Person
from cairn.protection.models import S47_DECISIONS, StrategyDecision, StrategyDiscussion
from cairn.protection.services._common import (
    ActionSpec,
    action_errors,
    actions_write,
    held_at_errors,
    invitee_errors,
    meeting_day,
)
from cairn.protection.services.s47 import s47_start, s47_start_errors


def _errors(
    *,
    children: list[Person],
    held_at,
    attendance: list[Attendee],
    information_shared: str,
    decision: str,
    decision_note: str,
    actions: list[ActionSpec],
) -> dict:
    errors = held_at_errors(held_at, what="strategy discussion")
    if not children:
        errors["children"] = "Choose the children the strategy discussion is about"
    elif any(not c.is_child for c in children):
        errors["children"] = "A strategy discussion is about children only"
    if not attendance:
        errors["attendance"] = "Record who took part and for which agency"
    errors |= invitee_errors(attendance)
    if not information_shared.strip():
        errors["information_shared"] = "Enter the information shared"
    if decision not in StrategyDecision.values:
        errors["decision"] = "Choose the decision of the strategy discussion"
    elif decision == StrategyDecision.OTHER and not decision_note.strip():
        errors["decision_note"] = "Say what the other decision is"
    errors |= action_errors(actions)
    if decision in S47_DECISIONS and "held_at" not in errors:
        problems = [
            problem
            for child in children
            for problem in s47_start_errors(child=child, started_on=meeting_day(held_at)).values()
        ]
        if problems:
            errors["children"] = problems
    return errors


@transaction.atomic
def strategy_discussion_record(
    *,
    actor,
    children: list[Person],
    held_at: dt.datetime | None,
    attendance: list[Attendee],
    information_shared: str,
    decision: str,
    decision_note: str = "",
    actions: list[ActionSpec] = (),
    lead_worker=None,
    via: str = "web",
) -> StrategyDiscussion:
    """Record a strategy discussion; on a S47 decision start a S47 enquiry for each child
    (led by `lead_worker`, else the recorder).

    Refused (nothing written): no children, or anyone not a child; a future date; nobody
    recorded as taking part, or a professional without an agency; no information shared; no
    decision ("other" needs a note); an action without an owner; for a S47 decision, a child
    without an open referral or already in an open S47 enquiry.
    """
    children, attendance, actions = list(children), list(attendance), list(actions)
    errors = _errors(
        children=children,
        held_at=held_at,
        attendance=attendance,
        information_shared=information_shared,
        decision=decision,
        decision_note=decision_note,
        actions=actions,
    )
    if errors:
        raise ValidationError(errors)
    subject = children[0]
    meeting = meeting_for_children_create(
        actor=actor,
        kind=MeetingKind.STRATEGY,
        held_at=held_at,
        children=children,
        attendance=attendance,
        via=via,
    )
    discussion = record_create(
        model=StrategyDiscussion,
        actor=actor,
        audit_subject=subject,
        via=via,
        meeting=meeting,
        information_shared=information_shared.strip(),
        decision=decision,
        decision_note=decision_note.strip(),
    )
    actions_write(actor=actor, meeting=meeting, child=subject, actions=actions, via=via)
    if decision in S47_DECISIONS:
        for child in children:
            s47_start(
                actor=actor, child=child, strategy=discussion, lead_worker=lead_worker, via=via
            )
    return discussion
