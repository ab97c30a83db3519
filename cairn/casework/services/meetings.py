"""Writes to meetings: recording a CIN review (attendance, the child's participation, a rating
for every outcome, whether the plan is making a difference, the decision) and making the plan's
next version from it."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.casework.models import (
    Attendance,
    AttendeeRole,
    MakingDifference,
    MeasureSource,
    Meeting,
    MeetingChild,
    MeetingDecision,
    MeetingKind,
    Outcome,
    OutcomeRating,
    ParticipationMode,
    Plan,
    PlanKind,
    PlanStatus,
)
from cairn.casework.services.plans import format_date, plan_version_create_from_review
from cairn.core import clock
from cairn.core.records import record_create
from cairn.people.models import Person


@dataclass(frozen=True)
class Attendee:
    """An invitee: a parent or carer (a Person) or a professional (name and agency).

    `agency_kind` and `direct_contact` decide a conference's quoracy; `participation_note`
    says how a parent or carer took part, or why not (child protection meetings).
    """

    role: str
    person: Person | None = None
    name: str = ""
    agency: str = ""
    invited: bool = True
    attended: bool = False
    sent_report: bool = False
    agency_kind: str = ""
    direct_contact: bool = False
    participation_note: str = ""


@dataclass(frozen=True)
class ChildParticipation:
    """How a child took part in the review, or why not (the reason is required then)."""

    child: Person
    mode: str
    note: str = ""


@dataclass(frozen=True)
class Rating:
    """Progress on an outcome: a 0-10 score for a scale, or whether the indicator is met."""

    score: int | None = None
    indicator_met: bool | None = None
    comment: str = ""


def as_rating(value) -> Rating | None:
    if value is None or isinstance(value, Rating):
        return value
    if isinstance(value, bool):
        return Rating(indicator_met=value)
    return Rating(score=value)


def _plan_errors(plan: Plan) -> dict:
    if plan.kind != PlanKind.CIN:
        return {"plan": "Only a child in need plan has CIN reviews"}
    if plan.status == PlanStatus.DRAFT:
        return {"plan": "The plan has not started: a manager must authorise it before a review"}
    if plan.status != PlanStatus.ACTIVE:
        return {"plan": "The plan has ended and cannot be reviewed"}
    return {}


def _held_at_errors(plan: Plan, held_at: dt.datetime | None) -> dict:
    if held_at is None:
        return {"held_at": "Enter the date and time of the review"}
    day = timezone.localdate(held_at)
    if day > clock.today():
        return {"held_at": "The review date must be today or in the past"}
    if plan.started_on and day < plan.started_on:
        return {
            "held_at": f"The review cannot be before the plan started on "
            f"{format_date(plan.started_on)}"
        }
    last = (
        plan.meetings.filter(kind=MeetingKind.CIN_REVIEW).order_by("-held_at").first()
        if plan.pk
        else None
    )
    if last is not None and held_at <= last.held_at:
        return {
            "held_at": "The review must be after the last review, held on "
            f"{format_date(timezone.localdate(last.held_at))}"
        }
    return {}


def participation_errors(
    *, child: Person, participation: list[ChildParticipation], what: str = "the review"
) -> dict:
    """Every child's participation is recorded: how they took part in `what`, or why not."""
    by_child = {p.child.pk: p for p in participation}
    problems = []
    children = [child] + [p.child for p in participation if p.child.pk != child.pk]
    for each in children:
        entry = by_child.get(each.pk)
        if entry is None or not entry.mode:
            problems.append(f"Record how {each.full_name} took part in {what}, or why not")
        elif entry.mode not in ParticipationMode.values:
            problems.append(f"Choose how {each.full_name} took part in {what}")
        elif entry.mode == ParticipationMode.NOT_GIVEN_OPPORTUNITY and not entry.note.strip():
            problems.append(
                f"Give the reason {each.full_name} was not given the opportunity to take part"
            )
    return {"participation": problems} if problems else {}


def _rating_problem(outcome: Outcome, number: int, rating: Rating | None) -> str | None:
    rating = rating or Rating()
    if outcome.measure_source == MeasureSource.INDICATOR:
        if rating.indicator_met is None:
            return f"Say whether the indicator for outcome {number} is met"
        return None
    if rating.score is None and outcome.measure_source:
        return f"Give a score from 0 to 10 for outcome {number}"
    if rating.score is not None and not 0 <= rating.score <= 10:
        return f"The score for outcome {number} must be a whole number from 0 to 10"
    if rating.score is None and rating.indicator_met is None:
        return f"Rate progress on outcome {number}"
    return None


def ratings_errors(outcomes: list[Outcome], ratings: dict[int, Rating | None]) -> dict:
    """Every outcome of the version in force is rated (a score or whether its indicator is
    met); no rating is for an outcome outside it."""
    problems = [
        problem
        for number, outcome in enumerate(outcomes, start=1)
        if (problem := _rating_problem(outcome, number, ratings.get(outcome.pk)))
    ]
    known = {o.pk for o in outcomes}
    if set(ratings) - known:
        problems.append("A rating is for an outcome that is not in the plan in force")
    return {"ratings": problems} if problems else {}


def attendance_errors(attendance: list[Attendee]) -> dict:
    """Each invitee has a role and a name; each professional a name and an agency."""
    problems = []
    for attendee in attendance:
        if attendee.role not in AttendeeRole.values:
            problems.append("Choose the role of each person invited")
        elif attendee.role == AttendeeRole.PROFESSIONAL and not (
            attendee.name.strip() and attendee.agency.strip()
        ):
            problems.append("Give the name and agency of each professional")
        elif attendee.person is None and not attendee.name.strip():
            problems.append("Name each person invited")
    return {"attendance": sorted(set(problems))} if problems else {}


def _outcome_key(key) -> int:
    return key.pk if isinstance(key, Outcome) else int(key)


def current_outcomes(plan: Plan) -> list[Outcome]:
    """The outcomes of the version in force, in order: what a review rates."""
    current = plan.versions.filter(authorised_on__isnull=False).order_by("-number").first()
    if current is None:
        return []
    return list(current.outcomes.order_by("position", "id"))


def _decision_errors(*, chair, making_difference: str, what_changes: str, decision: str) -> dict:
    errors = {}
    if chair is None:
        errors["chair"] = "Choose who chaired the review"
    if making_difference not in MakingDifference.values:
        errors["making_difference"] = "Say whether the plan is making a difference"
    elif making_difference != MakingDifference.YES and not what_changes.strip():
        errors["what_changes"] = (
            "Say what will change, as the plan is not fully making a difference"
        )
    if decision not in MeetingDecision.values:
        errors["decision"] = "Choose the decision of the review"
    return errors


@transaction.atomic
def cin_review_record(
    *,
    actor,
    plan: Plan,
    held_at: dt.datetime | None,
    chair,
    participation: Iterable[ChildParticipation],
    making_difference: str,
    decision: str,
    ratings: Mapping,
    what_changes: str = "",
    attendance: Iterable[Attendee] = (),
    via: str = "web",
) -> Meeting:
    """Record a CIN review of an active CIN plan and make the plan's next version from it.

    Refused (nothing written) when: the date is in the future or before the plan started (or
    not after the last review); the child's participation is missing, or "not given the
    opportunity" has no reason (timescales.md NO_CHILD_PARTICIPATION); an outcome of the
    version in force has no rating; "is the plan making a difference?" is unanswered (or
    "partly"/"no" without what changes); there is no chair or no decision.
    """
    participation = list(participation)
    attendance = list(attendance)
    rating_by_outcome = {_outcome_key(k): as_rating(v) for k, v in ratings.items()}
    outcomes = current_outcomes(plan)
    errors = (
        _plan_errors(plan)
        | _held_at_errors(plan, held_at)
        | participation_errors(child=plan.child, participation=participation)
        | ratings_errors(outcomes, rating_by_outcome)
        | attendance_errors(attendance)
        | _decision_errors(
            chair=chair,
            making_difference=making_difference,
            what_changes=what_changes,
            decision=decision,
        )
    )
    if errors:
        raise ValidationError(errors)
    child = plan.child
    meeting = record_create(
        model=Meeting,
        actor=actor,
        audit_subject=child,
        via=via,
        kind=MeetingKind.CIN_REVIEW,
        held_at=held_at,
        chair=chair,
        plan=plan,
        making_difference=making_difference,
        what_changes=what_changes.strip(),
        decision=decision,
        finalised_at=clock.now(),
        finalised_by=actor,
    )
    meeting_parts_write(
        actor=actor,
        meeting=meeting,
        child=child,
        participation=participation,
        attendance=attendance,
        outcomes=outcomes,
        ratings=rating_by_outcome,
        via=via,
    )
    plan_version_create_from_review(actor=actor, plan=plan, meeting=meeting, via=via)
    return meeting


def meeting_for_children_create(*, actor, kind, held_at, children, attendance, via):
    """Write a meeting about several children (siblings together) with its invitees: the
    shape shared by strategy discussions and legal planning meetings. The actor chairs it; the
    first child is the audit subject of the meeting itself. Callers validate first."""
    subject = children[0]
    meeting = record_create(
        model=Meeting,
        actor=actor,
        audit_subject=subject,
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
        child=subject,
        participation=[],
        attendance=attendance,
        outcomes=[],
        ratings={},
        via=via,
    )
    return meeting


def meeting_parts_write(  # noqa: PLR0913
    *, actor, meeting, child, participation, attendance, outcomes, ratings, via
):
    """Write a meeting's children (with participation), invitees and outcome ratings (one per
    outcome in `outcomes`, from `ratings` by outcome id). Callers validate first."""
    for entry in participation:
        record_create(
            model=MeetingChild,
            actor=actor,
            audit_subject=child,
            via=via,
            meeting=meeting,
            child=entry.child,
            participation=entry.mode,
            participation_note=entry.note.strip(),
        )
    for attendee in attendance:
        record_create(
            model=Attendance,
            actor=actor,
            audit_subject=child,
            via=via,
            meeting=meeting,
            role=attendee.role,
            person=attendee.person,
            name=attendee.name.strip(),
            agency=attendee.agency.strip(),
            invited=attendee.invited,
            attended=attendee.attended,
            sent_report=attendee.sent_report,
            agency_kind=attendee.agency_kind,
            direct_contact=attendee.direct_contact,
            participation_note=attendee.participation_note.strip(),
        )
    rated_on = timezone.localdate(meeting.held_at)
    for outcome in outcomes:
        rating = ratings[outcome.pk]
        record_create(
            model=OutcomeRating,
            actor=actor,
            audit_subject=child,
            via=via,
            outcome=outcome,
            rated_on=rated_on,
            score=rating.score if outcome.measure_source != MeasureSource.INDICATOR else None,
            indicator_met=rating.indicator_met
            if outcome.measure_source == MeasureSource.INDICATOR
            else None,
            comment=rating.comment.strip(),
            meeting=meeting,
        )
