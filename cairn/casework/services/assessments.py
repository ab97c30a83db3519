"""Writes to single assessments and significant events.

Each service is atomic, checks everything before writing (bad input changes nothing) and writes
through core.records, so every change is audited on the child's record. Status changes follow
the declared ASSESSMENT workflow and append an AssessmentStatusChange row.
"""

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cairn.accounts.models import User
from cairn.casework.models import (
    Assessment,
    AssessmentFactor,
    AssessmentIdentity,
    AssessmentOutcome,
    AssessmentStatus,
    AssessmentStatusChange,
    AssessmentView,
    IdentityAspect,
    SignificantEvent,
    SignificantEventType,
    ViewHolder,
)
from cairn.casework.selectors.assessments import (
    ASSESSMENT_WORKING_DAYS,
    assessment_clock_start,
    assessment_in_progress,
    assessment_missing_for_submission,
    assessment_standard_deadline,
    family_network,
)
from cairn.casework.workflows import ASSESSMENT
from cairn.core import clock
from cairn.core.codelists import is_valid
from cairn.core.records import record_create, record_remove, record_update
from cairn.core.workflows import TransitionRefused
from cairn.core.working_days import council_calendar
from cairn.frontdoor.models import Episode
from cairn.people.models import Person
from cairn.people.selectors import CHILD_KINDS

# The sections a worker writes, and those an updated assessment copies from the previous one.
SECTION_FIELDS = frozenset(
    {
        "family_history",
        "lived_experience",
        "strengths",
        "risks",
        "analysis",
        "child_seen_on",
        "outcome",
    }
)
COPIED_SECTIONS = ("family_history", "lived_experience", "strengths", "risks", "analysis")
EDITABLE = frozenset({AssessmentStatus.DRAFT, AssessmentStatus.RETURNED})
NO_FACTORS = "21"  # CIN census: "No factors identified" stands alone


def _d(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _lock(assessment: Assessment) -> Assessment:
    """The assessment as it is now, locked for this transaction (the caller's copy may be stale)."""
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("episode", "child", "previous")
        .get(pk=assessment.pk)
    )


def _editable(assessment: Assessment) -> Assessment:
    current = _lock(assessment)
    if current.status not in EDITABLE:
        raise TransitionRefused(
            {
                "status": f"An assessment that is {current.get_status_display().lower()} "
                "cannot be changed; it can be changed only while in progress or returned "
                "for more work"
            }
        )
    return current


def _require_manager(actor: User, assessment: Assessment, doing: str) -> None:
    if not actor.has_perm("casework.authorise", assessment.child):
        raise PermissionDenied(f"Only the child's team manager or service manager can {doing}")


def _transition(
    current: Assessment, *, actor: User, to: str, via: str, comment: str = "", **fields
) -> Assessment:
    """Move along the declared workflow, keeping the history row (who, when, from, to, why)."""
    ASSESSMENT.check(current.status, to)
    from_status = current.status
    updated = record_update(
        instance=current,
        actor=actor,
        expected_version=current.version,
        audit_subject=current.child,
        via=via,
        status=to,
        **fields,
    )
    AssessmentStatusChange.objects.create(
        assessment=updated, from_status=from_status, to_status=to, by=actor, comment=comment
    )
    return updated


def _date_errors(field: str, value: dt.date | None, *, what: str, not_before, before_what) -> dict:
    if value is None:
        return {field: f"Enter {what}"}
    if value > clock.today():
        return {field: f"{what[0].upper()}{what[1:]} must be today or in the past"}
    if not_before is not None and value < not_before:
        return {
            field: f"{what[0].upper()}{what[1:]} must be on or after {before_what} "
            f"({_d(not_before)})"
        }
    return {}


# --- Starting an assessment -------------------------------------------------------------------


def _start_errors(
    *,
    episode: Episode,
    started_on: dt.date | None,
    previous: Assessment | None,
    prompted_by: SignificantEvent | None,
) -> dict[str, str]:
    errors = {}
    if episode.closed_on is not None:
        errors["episode"] = (
            f"The referral of {_d(episode.referral_date)} was closed on {_d(episode.closed_on)}; "
            "an assessment can only start while the referral is open"
        )
    elif open_one := assessment_in_progress(episode=episode):
        errors["episode"] = (
            f"The assessment started on {_d(open_one.started_on)} is not yet authorised; "
            "finish it before starting another"
        )
    not_before, before_what = episode.referral_date, "the referral date"
    if previous is not None:
        if previous.child_id != episode.child_id:
            errors["previous"] = "An updated assessment must update one of this child's"
        elif previous.status != AssessmentStatus.AUTHORISED:
            errors["previous"] = "An updated assessment must start from an authorised assessment"
        elif previous.authorised_on > not_before:
            not_before, before_what = previous.authorised_on, "the previous one was authorised"
    if prompted_by is not None:
        if prompted_by.child_id != episode.child_id:
            errors["prompted_by"] = "The significant event must be one recorded on this child"
        elif prompted_by.occurred_on > not_before:
            not_before, before_what = prompted_by.occurred_on, "the significant event"
    return errors | _date_errors(
        "started_on",
        started_on,
        what="the start date",
        not_before=not_before,
        before_what=before_what,
    )


def _copy_from_previous(
    *, actor: User, assessment: Assessment, previous: Assessment, via: str
) -> None:
    child = assessment.child
    for view in previous.views.all():
        record_create(
            model=AssessmentView,
            actor=actor,
            audit_subject=child,
            via=via,
            assessment=assessment,
            holder=view.holder,
            person=view.person,
            professional_name=view.professional_name,
            agency=view.agency,
            how_obtained=view.how_obtained,
            content=view.content,
        )
    for factor in previous.factors.all():
        record_create(
            model=AssessmentFactor,
            actor=actor,
            audit_subject=child,
            via=via,
            assessment=assessment,
            code=factor.code,
        )


@transaction.atomic
def assessment_start(
    *,
    actor: User,
    episode: Episode,
    started_on: dt.date | None,
    previous: Assessment | None = None,
    prompted_by: SignificantEvent | None = None,
    via: str = "web",
) -> Assessment:
    """Start a single assessment in an open referral (CIN episode).

    Its target is the referral date + 45 working days (Working Together 2023; ASSESSMENT_45WD).
    An updated assessment (`previous` given) starts pre-filled from the previous one: sections,
    identity aspects, views and factors; it counts its 45 working days from its own start.
    """
    errors = _start_errors(
        episode=episode, started_on=started_on, previous=previous, prompted_by=prompted_by
    )
    if errors:
        raise ValidationError(errors)
    child = episode.child
    counted_from = assessment_clock_start(episode=episode, previous=previous, started_on=started_on)
    copied = {name: getattr(previous, name) for name in COPIED_SECTIONS} if previous else {}
    assessment = record_create(
        model=Assessment,
        actor=actor,
        audit_subject=child,
        via=via,
        episode=episode,
        child=child,
        started_on=started_on,
        target_date=council_calendar().add_working_days(counted_from, ASSESSMENT_WORKING_DAYS),
        previous=previous,
        prompted_by=prompted_by,
        **copied,
    )
    earlier = {row.aspect: row for row in previous.identity.all()} if previous else {}
    for aspect in IdentityAspect.values:
        before = earlier.get(aspect)
        record_create(
            model=AssessmentIdentity,
            actor=actor,
            audit_subject=child,
            via=via,
            assessment=assessment,
            aspect=aspect,
            content=before.content if before else "",
            not_relevant_reason=before.not_relevant_reason if before else "",
        )
    if previous is not None:
        _copy_from_previous(actor=actor, assessment=assessment, previous=previous, via=via)
    return assessment


@transaction.atomic
def assessment_set_target(
    *, actor: User, assessment: Assessment, target_date: dt.date | None, via: str = "web"
) -> Assessment:
    """A manager may set a target shorter than the 45 working days; never a longer one."""
    _require_manager(actor, assessment, "set a target date")
    current = _lock(assessment)
    if current.status == AssessmentStatus.AUTHORISED:
        raise TransitionRefused(
            {"status": "The target date cannot change once the assessment is authorised"}
        )
    deadline = assessment_standard_deadline(current)
    if target_date is None:
        raise ValidationError({"target_date": "Enter the target date"})
    if target_date >= deadline:
        raise ValidationError(
            {"target_date": f"A target must be shorter than 45 working days: before {_d(deadline)}"}
        )
    if target_date < current.started_on:
        raise ValidationError(
            {
                "target_date": "The target date must be on or after the start date "
                f"({_d(current.started_on)})"
            }
        )
    return record_update(
        instance=current,
        actor=actor,
        expected_version=current.version,
        audit_subject=current.child,
        via=via,
        target_date=target_date,
    )


# --- Writing the sections ---------------------------------------------------------------------


def _section_errors(current: Assessment, sections: Mapping) -> dict[str, str]:
    errors = {}
    if "child_seen_on" in sections and sections["child_seen_on"] is not None:
        errors |= _date_errors(
            "child_seen_on",
            sections["child_seen_on"],
            what="the date the child was seen",
            not_before=current.started_on,
            before_what="the start of the assessment",
        )
    if "outcome" in sections and sections["outcome"] not in ("", *AssessmentOutcome.values):
        errors["outcome"] = "Select the outcome of the assessment"
    return errors


@transaction.atomic
def assessment_update(
    *, actor: User, assessment: Assessment, expected_version: int, via: str = "web", **sections
) -> Assessment:
    """Change sections of an assessment in progress or returned for more work.

    `sections`: family_history, lived_experience, strengths, risks, analysis, child_seen_on
    (not before the start, not in the future), outcome.
    """
    unknown = set(sections) - SECTION_FIELDS
    if unknown:
        raise TypeError(f"Not an assessment section: {', '.join(sorted(unknown))}")
    current = _editable(assessment)
    errors = _section_errors(current, sections)
    if errors:
        raise ValidationError(errors)
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in sections.items()}
    return record_update(
        instance=current,
        actor=actor,
        expected_version=expected_version,
        audit_subject=current.child,
        via=via,
        **cleaned,
    )


@transaction.atomic
def assessment_identity_update(
    *,
    actor: User,
    assessment: Assessment,
    answers: Mapping[str, tuple[str, str]],
    via: str = "web",
) -> list[AssessmentIdentity]:
    """Record aspects of the child's identity: `answers` maps an aspect to (what the assessment
    found, why it is not relevant). Each aspect takes one or the other, not both."""
    current = _editable(assessment)
    labels = dict(IdentityAspect.choices)
    errors = {}
    for aspect, (content, reason) in answers.items():
        if aspect not in labels:
            raise ValueError(f"Not an identity aspect: {aspect}")
        if content.strip() and reason.strip():
            errors[f"{aspect}_content"] = (
                f"{labels[aspect]}: give what the assessment found or why it is not relevant, "
                "not both"
            )
    if errors:
        raise ValidationError(errors)
    rows = {row.aspect: row for row in current.identity.all()}
    saved = []
    for aspect, (content, reason) in answers.items():
        fields = {"content": content.strip(), "not_relevant_reason": reason.strip()}
        row = rows.get(aspect)
        if row is None:
            row = record_create(
                model=AssessmentIdentity,
                actor=actor,
                audit_subject=current.child,
                via=via,
                assessment=current,
                aspect=aspect,
                **fields,
            )
        else:
            row = record_update(
                instance=row,
                actor=actor,
                expected_version=row.version,
                audit_subject=current.child,
                via=via,
                **fields,
            )
        saved.append(row)
    return saved


def _view_errors(
    *,
    child: Person,
    holder: str,
    person: Person | None,
    professional_name: str,
    agency: str,
    how_obtained: str,
    content: str,
) -> dict[str, str]:
    errors = {}
    if holder not in ViewHolder.values:
        errors["holder"] = "Select whose view this is"
    elif holder == ViewHolder.PARENT_CARER:
        if person is None:
            errors["person"] = "Select the parent or carer from the child's family network"
        elif not family_network(child=child).filter(pk=person.pk).exists():
            errors["person"] = f"{person.full_name} is not in {child.full_name}'s family network"
    elif holder == ViewHolder.PROFESSIONAL:
        if not professional_name.strip():
            errors["professional_name"] = "Enter the name of the professional"
        if not agency.strip():
            errors["agency"] = "Enter the professional's agency"
    if not how_obtained.strip():
        errors["how_obtained"] = "Enter how the view was obtained"
    if not content.strip():
        errors["content"] = "Enter the view, in their own words where possible"
    return errors


@transaction.atomic
def assessment_view_add(
    *,
    actor: User,
    assessment: Assessment,
    holder: str,
    how_obtained: str,
    content: str,
    person: Person | None = None,
    professional_name: str = "",
    agency: str = "",
    via: str = "web",
) -> AssessmentView:
    """Add the view of the child, of a parent or carer in the family network, or of a
    professional consulted (name and agency), with how it was obtained."""
    current = _editable(assessment)
    errors = _view_errors(
        child=current.child,
        holder=holder,
        person=person,
        professional_name=professional_name,
        agency=agency,
        how_obtained=how_obtained,
        content=content,
    )
    if errors:
        raise ValidationError(errors)
    is_professional = holder == ViewHolder.PROFESSIONAL
    return record_create(
        model=AssessmentView,
        actor=actor,
        audit_subject=current.child,
        via=via,
        assessment=current,
        holder=holder,
        person={ViewHolder.CHILD: current.child, ViewHolder.PARENT_CARER: person}.get(holder),
        professional_name=professional_name.strip() if is_professional else "",
        agency=agency.strip() if is_professional else "",
        how_obtained=how_obtained.strip(),
        content=content.strip(),
    )


def _factor_errors(codes: list[str]) -> dict[str, str]:
    if unknown := [c for c in codes if not is_valid("assessment_factor", c)]:
        return {"factors": f"Not an assessment factor code: {', '.join(unknown)}"}
    if repeated := sorted({c for c in codes if codes.count(c) > 1}):
        return {"factors": f"Select each factor once: {', '.join(repeated)} is repeated"}
    if NO_FACTORS in codes and len(codes) > 1:
        return {"factors": "Select 'No factors identified' on its own, or the factors identified"}
    return {}


@transaction.atomic
def assessment_factors_set(
    *, actor: User, assessment: Assessment, codes: Iterable[str], via: str = "web"
) -> list[str]:
    """Set the factors identified (CIN census assessment factor codes). '21' (no factors
    identified) stands alone; no code twice. Factors no longer selected are removed (kept,
    hidden, with the reason)."""
    codes = list(codes)
    current = _editable(assessment)
    errors = _factor_errors(codes)
    if errors:
        raise ValidationError(errors)
    existing = {factor.code: factor for factor in current.factors.all()}
    for code, factor in existing.items():
        if code not in codes:
            record_remove(
                instance=factor,
                actor=actor,
                reason="No longer identified",
                audit_subject=current.child,
                via=via,
            )
    for code in codes:
        if code not in existing:
            record_create(
                model=AssessmentFactor,
                actor=actor,
                audit_subject=current.child,
                via=via,
                assessment=current,
                code=code,
            )
    return codes


# --- The workflow: submit, authorise, return --------------------------------------------------


@transaction.atomic
def assessment_submit(*, actor: User, assessment: Assessment, via: str = "web") -> Assessment:
    """Send the assessment to a manager. Refused, naming each gap, until the child has been seen
    and their view recorded, the outcome, analysis and factors are given and every identity
    aspect is completed or marked not relevant."""
    current = _lock(assessment)
    ASSESSMENT.check(current.status, AssessmentStatus.SUBMITTED)
    missing = assessment_missing_for_submission(current)
    if missing:
        raise ValidationError(missing)
    return _transition(current, actor=actor, to=AssessmentStatus.SUBMITTED, via=via)


@transaction.atomic
def assessment_authorise(
    *, actor: User, assessment: Assessment, authorised_on: dt.date | None, via: str = "web"
) -> Assessment:
    """A manager authorises a submitted assessment. The authorisation date completes it for the
    45 working-day measure (ASSESSMENT_45WD)."""
    _require_manager(actor, assessment, "authorise an assessment")
    current = _lock(assessment)
    ASSESSMENT.check(current.status, AssessmentStatus.AUTHORISED)
    errors = _date_errors(
        "authorised_on",
        authorised_on,
        what="the date of authorisation",
        not_before=current.started_on,
        before_what="the start of the assessment",
    )
    if errors:
        raise ValidationError(errors)
    return _transition(
        current,
        actor=actor,
        to=AssessmentStatus.AUTHORISED,
        via=via,
        authorised_on=authorised_on,
        authorised_by=actor,
    )


@transaction.atomic
def assessment_return(
    *, actor: User, assessment: Assessment, comments: str, via: str = "web"
) -> Assessment:
    """A manager returns a submitted assessment for more work, saying what is needed."""
    _require_manager(actor, assessment, "return an assessment")
    current = _lock(assessment)
    ASSESSMENT.check(current.status, AssessmentStatus.RETURNED)
    if not comments.strip():
        raise ValidationError({"comments": "Enter what more work is needed"})
    return _transition(
        current, actor=actor, to=AssessmentStatus.RETURNED, via=via, comment=comments.strip()
    )


# --- Significant events -----------------------------------------------------------------------


@transaction.atomic
def significant_event_record(
    *,
    actor: User,
    child: Person | None,
    occurred_on: dt.date | None,
    type: str,
    description: str,
    via: str = "web",
) -> SignificantEvent:
    """Record a significant change in the child's circumstances on the child's record. It calls
    for an updated assessment (ASSESSMENT_UPDATE_DUE)."""
    if child is None or not Person.objects.filter(pk=child.pk, kind__in=CHILD_KINDS).exists():
        raise ValidationError({"child": "Select a child on record"})
    errors = _date_errors(
        "occurred_on",
        occurred_on,
        what="the date of the event",
        not_before=child.date_of_birth,
        before_what="the child's date of birth",
    )
    if type not in SignificantEventType.values:
        errors["type"] = "Select the type of event"
    if not description.strip():
        errors["description"] = "Describe what happened"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=SignificantEvent,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        occurred_on=occurred_on,
        type=type,
        description=description.strip(),
    )
