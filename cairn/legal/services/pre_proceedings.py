"""Pre-proceedings under the Public Law Outline: the decision to start, the letter before
proceedings, family group decision-making, the initial and review meetings with the parents
and their lawyers, and the step decision (step down, issue proceedings, or extend with a
reason). Siblings share one period. Source: Public Law Outline (PD12A) and the DfE statutory
guidance "Court orders and pre-proceedings" (2014); the local limit is PLO_DURATION.

Impossible sequences are refused: a letter or meeting before the decision, a review before the
initial meeting, a step decision before the initial meeting, anything after the step decision.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.casework.models import Meeting, MeetingChild, MeetingKind
from cairn.casework.services.meetings import Attendee, attendance_errors, meeting_parts_write
from cairn.core.records import record_create, record_update
from cairn.frontdoor.models import Level
from cairn.legal.models import (
    LegalPlanningDetail,
    LegalRepresentation,
    PreProceedings,
    PreProceedingsChild,
    PreProceedingsExtension,
    PreProceedingsMeeting,
    PreProceedingsOutcome,
    StepDownTo,
)
from cairn.legal.services._common import (
    date_errors,
    format_date,
    level_move,
    level_move_errors,
    meeting_day,
)
from cairn.people.models import Person

EXTEND = "extend"
STEP_CHOICES = [*PreProceedingsOutcome.choices, (EXTEND, "Extend pre-proceedings")]
PP_MEETING_KINDS = (MeetingKind.PP_INITIAL, MeetingKind.PP_REVIEW)


def _children(pp: PreProceedings) -> list[Person]:
    return [row.child for row in pp.children.select_related("child").order_by("id")]


def _open_errors(pp: PreProceedings) -> dict:
    if pp.outcome:
        return {"pre_proceedings": "Pre-proceedings have ended: the step decision is recorded"}
    return {}


def pre_proceedings_start_errors(*, children: list[Person], decided_on: dt.date) -> dict:
    """A child is in one open pre-proceedings period at a time, and their level can move to
    pre-proceedings on the decision date."""
    open_ids = set(
        PreProceedingsChild.objects.filter(
            child__in=children, pre_proceedings__outcome=""
        ).values_list("child_id", flat=True)
    )
    problems = [
        f"{c.full_name} is already in pre-proceedings" for c in children if c.pk in open_ids
    ]
    if problems:
        return {"children": problems}
    return level_move_errors(
        children, on=decided_on, to_level=Level.PRE_PROCEEDINGS, reason="Pre-proceedings started"
    )


@transaction.atomic
def pre_proceedings_start(
    *,
    actor,
    children: list[Person],
    decided_on: dt.date,
    legal_planning: LegalPlanningDetail | None,
    via: str = "web",
) -> PreProceedings:
    """Start pre-proceedings for the children together; each child's level moves to
    pre-proceedings on the decision date. Refused: a child already in open pre-proceedings, a
    future date, a date before the child's last level change or before the legal planning
    meeting."""
    children = list(children)
    before = (
        (meeting_day(legal_planning.meeting.held_at), "the legal planning meeting")
        if legal_planning
        else None
    )
    errors = date_errors("decided_on", decided_on, what="decision date", not_before=before)
    if not children:
        errors["children"] = "Choose the children in pre-proceedings"
    if not errors:
        errors |= pre_proceedings_start_errors(children=children, decided_on=decided_on)
    if errors:
        raise ValidationError(errors)
    pp = record_create(
        model=PreProceedings,
        actor=actor,
        audit_subject=children[0],
        via=via,
        legal_planning=legal_planning,
        decided_on=decided_on,
    )
    for child in children:
        record_create(
            model=PreProceedingsChild,
            actor=actor,
            audit_subject=child,
            via=via,
            pre_proceedings=pp,
            child=child,
        )
    level_move(
        children,
        actor=actor,
        on=decided_on,
        to_level=Level.PRE_PROCEEDINGS,
        reason="Legal planning meeting decided to start pre-proceedings",
        via=via,
    )
    return pp


@transaction.atomic
def pre_proceedings_letter_record(
    *,
    actor,
    pp: PreProceedings,
    expected_version: int,
    letter_sent_on: dt.date | None,
    letter_changes: str,
    via: str = "web",
) -> PreProceedings:
    """Record the letter before proceedings: when it was sent and what it asks the parents to
    change. Refused: pre-proceedings ended; no date, a future date or one before the decision;
    nothing said about what must change."""
    errors = _open_errors(pp) | date_errors(
        "letter_sent_on",
        letter_sent_on,
        what="date the letter before proceedings was sent",
        not_before=(pp.decided_on, "the decision to start pre-proceedings"),
    )
    if not letter_changes.strip():
        errors["letter_changes"] = "Enter what the letter asks the parents to change"
    first = _first_meeting_day(pp)
    if first and letter_sent_on and "letter_sent_on" not in errors and letter_sent_on > first:
        errors["letter_sent_on"] = (
            "The letter before proceedings must be sent before the initial meeting it invites "
            f"the parents to ({first.day} {first:%B %Y})"
        )
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=pp,
        actor=actor,
        expected_version=expected_version,
        audit_subject=_children(pp)[0],
        via=via,
        letter_sent_on=letter_sent_on,
        letter_changes=letter_changes.strip(),
    )


@transaction.atomic
def pre_proceedings_fgdm_record(  # noqa: PLR0913
    *,
    actor,
    pp: PreProceedings,
    expected_version: int,
    offered: bool | None,
    offered_on: dt.date | None = None,
    held_on: dt.date | None = None,
    not_reason: str = "",
    via: str = "web",
) -> PreProceedings:
    """Record family group decision-making: offered (when) or why not; held (when) or why not.
    Refused: no answer; an offer without a date, or before the decision; a meeting held before
    it was offered or in the future; "not offered" or "offered, not held" without a reason."""
    errors = dict(_open_errors(pp))
    if offered is None:
        errors["offered"] = "Say whether family group decision-making was offered"
    elif offered:
        errors |= date_errors(
            "offered_on",
            offered_on,
            what="date family group decision-making was offered",
            not_before=(pp.decided_on, "the decision to start pre-proceedings"),
        )
        if held_on is not None:
            errors |= date_errors(
                "held_on",
                held_on,
                what="date of the family group meeting",
                not_before=(offered_on, "it was offered"),
            )
        elif not not_reason.strip():
            errors["not_reason"] = "Say why the family group meeting has not been held"
    else:
        if not not_reason.strip():
            errors["not_reason"] = "Say why family group decision-making was not offered"
        offered_on = held_on = None
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=pp,
        actor=actor,
        expected_version=expected_version,
        audit_subject=_children(pp)[0],
        via=via,
        fgdm_offered=offered,
        fgdm_offered_on=offered_on,
        fgdm_held_on=held_on,
        fgdm_not_reason=not_reason.strip(),
    )


def _meetings(pp: PreProceedings):
    return Meeting.objects.filter(pre_proceedings_meeting__pre_proceedings=pp).order_by("held_at")


def _first_meeting_day(pp: PreProceedings) -> dt.date | None:
    first = _meetings(pp).filter(kind=MeetingKind.PP_INITIAL).first() if pp.pk else None
    return meeting_day(first.held_at) if first else None


def _initial_errors(pp: PreProceedings, meetings, day, parents_legal_rep) -> dict:
    if any(m.kind == MeetingKind.PP_INITIAL for m in meetings):
        return {"kind": "The initial pre-proceedings meeting is already recorded"}
    if pp.letter_sent_on is None:
        return {"kind": "Record the letter before proceedings before the initial meeting"}
    if day < pp.letter_sent_on:
        return {
            "held_at": "The initial meeting cannot be before the letter before "
            f"proceedings was sent ({format_date(pp.letter_sent_on)})"
        }
    if parents_legal_rep not in LegalRepresentation.values:
        return {"parents_legal_rep": "Say whether the parents had legal representation"}
    return {}


def _review_errors(meetings, held_at, progress) -> dict:
    if not any(m.kind == MeetingKind.PP_INITIAL for m in meetings):
        return {"kind": "Record the initial pre-proceedings meeting before a review meeting"}
    last = meetings[-1]
    if held_at <= last.held_at:
        return {
            "held_at": "A review meeting must be after the last meeting "
            f"({format_date(meeting_day(last.held_at))})"
        }
    if not progress.strip():
        return {
            "progress": "Say what progress has been made against what the letter asked to change"
        }
    return {}


def _meeting_errors(pp: PreProceedings, *, kind: str, held_at, parents_legal_rep, progress) -> dict:
    day = meeting_day(held_at) if held_at else None
    errors = _open_errors(pp) | date_errors(
        "held_at",
        day,
        what="date of the meeting",
        not_before=(pp.decided_on, "the decision to start pre-proceedings"),
    )
    if errors:
        return errors
    meetings = list(_meetings(pp))
    if kind == MeetingKind.PP_INITIAL:
        return _initial_errors(pp, meetings, day, parents_legal_rep)
    if kind == MeetingKind.PP_REVIEW:
        return _review_errors(meetings, held_at, progress)
    return {"kind": "Choose the kind of meeting"}


@transaction.atomic
def pre_proceedings_meeting_record(  # noqa: PLR0913
    *,
    actor,
    pp: PreProceedings,
    kind: str,
    held_at: dt.datetime | None,
    attendance: list[Attendee] = (),
    parents_legal_rep: str = "",
    progress: str = "",
    via: str = "web",
) -> PreProceedingsMeeting:
    """Record an initial or review pre-proceedings meeting with the parents.

    Refused: pre-proceedings ended; a future date, or one before the decision; a second
    initial meeting; an initial meeting before the letter was sent (or with no letter), or
    without saying whether the parents had a lawyer; a review before the initial meeting, not
    after the last meeting, or with no progress recorded; an unnamed attendee.
    """
    attendance = list(attendance)
    errors = _meeting_errors(
        pp, kind=kind, held_at=held_at, parents_legal_rep=parents_legal_rep, progress=progress
    ) | attendance_errors(attendance)
    if errors:
        raise ValidationError(errors)
    children = _children(pp)
    meeting = record_create(
        model=Meeting,
        actor=actor,
        audit_subject=children[0],
        via=via,
        kind=kind,
        held_at=held_at,
        chair=actor,
    )
    for child in children:
        record_create(
            model=MeetingChild,
            actor=actor,
            audit_subject=child,
            via=via,
            meeting=meeting,
            child=child,
        )
    meeting_parts_write(
        actor=actor,
        meeting=meeting,
        child=children[0],
        participation=[],
        attendance=attendance,
        outcomes=[],
        ratings={},
        via=via,
    )
    return record_create(
        model=PreProceedingsMeeting,
        actor=actor,
        audit_subject=children[0],
        via=via,
        meeting=meeting,
        pre_proceedings=pp,
        parents_legal_rep=parents_legal_rep if kind == MeetingKind.PP_INITIAL else "",
        progress=progress.strip(),
    )


def _step_errors(pp, *, decided_on, outcome, reason, step_down_to, extension_weeks) -> dict:
    first = _first_meeting_day(pp)
    errors = _open_errors(pp)
    if errors:
        return errors
    if first is None:
        return {"outcome": "Record the initial pre-proceedings meeting before the step decision"}
    last = _meetings(pp).last()
    last_day = meeting_day(last.held_at)
    errors = date_errors(
        "decided_on",
        decided_on,
        what="date of the step decision",
        not_before=(last_day, "the last pre-proceedings meeting"),
    )
    extended = pp.extensions.order_by("-decided_on").first()
    if not errors and extended and decided_on < extended.decided_on:
        errors["decided_on"] = "The step decision cannot be before the last extension"
    if outcome not in dict(STEP_CHOICES):
        errors["outcome"] = "Choose the step decision"
    elif outcome == PreProceedingsOutcome.STEP_DOWN and step_down_to not in StepDownTo.values:
        errors["step_down_to"] = "Choose the plan the children step down to"
    elif outcome == EXTEND and not (extension_weeks and extension_weeks > 0):
        errors["extension_weeks"] = "Enter how many weeks pre-proceedings are extended by"
    if not reason.strip():
        errors["reason"] = "Enter the reasons for the step decision"
    if outcome == PreProceedingsOutcome.STEP_DOWN and not errors:
        errors |= level_move_errors(
            _children(pp), on=decided_on, to_level=step_down_to, reason=reason
        )
    return errors


@transaction.atomic
def pre_proceedings_step_decide(  # noqa: PLR0913
    *,
    actor,
    pp: PreProceedings,
    expected_version: int,
    decided_on: dt.date | None,
    outcome: str,
    reason: str,
    step_down_to: str = "",
    extension_weeks: int | None = None,
    via: str = "web",
) -> PreProceedings:
    """Record the step decision: step down (the children's level returns to the child
    protection or child in need plan decided), issue care proceedings (then record the
    proceedings), or extend pre-proceedings by a number of weeks with the reason.

    Refused: pre-proceedings ended; no initial meeting yet; a date before the last meeting or
    extension, or in the future; no reason; step down without the level; extend without weeks.
    """
    errors = _step_errors(
        pp,
        decided_on=decided_on,
        outcome=outcome,
        reason=reason,
        step_down_to=step_down_to,
        extension_weeks=extension_weeks,
    )
    if errors:
        raise ValidationError(errors)
    children = _children(pp)
    if outcome == EXTEND:
        record_create(
            model=PreProceedingsExtension,
            actor=actor,
            audit_subject=children[0],
            via=via,
            pre_proceedings=pp,
            decided_on=decided_on,
            weeks=extension_weeks,
            reason=reason.strip(),
        )
        return PreProceedings.objects.get(pk=pp.pk)
    updated = record_update(
        instance=pp,
        actor=actor,
        expected_version=expected_version,
        audit_subject=children[0],
        via=via,
        step_decided_on=decided_on,
        outcome=outcome,
        step_down_to=step_down_to if outcome == PreProceedingsOutcome.STEP_DOWN else "",
        outcome_reason=reason.strip(),
    )
    if outcome == PreProceedingsOutcome.STEP_DOWN:
        level_move(
            children,
            actor=actor,
            on=decided_on,
            to_level=step_down_to,
            reason=f"Stepped down from pre-proceedings: {reason.strip()}",
            via=via,
        )
    return updated
