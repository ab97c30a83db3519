"""Auditing a child: grades with narrative and evidence, submission, moderation kept as rows,
and grades that change after moderation only through a recorded change."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction
from cairn.quality.models import AuditStatus, Domain, Grade, GradeChange, GradeChangeKind
from cairn.quality.services.audits import (
    DomainInput,
    audit_finding_add,
    audit_grade_change,
    audit_grades_save,
    audit_moderate,
    audit_reflection_record,
    audit_submit,
)
from cairn.testing.audit import assert_audited
from cairn.testing.quality_factories import graded
from cairn.testing.records_factories import VisitFactory

G, RI = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT


def _all_good(**overrides):
    domains = {d.value: DomainInput(grade=G, narrative=f"{d.label} is good") for d in Domain}
    domains.update(overrides)
    return domains


def test_the_auditor_grades_each_domain_with_narrative_and_evidence(audit, auditor):
    visit = VisitFactory(child=audit.child, visited_on=dt.date(2026, 2, 20))
    voice = DomainInput(grade=G, narrative="Seen alone", evidence=[("visit", visit.pk)])
    audit = audit_grades_save(
        actor=auditor,
        audit=audit,
        expected_version=audit.version,
        domains=_all_good(child_voice=voice),
        overall_grade=G,
        summary="Good practice",
    )
    grade = audit.grades.get(domain=Domain.CHILD_VOICE)
    evidence = grade.evidence.get()
    assert (evidence.record_kind, evidence.record_id) == ("visit", visit.pk)
    assert evidence.record_date == dt.date(2026, 2, 20)
    assert_audited(instance=grade, action=AuditAction.CREATE, actor=auditor)
    # Choosing other evidence removes the old link (kept, hidden) and records the new.
    audit = audit_grades_save(
        actor=auditor,
        audit=audit,
        expected_version=audit.version,
        domains={"child_voice": DomainInput(grade=RI, narrative="Not seen alone since")},
        overall_grade=G,
        summary="Good practice",
    )
    grade.refresh_from_db()
    assert grade.grade == RI
    assert grade.evidence.count() == 0


def test_a_grade_needs_its_narrative_and_evidence_must_be_the_childs(audit, auditor):
    other_visit = VisitFactory()
    with pytest.raises(ValidationError) as error:
        audit_grades_save(
            actor=auditor,
            audit=audit,
            expected_version=audit.version,
            domains={"plan": DomainInput(grade=G, narrative=" ")},
        )
    assert error.value.message_dict == {
        "narrative_plan": ["Say why you graded the plan, its outcomes and contingency as you did"]
    }
    with pytest.raises(ValidationError, match="Choose records from this child's file"):
        audit_grades_save(
            actor=auditor,
            audit=audit,
            expected_version=audit.version,
            domains={
                "plan": DomainInput(grade=G, narrative="ok", evidence=[("visit", other_visit.pk)])
            },
        )


def test_submitting_needs_every_domain_an_overall_grade_and_summary(audit, auditor):
    audit_grades_save(
        actor=auditor,
        audit=audit,
        expected_version=audit.version,
        domains={"plan": DomainInput(grade=G, narrative="ok")},
    )
    audit.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        audit_submit(actor=auditor, audit=audit, expected_version=audit.version)
    assert set(error.value.message_dict) == {
        "grade_child_voice",
        "grade_assessment",
        "grade_oversight",
        "grade_timeliness",
        "grade_impact",
        "overall_grade",
        "summary",
    }


@pytest.mark.parametrize("who", ["moderator", "worker", "manager"])
def test_only_the_auditor_grades(audit, request, who):
    with pytest.raises(PermissionDenied):
        audit_grades_save(
            actor=request.getfixturevalue(who),
            audit=audit,
            expected_version=audit.version,
            domains=_all_good(),
        )


def test_submitted_grades_are_not_editable_by_the_auditor(audit, auditor):
    graded(audit)
    audit = audit_submit(actor=auditor, audit=audit, expected_version=audit.version)
    assert (audit.status, audit.audited_on) == (AuditStatus.SUBMITTED, dt.date(2026, 3, 16))
    with pytest.raises(ValidationError, match="change only through moderation"):
        audit_grades_save(
            actor=auditor, audit=audit, expected_version=audit.version, domains=_all_good()
        )


def _submitted(audit, auditor):
    graded(audit)
    return audit_submit(actor=auditor, audit=audit, expected_version=audit.version)


def test_moderation_keeps_each_grade_change_as_a_row(audit, auditor, moderator):
    audit = _submitted(audit, auditor)
    grades = {d.value: G for d in Domain} | {"oversight": RI}
    audit = audit_moderate(
        actor=moderator,
        audit=audit,
        expected_version=audit.version,
        grades=grades,
        overall_grade=RI,
        reason="No recorded supervision for three months",
    )
    assert audit.status == AuditStatus.MODERATED
    assert (audit.moderator, audit.moderated_on) == (moderator, dt.date(2026, 3, 16))
    assert audit.follow_up_due_on == dt.date(2026, 6, 8)  # 12 weeks later
    assert audit.grades.get(domain="oversight").grade == RI
    changes = list(GradeChange.objects.values_list("kind", "domain", "from_grade", "to_grade"))
    assert changes == [("moderation", "oversight", G, RI), ("moderation", "", G, RI)]
    assert_audited(instance=audit, action=AuditAction.UPDATE, actor=moderator)


def test_the_auditor_cannot_moderate_and_changes_need_a_reason(audit, auditor, moderator):
    audit = _submitted(audit, auditor)
    grades = {d.value: G for d in Domain}
    with pytest.raises(PermissionDenied):
        audit_moderate(
            actor=auditor,
            audit=audit,
            expected_version=audit.version,
            grades=grades,
            overall_grade=G,
        )
    with pytest.raises(ValidationError, match="reason for changing"):
        audit_moderate(
            actor=moderator,
            audit=audit,
            expected_version=audit.version,
            grades=grades,
            overall_grade=RI,
        )


def test_agreeing_every_grade_records_no_change(audit, auditor, moderator):
    audit = _submitted(audit, auditor)
    audit_moderate(
        actor=moderator,
        audit=audit,
        expected_version=audit.version,
        grades={d.value: G for d in Domain},
        overall_grade=G,
    )
    assert not GradeChange.objects.exists()


def test_after_moderation_a_grade_changes_only_with_a_recorded_reason(audit, auditor, moderator):
    audit = _submitted(audit, auditor)
    audit = audit_moderate(
        actor=moderator,
        audit=audit,
        expected_version=audit.version,
        grades={d.value: G for d in Domain},
        overall_grade=G,
    )
    with pytest.raises(ValidationError, match="change only through moderation"):
        audit_grades_save(
            actor=auditor, audit=audit, expected_version=audit.version, domains=_all_good()
        )
    with pytest.raises(ValidationError, match="Give the reason"):
        audit_grade_change(
            actor=auditor,
            audit=audit,
            expected_version=audit.version,
            domain="impact",
            to_grade=RI,
            reason="",
        )
    audit = audit_grade_change(
        actor=auditor,
        audit=audit,
        expected_version=audit.version,
        domain="impact",
        to_grade=RI,
        reason="The family told us the plan has not changed things",
    )
    change = GradeChange.objects.get()
    assert (change.kind, change.from_grade, change.to_grade) == (
        GradeChangeKind.AFTER_MODERATION,
        G,
        RI,
    )
    assert audit.grades.get(domain="impact").grade == RI
    assert_audited(instance=change, action=AuditAction.CREATE, actor=auditor)


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.QA_OFFICER])
def test_others_cannot_change_a_moderated_grade(audit, auditor, moderator, users, role):
    audit = _submitted(audit, auditor)
    audit = audit_moderate(
        actor=moderator,
        audit=audit,
        expected_version=audit.version,
        grades={d.value: G for d in Domain},
        overall_grade=G,
    )
    with pytest.raises(PermissionDenied):
        audit_grade_change(
            actor=users[role],
            audit=audit,
            expected_version=audit.version,
            domain="",
            to_grade=RI,
            reason="I disagree",
        )


def test_a_theme_is_tagged_once_with_its_finding(audit, auditor, neglect):
    finding = audit_finding_add(
        actor=auditor, audit=audit, theme=neglect, finding="Neglect recognised late"
    )
    assert_audited(instance=finding, action=AuditAction.CREATE, actor=auditor)
    with pytest.raises(ValidationError, match="already tagged"):
        audit_finding_add(actor=auditor, audit=audit, theme=neglect, finding="again")


def test_the_worker_adds_their_reflection_to_the_collaborative_audit(audit, worker, users):
    audit = audit_reflection_record(
        actor=worker,
        audit=audit,
        expected_version=audit.version,
        reflection="Agree the contingency plan needs the grandmother",
    )
    assert "Agree the contingency plan" in audit.practitioner_reflection
    assert "16 March 2026" in audit.practitioner_reflection
    with pytest.raises(PermissionDenied):
        audit_reflection_record(
            actor=users[Role.CP_CHAIR],
            audit=audit,
            expected_version=audit.version,
            reflection="x",
        )
