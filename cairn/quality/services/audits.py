"""Auditing a child's record: grades by domain with narrative and evidence, the overall grade,
submission, moderation by a second auditor, recorded grade changes after moderation, themes with
findings, and the worker's and manager's reflection in the collaborative audit."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.core import clock
from cairn.core.records import record_create, record_remove, record_update
from cairn.people.presenters import format_date
from cairn.quality.models import (
    AuditEvidence,
    AuditFinding,
    AuditStatus,
    CaseAudit,
    Domain,
    DomainGrade,
    Grade,
    GradeChange,
    GradeChangeKind,
    Theme,
)
from cairn.quality.selectors.records import record_item_get
from cairn.quality.services import require
from cairn.quality.workflows import CASE_AUDIT

FOLLOW_UP_WEEKS = 12  # local default: the impact check three months after moderation
GRADES_FIXED = (
    "This audit has been submitted: its grades change only through moderation or a "
    "recorded change with a reason"
)


@dataclass
class DomainInput:
    grade: str = ""
    narrative: str = ""
    evidence: list[tuple[str, int]] = field(default_factory=list)  # (record kind, id)


def _check_auditor(actor, audit: CaseAudit) -> None:
    require(actor, "quality.grade_audit", audit, "Only the audit's auditor can grade it")
    if audit.status != AuditStatus.ALLOCATED:
        raise ValidationError({"overall_grade": GRADES_FIXED})


def _save_evidence(actor, audit: CaseAudit, grade: DomainGrade, refs: list[tuple[str, int]]):
    current = {(e.record_kind, e.record_id): e for e in grade.evidence.all()}
    for key, evidence in current.items():
        if key not in refs:
            record_remove(
                instance=evidence,
                actor=actor,
                audit_subject=audit.child,
                reason="No longer chosen as evidence",
            )
    for kind, record_id in refs:
        if (kind, record_id) in current:
            continue
        item = record_item_get(child=audit.child, kind=kind, record_id=record_id)
        if item is None:
            raise ValidationError(
                {f"evidence_{grade.domain}": "Choose records from this child's file"}
            )
        record_create(
            model=AuditEvidence,
            actor=actor,
            audit_subject=audit.child,
            grade=grade,
            record_kind=kind,
            record_id=record_id,
            label=item.label,
            record_date=item.date,
        )


def _domain_errors(domains: Mapping[str, DomainInput]) -> dict[str, str]:
    errors = {}
    for domain, given in domains.items():
        if domain not in Domain.values:
            raise ValidationError({"overall_grade": f"Unknown domain {domain!r}"})
        if given.grade and given.grade not in Grade.values:
            errors[f"grade_{domain}"] = "Choose a grade"
        if given.grade and not given.narrative.strip():
            errors[f"narrative_{domain}"] = (
                f"Say why you graded {Domain(domain).label.lower()} as you did"
            )
        if given.evidence and not given.grade:
            errors[f"grade_{domain}"] = "Choose a grade for the evidence you chose"
    return errors


@transaction.atomic
def audit_grades_save(
    *,
    actor,
    audit: CaseAudit,
    expected_version: int,
    domains: Mapping[str, DomainInput],
    overall_grade: str = "",
    summary: str = "",
    family_feedback: str = "",
) -> CaseAudit:
    """Save the auditor's work so far. A domain given a grade needs the narrative behind it;
    evidence is a record on this child's file. Until submission the auditor can change
    anything; afterwards grades change only through moderation or a recorded change."""
    _check_auditor(actor, audit)
    errors = _domain_errors(domains)
    if overall_grade and overall_grade not in Grade.values:
        errors["overall_grade"] = "Choose the overall grade"
    if errors:
        raise ValidationError(errors)
    audit = record_update(
        instance=audit,
        actor=actor,
        expected_version=expected_version,
        audit_subject=audit.child,
        overall_grade=overall_grade,
        summary=summary.strip(),
        family_feedback=family_feedback.strip(),
    )
    existing = {g.domain: g for g in audit.grades.prefetch_related("evidence")}
    for domain, given in domains.items():
        grade = existing.get(domain)
        if not given.grade:
            if grade is not None:
                raise ValidationError({f"grade_{domain}": "A graded domain keeps a grade"})
            continue
        if grade is None:
            grade = record_create(
                model=DomainGrade,
                actor=actor,
                audit_subject=audit.child,
                audit=audit,
                domain=domain,
                grade=given.grade,
                narrative=given.narrative.strip(),
            )
        else:
            grade = record_update(
                instance=grade,
                actor=actor,
                expected_version=grade.version,
                audit_subject=audit.child,
                grade=given.grade,
                narrative=given.narrative.strip(),
            )
        _save_evidence(actor, audit, grade, list(given.evidence))
    return audit


@transaction.atomic
def audit_submit(*, actor, audit: CaseAudit, expected_version: int) -> CaseAudit:
    """Send the audit for moderation: every domain graded with its narrative, and an overall
    grade and summary."""
    _check_auditor(actor, audit)
    graded = set(audit.grades.values_list("domain", flat=True))
    errors = {
        f"grade_{d.value}": f"Grade {d.label.lower()}" for d in Domain if d.value not in graded
    }
    if not audit.overall_grade:
        errors["overall_grade"] = "Choose the overall grade"
    if not audit.summary.strip():
        errors["summary"] = "Write the summary of your findings"
    if errors:
        raise ValidationError(errors)
    CASE_AUDIT.check(audit.status, AuditStatus.SUBMITTED)
    return record_update(
        instance=audit,
        actor=actor,
        expected_version=expected_version,
        audit_subject=audit.child,
        status=AuditStatus.SUBMITTED,
        audited_on=clock.today(),
    )


def _change_grade(actor, audit, *, kind: str, domain: str, to_grade: str, reason: str) -> None:
    """Record one change (append-only) and apply it to the domain's or the overall grade."""
    if domain:
        grade = audit.grades.get(domain=domain)
        before = grade.grade
        record_update(
            instance=grade,
            actor=actor,
            expected_version=grade.version,
            audit_subject=audit.child,
            grade=to_grade,
        )
    else:
        before = audit.overall_grade
    record_create(
        model=GradeChange,
        actor=actor,
        audit_subject=audit.child,
        audit=audit,
        kind=kind,
        domain=domain,
        from_grade=before,
        to_grade=to_grade,
        reason=reason.strip(),
    )


@transaction.atomic
def audit_moderate(
    *,
    actor,
    audit: CaseAudit,
    expected_version: int,
    grades: Mapping[str, str],
    overall_grade: str,
    reason: str = "",
) -> CaseAudit:
    """A second QA officer moderates: they agree each grade or change it, with a reason. Each
    change is kept as a row (from, to, reason, who, when); the audit's follow-up check falls
    FOLLOW_UP_WEEKS after moderation."""
    require(
        actor, "quality.moderate_audit", audit, "A second QA officer, not the auditor, moderates"
    )
    CASE_AUDIT.check(audit.status, AuditStatus.MODERATED)
    current = dict(audit.grades.values_list("domain", "grade"))
    errors = {
        f"grade_{domain}": "Choose a grade"
        for domain in current
        if grades.get(domain) not in Grade.values
    }
    if overall_grade not in Grade.values:
        errors["overall_grade"] = "Choose the overall grade"
    if errors:
        raise ValidationError(errors)
    changes = {d: g for d, g in grades.items() if d in current and current[d] != g}
    overall_changed = overall_grade != audit.overall_grade
    if (changes or overall_changed) and not reason.strip():
        raise ValidationError({"reason": "Give the reason for changing the grades"})
    for domain, to_grade in changes.items():
        _change_grade(
            actor,
            audit,
            kind=GradeChangeKind.MODERATION,
            domain=domain,
            to_grade=to_grade,
            reason=reason,
        )
    if overall_changed:
        _change_grade(
            actor,
            audit,
            kind=GradeChangeKind.MODERATION,
            domain="",
            to_grade=overall_grade,
            reason=reason,
        )
    today = clock.today()
    return record_update(
        instance=audit,
        actor=actor,
        expected_version=expected_version,
        audit_subject=audit.child,
        overall_grade=overall_grade,
        status=AuditStatus.MODERATED,
        moderator=actor,
        moderated_on=today,
        follow_up_due_on=today + dt.timedelta(weeks=FOLLOW_UP_WEEKS),
    )


@transaction.atomic
def audit_grade_change(
    *, actor, audit: CaseAudit, expected_version: int, domain: str, to_grade: str, reason: str
) -> CaseAudit:
    """After moderation a grade changes only by a recorded change with its reason (by the
    auditor or the moderator). `domain` empty means the overall grade."""
    require(
        actor,
        "quality.change_grade",
        audit,
        "Only the audit's auditor or moderator can change a moderated grade",
    )
    if audit.status != AuditStatus.MODERATED:
        raise ValidationError(
            {"to_grade": "Before moderation, the auditor changes grades on the audit itself"}
        )
    errors = {}
    if domain and domain not in Domain.values:
        errors["domain"] = "Choose the grade to change"
    if to_grade not in Grade.values:
        errors["to_grade"] = "Choose the new grade"
    if not reason.strip():
        errors["reason"] = "Give the reason for the change"
    if errors:
        raise ValidationError(errors)
    current = audit.grades.get(domain=domain).grade if domain else audit.overall_grade
    if current == to_grade:
        raise ValidationError({"to_grade": "Choose a grade different from the current one"})
    _change_grade(
        actor,
        audit,
        kind=GradeChangeKind.AFTER_MODERATION,
        domain=domain,
        to_grade=to_grade,
        reason=reason,
    )
    fields = {"overall_grade": to_grade} if not domain else {}
    return record_update(
        instance=audit,
        actor=actor,
        expected_version=expected_version,
        audit_subject=audit.child,
        **fields,
    )


@transaction.atomic
def tagging_permission(audit: CaseAudit) -> str:
    """The rule for tagging themes on the audit: grading it (the auditor), or changing its
    grade once moderated (the moderator)."""
    if audit.status == AuditStatus.MODERATED:
        return "quality.change_grade"
    return "quality.grade_audit"


def audit_finding_add(*, actor, audit: CaseAudit, theme: Theme, finding: str) -> AuditFinding:
    """Tag a theme on the audit with the finding that shows it (the auditor or moderator)."""
    require(
        actor,
        tagging_permission(audit),
        audit,
        "Only the audit's auditor (or its moderator) can tag themes",
    )
    if not finding.strip():
        raise ValidationError({"finding": "Write the finding that shows this theme"})
    if audit.findings.filter(theme=theme).exists():
        raise ValidationError({"theme": "This theme is already tagged on this audit"})
    return record_create(
        model=AuditFinding,
        actor=actor,
        audit_subject=audit.child,
        audit=audit,
        theme=theme,
        finding=finding.strip(),
    )


@transaction.atomic
def audit_reflection_record(
    *, actor, audit: CaseAudit, expected_version: int, reflection: str
) -> CaseAudit:
    """The worker's and manager's part in the collaborative audit: their reflection on the
    child's record and the auditor's findings."""
    require(
        actor,
        "quality.reflect_on_audit",
        audit,
        "Only the child's worker or manager can add their reflection",
    )
    if audit.status == AuditStatus.TO_ALLOCATE:
        raise ValidationError({"reflection": "The audit has not been allocated to an auditor yet"})
    if not reflection.strip():
        raise ValidationError({"reflection": "Write your reflection"})
    name = actor.get_full_name() or actor.username
    text = f"{audit.practitioner_reflection}\n\n" if audit.practitioner_reflection else ""
    text += f"{name}, {format_date(clock.today())}: {reflection.strip()}"
    return record_update(
        instance=audit,
        actor=actor,
        expected_version=expected_version,
        audit_subject=audit.child,
        practitioner_reflection=text,
    )


def evidence_refs(keys: Iterable[str]) -> list[tuple[str, int]]:
    """Parse "kind:id" choices from a form into typed references."""
    refs = []
    for key in keys:
        kind, _, record_id = key.partition(":")
        if record_id.isdigit():
            refs.append((kind, int(record_id)))
    return refs
