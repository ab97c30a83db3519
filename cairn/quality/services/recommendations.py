"""Recommendations tracked until they make a difference for the child (inspection letter:
"the impact of individual audits ... is not always evident for every child whose records have
been audited").

A recommendation is done when the worker points to a record made after it (the updated plan,
the visit...) and the auditor verifies it; some weeks later the auditor checks whether the
impact for the child is evident.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.core import clock
from cairn.core.records import record_create, record_update
from cairn.people.presenters import format_date
from cairn.quality.models import (
    AuditStatus,
    CaseAudit,
    ImpactAnswer,
    ImpactFollowUp,
    Recommendation,
    RecommendationStatus,
    Theme,
)
from cairn.quality.selectors.records import RecordItem, record_item_get
from cairn.quality.services import require
from cairn.quality.workflows import RECOMMENDATION


def _evidence_after(
    *, child, kind: str, record_id: int | None, made_at: dt.datetime, made_on: dt.date, field: str
) -> RecordItem:
    """The chosen record, if it is the child's and was made after the audit: dated on or after
    the day and recorded after the moment the recommendation or audit was made."""
    if not kind or record_id is None:
        raise ValidationError({field: "Choose the record that shows this"})
    item = record_item_get(child=child, kind=kind, record_id=record_id)
    if item is None:
        raise ValidationError({field: "Choose a record from this child's file"})
    if item.date < made_on or item.created_at <= made_at:
        raise ValidationError(
            {field: f"Choose a record made after the audit on {format_date(made_on)}"}
        )
    return item


@transaction.atomic
def recommendation_make(
    *,
    actor,
    audit: CaseAudit,
    action: str,
    owner,
    due_on: dt.date,
    theme: Theme | None = None,
) -> Recommendation:
    """The auditor's recommendation for the child: what, who owns it (the child's worker or
    manager, or another who may write the child's record), and by when."""
    require(
        actor,
        "quality.follow_up_audit",
        audit,
        "Only the audit's auditor or moderator can make recommendations",
    )
    if audit.status == AuditStatus.TO_ALLOCATE:
        raise ValidationError({"action": "The audit has not been allocated yet"})
    today = clock.today()
    errors = {}
    if not action.strip():
        errors["action"] = "Say what needs to be done for the child"
    if owner is None or not (
        owner.pk in (audit.worker_id, audit.manager_id)
        or owner.has_perm("casework.write_record", audit.child)
    ):
        errors["owner"] = "Choose the child's worker or manager as the owner"
    if due_on <= today:
        errors["due_on"] = "The due date must be after today"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=Recommendation,
        actor=actor,
        audit_subject=audit.child,
        audit=audit,
        child=audit.child,
        theme=theme,
        action=action.strip(),
        owner=owner,
        made_on=today,
        due_on=due_on,
    )


@transaction.atomic
def recommendation_complete(
    *,
    actor,
    recommendation: Recommendation,
    expected_version: int,
    evidence_kind: str,
    evidence_id: int | None,
    note: str = "",
) -> Recommendation:
    """The worker records the action taken, with the record that shows it (made after the
    recommendation); the auditor then verifies it."""
    require(
        actor,
        "quality.complete_recommendation",
        recommendation,
        "Only the owner, or someone who may write the child's record, can record the action",
    )
    RECOMMENDATION.check(recommendation.status, RecommendationStatus.AWAITING_VERIFICATION)
    item = _evidence_after(
        child=recommendation.child,
        kind=evidence_kind,
        record_id=evidence_id,
        made_at=recommendation.created_at,
        made_on=recommendation.made_on,
        field="evidence",
    )
    return record_update(
        instance=recommendation,
        actor=actor,
        expected_version=expected_version,
        audit_subject=recommendation.child,
        status=RecommendationStatus.AWAITING_VERIFICATION,
        evidence_kind=item.kind,
        evidence_id=item.id,
        evidence_label=item.label,
        evidence_date=item.date,
        completion_note=note.strip(),
        completed_on=clock.today(),
        completed_by=actor,
        returned_reason="",
    )


@transaction.atomic
def recommendation_verify(
    *, actor, recommendation: Recommendation, expected_version: int
) -> Recommendation:
    """The auditor (or moderator) checks the evidence and verifies the action was done."""
    require(
        actor,
        "quality.verify_recommendation",
        recommendation,
        "Only the audit's auditor or moderator can verify the action",
    )
    RECOMMENDATION.check(recommendation.status, RecommendationStatus.VERIFIED)
    return record_update(
        instance=recommendation,
        actor=actor,
        expected_version=expected_version,
        audit_subject=recommendation.child,
        status=RecommendationStatus.VERIFIED,
        verified_on=clock.today(),
        verified_by=actor,
    )


@transaction.atomic
def recommendation_return(
    *, actor, recommendation: Recommendation, expected_version: int, reason: str
) -> Recommendation:
    """The evidence does not show the action was done: back to the owner, with the reason."""
    require(
        actor,
        "quality.verify_recommendation",
        recommendation,
        "Only the audit's auditor or moderator can send the action back",
    )
    RECOMMENDATION.check(recommendation.status, RecommendationStatus.OPEN)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the evidence does not show the action"})
    return record_update(
        instance=recommendation,
        actor=actor,
        expected_version=expected_version,
        audit_subject=recommendation.child,
        status=RecommendationStatus.OPEN,
        returned_reason=reason.strip(),
        evidence_kind="",
        evidence_id=None,
        evidence_label="",
        evidence_date=None,
        completed_on=None,
        completed_by=None,
    )


@transaction.atomic
def impact_follow_up_record(
    *,
    actor,
    audit: CaseAudit,
    answer: str,
    narrative: str,
    evidence_kind: str = "",
    evidence_id: int | None = None,
) -> ImpactFollowUp:
    """The follow-up check: is the impact for the child evident? "Yes" and "partly" point to
    the record that shows it, made after the audit."""
    require(
        actor,
        "quality.follow_up_audit",
        audit,
        "Only the audit's auditor or moderator can record the follow-up",
    )
    if audit.status != AuditStatus.MODERATED:
        raise ValidationError({"answer": "The audit must be moderated before its follow-up"})
    if ImpactFollowUp.objects.filter(audit=audit).exists():
        raise ValidationError({"answer": "The impact follow-up has already been recorded"})
    errors = {}
    if answer not in ImpactAnswer.values:
        errors["answer"] = "Say whether the impact for the child is evident"
    if not narrative.strip():
        errors["narrative"] = "Describe what you found"
    if errors:
        raise ValidationError(errors)
    item = None
    if answer != ImpactAnswer.NO or evidence_kind:
        item = _evidence_after(
            child=audit.child,
            kind=evidence_kind,
            record_id=evidence_id,
            made_at=audit.created_at,
            made_on=audit.audited_on,
            field="evidence",
        )
    return record_create(
        model=ImpactFollowUp,
        actor=actor,
        audit_subject=audit.child,
        audit=audit,
        checked_on=clock.today(),
        answer=answer,
        narrative=narrative.strip(),
        evidence_kind=item.kind if item else "",
        evidence_id=item.id if item else None,
        evidence_label=item.label if item else "",
        evidence_date=item.date if item else None,
    )
