"""The audit tool: set up with the standard questions, changed only in a draft version,
published with a summary of what changed; the version it replaces is kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction
from cairn.quality.models import Domain, ToolVersionStatus
from cairn.quality.services.tool import (
    audit_tool_create,
    question_add,
    question_remove,
    tool_version_draft,
    tool_version_publish,
)
from cairn.testing.audit import assert_audited


def test_a_qa_officer_versions_the_tool(auditor):
    first = audit_tool_create(actor=auditor, name="Case audit tool")
    assert set(first.questions.values_list("domain", flat=True)) == set(Domain.values)
    first = tool_version_publish(actor=auditor, version=first, change_summary="")
    with pytest.raises(ValidationError, match="cannot be changed: draft a new version"):
        question_add(actor=auditor, version=first, domain="plan", text="Is there a plan?")
    second = tool_version_draft(actor=auditor, tool=first.tool)
    assert second.number == 2
    assert second.questions.count() == first.questions.count()
    question = question_add(
        actor=auditor,
        version=second,
        domain="oversight",
        text="Is a disabled child's plan overseen?",
    )
    assert question.position == 3
    assert_audited(instance=question, action=AuditAction.CREATE, actor=auditor)
    with pytest.raises(ValidationError, match="Say what changed"):
        tool_version_publish(actor=auditor, version=second, change_summary="")
    second = tool_version_publish(
        actor=auditor, version=second, change_summary="Oversight for disabled children"
    )
    first.refresh_from_db()
    assert (first.status, second.status) == (ToolVersionStatus.RETIRED, ToolVersionStatus.PUBLISHED)


def test_every_domain_needs_a_question_and_there_is_one_draft(auditor):
    version = audit_tool_create(actor=auditor, name="Case audit tool")
    for question in version.questions.filter(domain="timeliness"):
        question_remove(actor=auditor, question=question)
    with pytest.raises(
        ValidationError, match="Every domain needs at least one question: Timeliness"
    ):
        tool_version_publish(actor=auditor, version=version, change_summary="")
    with pytest.raises(ValidationError, match="A draft version already exists"):
        tool_version_draft(actor=auditor, tool=version.tool)


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SENIOR_LEADER])
def test_only_qa_officers_change_the_tool(users, role):
    with pytest.raises(PermissionDenied):
        audit_tool_create(actor=users[role], name="Case audit tool")
