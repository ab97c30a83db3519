"""Permissions on the audit programme (docs/permissions.md, ADR 15).

QA officers run the programme: every QA officer can plan cycles, draw samples, allocate, and
configure the audit tool (changes are versioned and audited). Audits are carried out and
moderated by the safeguarding and quality assurance unit: QA officers and CP chairs. An auditor
writes only the audits allocated to them; a second auditor moderates. The child's worker and
manager (and whoever may write the child's record now) see the audit and act on its
recommendations.
"""

import rules

from cairn.accounts.roles import Role
from cairn.accounts.rules import can_view_children, can_write_records
from cairn.people.rules import person_in_scope

AUDITOR_ROLES = frozenset({Role.QA_OFFICER, Role.CP_CHAIR})
ANALYSIS_READERS = frozenset(
    {Role.QA_OFFICER, Role.SENIOR_LEADER, Role.SERVICE_MANAGER, Role.PERFORMANCE_ANALYST}
)


@rules.predicate
def is_qa_officer(user) -> bool:
    return user.is_authenticated and user.role == Role.QA_OFFICER


@rules.predicate
def is_auditor_role(user) -> bool:
    return user.is_authenticated and user.role in AUDITOR_ROLES


@rules.predicate
def reads_analysis(user) -> bool:
    return user.is_authenticated and user.role in ANALYSIS_READERS


# Object: a CaseAudit.
@rules.predicate
def is_auditor_of(user, audit) -> bool:
    return audit is not None and audit.auditor_id is not None and audit.auditor_id == user.pk


@rules.predicate
def is_moderator_of(user, audit) -> bool:
    return audit is not None and audit.moderator_id is not None and audit.moderator_id == user.pk


@rules.predicate
def takes_part_in(user, audit) -> bool:
    return audit is not None and user.pk in (audit.worker_id, audit.manager_id)


@rules.predicate
def audit_child_in_scope(user, audit) -> bool:
    return audit is not None and person_in_scope(user, audit.child)


@rules.predicate
def writes_audit_child(user, audit) -> bool:
    return audit is not None and can_write_records(user) and person_in_scope(user, audit.child)


# Object: a Recommendation.
@rules.predicate
def owns(user, recommendation) -> bool:
    return recommendation is not None and recommendation.owner_id == user.pk


@rules.predicate
def writes_recommendation_child(user, recommendation) -> bool:
    return (
        recommendation is not None
        and can_write_records(user)
        and person_in_scope(user, recommendation.child)
    )


@rules.predicate
def audits_recommendation(user, recommendation) -> bool:
    return recommendation is not None and (
        is_auditor_of(user, recommendation.audit) or is_moderator_of(user, recommendation.audit)
    )


rules.add_perm("quality.manage_programme", is_qa_officer)
rules.add_perm("quality.view_programme", is_auditor_role)
rules.add_perm("quality.view_analysis", reads_analysis)
rules.add_perm("quality.view_own_actions", can_write_records)
rules.add_perm("quality.view_audit", can_view_children & audit_child_in_scope)
rules.add_perm("quality.grade_audit", is_auditor_role & is_auditor_of)
rules.add_perm("quality.moderate_audit", is_auditor_role & ~is_auditor_of)
rules.add_perm("quality.change_grade", is_auditor_role & (is_auditor_of | is_moderator_of))
rules.add_perm("quality.follow_up_audit", is_auditor_role & (is_auditor_of | is_moderator_of))
rules.add_perm("quality.reflect_on_audit", takes_part_in | writes_audit_child)
rules.add_perm("quality.complete_recommendation", owns | writes_recommendation_child)
rules.add_perm("quality.verify_recommendation", is_auditor_role & audits_recommendation)
