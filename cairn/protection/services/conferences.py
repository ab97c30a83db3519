"""Child protection conferences (initial and review): recording one, changing it until the
chair finalises it, finalising (which carries out its decision), and addenda afterwards.

Working Together 2023: an ICPC follows a S47 enquiry (or a transfer-in, or is pre-birth); a
review conference reviews an active CP plan. A finalised record changes only by addendum, with
who and when (issue 4, recording integrity).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cairn.accounts.roles import Role
from cairn.casework.models import (
    CONFERENCE_KINDS,
    Meeting,
    MeetingAddendum,
    MeetingKind,
    Plan,
    PlanKind,
    PlanStatus,
)
from cairn.casework.services.meetings import (
    Attendee,
    ChildParticipation,
    as_rating,
    current_outcomes,
    meeting_parts_write,
    participation_errors,
    ratings_errors,
)
from cairn.casework.services.plans import plan_end
from cairn.core import clock
from cairn.core.codelists import is_valid
from cairn.core.records import record_create, record_update
from cairn.earlyhelp.services import child_step_down_to_early_help
from cairn.frontdoor.services.episodes import episode_close
from cairn.people.models import Person
from cairn.protection.models import (
    ICPC_OUTCOMES,
    REVIEW_OUTCOMES,
    ConferenceDetail,
    ConferenceOutcome,
    S47Enquiry,
)
from cairn.protection.services._common import (
    format_date,
    held_at_errors,
    invitee_errors,
    meeting_day,
)
from cairn.protection.services.plans import (
    cp_plan_continue,
    cp_plan_start,
    cp_plan_step_down_to_cin,
)

RECORD, ADDENDUM = "protection.record_conference", "protection.add_addendum"


@dataclass(frozen=True)
class StepDown:
    """What ending the plan needs beyond the decision: the early help lead (step-down to early
    help) or the closure reason (end and close)."""

    reason: str = ""
    lead_organisation: str = ""
    lead_practitioner: str = ""
    closure_reason: str = ""


def finalised_message(meeting: Meeting) -> str:
    who = meeting.finalised_by.get_full_name() if meeting.finalised_by else "the chair"
    return (
        f"This conference record was finalised by {who} on "
        f"{format_date(meeting_day(meeting.finalised_at))}: it can only be changed by "
        "adding an addendum"
    )


def _icpc_errors(*, child: Person, s47: S47Enquiry | None, day, transfer_in: bool) -> dict:
    errors = {}
    if s47 is None:
        if not transfer_in:
            errors["s47"] = (
                "An initial conference follows a S47 enquiry: record the enquiry first "
                "(or mark the conference as a transfer-in)"
            )
    elif s47.child_id != child.pk:
        errors["s47"] = "The S47 enquiry is for a different child"
    elif s47.icpc_needed is False:
        errors["s47"] = "The S47 enquiry found an initial child protection conference not required"
    elif day is not None and day < s47.started_on:
        errors["held_at"] = (
            "The conference cannot be before the S47 enquiry started on "
            f"{format_date(s47.started_on)}"
        )
    elif ConferenceDetail.objects.filter(
        s47=s47, meeting__kind=MeetingKind.ICPC, meeting__removed_at__isnull=True
    ).exists():
        errors["s47"] = "An initial conference is already recorded for this S47 enquiry"
    if Plan.objects.filter(
        child=child, kind=PlanKind.CP, status__in=(PlanStatus.DRAFT, PlanStatus.ACTIVE)
    ).exists():
        errors["child"] = f"{child.full_name} already has an open child protection plan"
    return errors


def _review_errors(*, child: Person, plan: Plan | None, day) -> dict:
    if plan is None or plan.kind != PlanKind.CP or plan.status != PlanStatus.ACTIVE:
        return {"plan": "A review conference reviews the child's active child protection plan"}
    if plan.child_id != child.pk:
        return {"plan": "The plan is for a different child"}
    if day is not None and plan.started_on and day < plan.started_on:
        return {
            "held_at": "The review conference cannot be before the child protection plan "
            f"started on {format_date(plan.started_on)}"
        }
    last = Meeting.objects.filter(plan=plan, kind__in=CONFERENCE_KINDS).order_by("-held_at").first()
    if day is not None and last is not None and day <= meeting_day(last.held_at):
        return {
            "held_at": "The review conference must be after the last conference, held on "
            f"{format_date(meeting_day(last.held_at))}"
        }
    return {}


def _decision_errors(*, kind: str, outcome: str, category: str, required: bool) -> dict:
    errors = {}
    allowed = ICPC_OUTCOMES if kind == MeetingKind.ICPC else REVIEW_OUTCOMES
    if not outcome:
        if required:
            errors["outcome"] = "Choose the conference's decision"
    elif outcome not in allowed:
        errors["outcome"] = (
            "Choose a decision an initial conference can make"
            if kind == MeetingKind.ICPC
            else "Choose a decision a review conference can make"
        )
    if category and not is_valid("category_of_abuse", category):
        errors["category"] = "Choose the category of abuse"
    elif outcome == ConferenceOutcome.CP_PLAN and not category:
        errors["category"] = "Choose the category of abuse for the child protection plan"
    return errors


@transaction.atomic
def conference_record(  # noqa: PLR0913
    *,
    actor,
    kind: str,
    child: Person,
    held_at: dt.datetime | None,
    chair,
    attendance: list[Attendee],
    participation: list[ChildParticipation],
    s47: S47Enquiry | None = None,
    plan: Plan | None = None,
    outcome: str = "",
    category: str = "",
    transfer_in: bool = False,
    pre_birth: bool = False,
    refer_legal_planning: bool = False,
    ratings: dict | None = None,
    via: str = "web",
) -> ConferenceDetail:
    """Record an initial (`icpc`, after `s47`) or review (`rcpc`, of `plan`) conference: who
    was invited and attended for which agency, how the child and parents took part (or why
    not), progress on each outcome (review) and the decision. It stays open to change until
    its chair finalises it.

    Refused (nothing written): by anyone but a CP chair; a conference before its S47 enquiry
    started, a review before the plan started or not after the last conference, an ICPC without
    a S47 enquiry (unless a transfer-in) or with one that found an ICPC not required; no
    chair, or a chair who is not a CP chair; the child's participation missing; a decision the
    kind of conference cannot make; a CP plan without a category.
    """
    if not actor.has_perm(RECORD, child):
        raise PermissionDenied("Only a child protection chair can record a conference")
    attendance, participation = list(attendance), list(participation)
    day = meeting_day(held_at) if held_at else None
    errors = held_at_errors(held_at, what="conference")
    if kind == MeetingKind.ICPC:
        errors |= _icpc_errors(child=child, s47=s47, day=day, transfer_in=transfer_in)
    elif kind == MeetingKind.RCPC:
        errors |= _review_errors(child=child, plan=plan, day=day)
    else:
        errors["kind"] = "Choose an initial or a review child protection conference"
    if chair is None:
        errors["chair"] = "Choose the conference's chair"
    elif chair.role != Role.CP_CHAIR:
        errors["chair"] = "A child protection conference is chaired by a child protection chair"
    errors |= participation_errors(child=child, participation=participation, what="the conference")
    errors |= invitee_errors(attendance)
    errors |= _decision_errors(kind=kind, outcome=outcome, category=category, required=False)
    outcomes = current_outcomes(plan) if kind == MeetingKind.RCPC and plan else []
    by_outcome = {int(k): as_rating(v) for k, v in (ratings or {}).items()}
    if outcomes:
        errors |= ratings_errors(outcomes, by_outcome)
    if errors:
        raise ValidationError(errors)
    meeting = record_create(
        model=Meeting,
        actor=actor,
        audit_subject=child,
        via=via,
        kind=kind,
        held_at=held_at,
        chair=chair,
        plan=plan if kind == MeetingKind.RCPC else None,
    )
    meeting_parts_write(
        actor=actor,
        meeting=meeting,
        child=child,
        participation=participation,
        attendance=attendance,
        outcomes=outcomes,
        ratings=by_outcome,
        via=via,
    )
    return record_create(
        model=ConferenceDetail,
        actor=actor,
        audit_subject=child,
        via=via,
        meeting=meeting,
        child=child,
        s47=s47 if kind == MeetingKind.ICPC else None,
        outcome=outcome,
        category=category,
        transfer_in=transfer_in and kind == MeetingKind.ICPC,
        pre_birth=pre_birth and kind == MeetingKind.ICPC,
        refer_legal_planning=refer_legal_planning and kind == MeetingKind.RCPC,
    )


@transaction.atomic
def conference_decision_update(
    *,
    actor,
    conference: ConferenceDetail,
    expected_version: int,
    outcome: str,
    category: str = "",
    refer_legal_planning: bool = False,
    via: str = "web",
) -> ConferenceDetail:
    """Change the conference's decision before it is finalised (refused afterwards: a
    finalised record changes only by addendum)."""
    if not actor.has_perm(RECORD, conference.child):
        raise PermissionDenied("Only a child protection chair can change a conference record")
    meeting = conference.meeting
    if meeting.finalised_at is not None:
        raise ValidationError({"conference": finalised_message(meeting)})
    errors = _decision_errors(kind=meeting.kind, outcome=outcome, category=category, required=True)
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=conference,
        actor=actor,
        expected_version=expected_version,
        audit_subject=conference.child,
        via=via,
        outcome=outcome,
        category=category,
        refer_legal_planning=refer_legal_planning and meeting.kind == MeetingKind.RCPC,
    )


def _step_down_errors(outcome: str, step_down: StepDown) -> dict:
    errors = {}
    if outcome in (ConferenceOutcome.END_TO_EARLY_HELP, ConferenceOutcome.END_CLOSE) and (
        not step_down.reason.strip()
    ):
        errors["reason"] = "Enter the reason the plan ends"
    if outcome == ConferenceOutcome.END_TO_EARLY_HELP:
        if not step_down.lead_organisation.strip():
            errors["lead_organisation"] = "Enter the lead organisation for early help"
        if not step_down.lead_practitioner.strip():
            errors["lead_practitioner"] = "Enter the lead practitioner for early help"
    if outcome == ConferenceOutcome.END_CLOSE and not is_valid(
        "closure_reason", step_down.closure_reason
    ):
        errors["closure_reason"] = "Select the reason for closure (RC1 to RC9)"
    return errors


def _carry_out(*, actor, conference: ConferenceDetail, step_down: StepDown, via: str):
    """What the finalised decision does: start, continue or end the plan."""
    outcome, meeting = conference.outcome, conference.meeting
    day = meeting_day(meeting.held_at)
    if outcome == ConferenceOutcome.CP_PLAN:
        cp_plan_start(actor=actor, conference=conference, via=via)
    elif outcome == ConferenceOutcome.CONTINUE:
        cp_plan_continue(actor=actor, conference=conference, via=via)
    elif outcome == ConferenceOutcome.END_TO_CIN:
        cp_plan_step_down_to_cin(actor=actor, conference=conference, via=via)
    elif outcome == ConferenceOutcome.END_TO_EARLY_HELP:
        child_step_down_to_early_help(
            actor=actor,
            plan=meeting.plan,
            occurred_on=day,
            reason=f"Review child protection conference: {step_down.reason.strip()}",
            lead_organisation=step_down.lead_organisation,
            lead_practitioner=step_down.lead_practitioner,
            via=via,
        )
    elif outcome == ConferenceOutcome.END_CLOSE:
        plan = plan_end(
            actor=actor,
            plan=meeting.plan,
            ended_on=day,
            reason=f"Review conference: ended and closed: {step_down.reason.strip()}"[:200],
            via=via,
        )
        episode_close(
            actor=actor,
            episode=plan.episode,
            closed_on=day,
            reason=step_down.closure_reason,
            via=via,
        )


@transaction.atomic
def conference_finalise(
    *, actor, conference: ConferenceDetail, step_down: StepDown | None = None, via: str = "web"
) -> ConferenceDetail:
    """The chair finalises the conference record, and its decision is carried out: an ICPC's
    CP plan starts (on the conference date, child's level to CP); a review continues the plan
    (category change, next version), steps down to a CIN plan that carries it over, steps down
    to early help, or ends it and closes the episode.

    Refused: by anyone but the conference's chair; when already finalised; without a decision
    (or a CP plan without a category); ending the plan without its reason, the early help lead
    or the closure reason. Nothing is written when the decision cannot be carried out.
    """
    step_down = step_down or StepDown()
    meeting = conference.meeting
    if meeting.chair_id != actor.pk or not actor.has_perm(RECORD, conference.child):
        raise PermissionDenied("Only the conference's chair can finalise its record")
    if meeting.finalised_at is not None:
        raise ValidationError({"conference": finalised_message(meeting)})
    errors = _decision_errors(
        kind=meeting.kind, outcome=conference.outcome, category=conference.category, required=True
    ) | _step_down_errors(conference.outcome, step_down)
    if errors:
        raise ValidationError(errors)
    record_update(
        instance=meeting,
        actor=actor,
        expected_version=meeting.version,
        audit_subject=conference.child,
        via=via,
        finalised_at=clock.now(),
        finalised_by=actor,
    )
    conference.meeting = Meeting.objects.select_related("plan", "finalised_by").get(pk=meeting.pk)
    _carry_out(actor=actor, conference=conference, step_down=step_down, via=via)
    return conference


@transaction.atomic
def meeting_addendum_add(*, actor, meeting: Meeting, child: Person, text: str, via: str = "web"):
    """Add an addendum to a finalised conference record, by its chair or a manager: the record
    stays as it was; the addendum says what is corrected or added, and by whom and when."""
    if not actor.has_perm(ADDENDUM, child):
        raise PermissionDenied("Only a child protection chair or a manager can add an addendum")
    errors = {}
    if meeting.finalised_at is None:
        errors["text"] = "The record is not finalised yet: change it directly"
    elif not text.strip():
        errors["text"] = "Enter the addendum"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=MeetingAddendum,
        actor=actor,
        audit_subject=child,
        via=via,
        meeting=meeting,
        text=text.strip(),
    )
