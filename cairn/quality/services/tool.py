"""The audit tool: a QA officer drafts a version, changes its questions and publishes it. A
published version never changes, so every audit keeps the questions it was made with."""

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.core import clock
from cairn.core.records import record_create, record_remove, record_update
from cairn.quality.models import (
    AuditTool,
    AuditToolVersion,
    Domain,
    Question,
    ToolVersionStatus,
)
from cairn.quality.services import require
from cairn.quality.workflows import TOOL_VERSION

# The standard questions a new tool starts from (after Ofsted's ILACS evaluation criteria and
# the inspection letter's themes: contingency, management oversight, impact for the child).
STANDARD_QUESTIONS: dict[str, list[str]] = {
    Domain.CHILD_VOICE: [
        "Is the child seen, and seen alone when appropriate, by their social worker?",
        "Are the child's wishes and feelings recorded in their own words and acted on?",
        "Did the child take part in their reviews, and is it recorded how or why not?",
    ],
    Domain.ASSESSMENT: [
        "Does the assessment analyse the family history and chronology?",
        "Are the child's identity, culture, faith and language considered?",
        "Are risks and strengths analysed, not only described?",
    ],
    Domain.PLAN: [
        "Does the plan say what will be different for the child, with measures?",
        "Is there a contingency arrangement, with the family network considered?",
        "Are actions specific, owned and time-bound?",
    ],
    Domain.OVERSIGHT: [
        "Is management oversight recorded, with clear direction and timescales?",
        "Is the child discussed in regular, reflective supervision?",
    ],
    Domain.TIMELINESS: [
        "Were assessments, visits and reviews completed within timescales?",
        "Is there any drift or delay for the child?",
    ],
    Domain.IMPACT: [
        "Is the child's situation improving because of the help given?",
        "Is the impact of the plan evident from the child's point of view?",
    ],
}

PUBLISHED_IS_FIXED = "A published version of the audit tool cannot be changed: draft a new version"


def _published(tool: AuditTool) -> AuditToolVersion | None:
    return tool.versions.filter(status=ToolVersionStatus.PUBLISHED).first()


@transaction.atomic
def audit_tool_create(*, actor, name: str) -> AuditToolVersion:
    """A new audit tool whose first (draft) version holds the standard questions."""
    require(actor, "quality.manage_programme", None, "Only QA officers can set up the audit tool")
    if not name.strip():
        raise ValidationError({"name": "Enter a name for the audit tool"})
    if AuditTool.objects.filter(name=name.strip()).exists():
        raise ValidationError({"name": "There is already an audit tool with this name"})
    tool = record_create(model=AuditTool, actor=actor, name=name.strip())
    version = record_create(model=AuditToolVersion, actor=actor, tool=tool, number=1)
    for domain, texts in STANDARD_QUESTIONS.items():
        for position, text in enumerate(texts, start=1):
            record_create(
                model=Question,
                actor=actor,
                tool_version=version,
                domain=domain,
                position=position,
                text=text,
            )
    return version


@transaction.atomic
def tool_version_draft(*, actor, tool: AuditTool) -> AuditToolVersion:
    """The next version of the tool, as a draft copy of the version in use."""
    require(actor, "quality.manage_programme", None, "Only QA officers can change the audit tool")
    if tool.versions.filter(status=ToolVersionStatus.DRAFT).exists():
        raise ValidationError({"tool": "A draft version already exists: change that one"})
    current = _published(tool)
    last = tool.versions.order_by("-number").first()
    version = record_create(
        model=AuditToolVersion, actor=actor, tool=tool, number=(last.number if last else 0) + 1
    )
    if current is not None:
        for question in current.questions.all():
            record_create(
                model=Question,
                actor=actor,
                tool_version=version,
                domain=question.domain,
                position=question.position,
                text=question.text,
                guidance=question.guidance,
            )
    return version


def _check_draft(version: AuditToolVersion) -> None:
    if version.status != ToolVersionStatus.DRAFT:
        raise ValidationError({"text": PUBLISHED_IS_FIXED})


@transaction.atomic
def question_add(
    *, actor, version: AuditToolVersion, domain: str, text: str, guidance: str = ""
) -> Question:
    require(actor, "quality.manage_programme", None, "Only QA officers can change the audit tool")
    _check_draft(version)
    errors = {}
    if domain not in Domain.values:
        errors["domain"] = "Choose the domain the question belongs to"
    if not text.strip():
        errors["text"] = "Enter the question"
    if errors:
        raise ValidationError(errors)
    last = version.questions.filter(domain=domain).order_by("-position").first()
    return record_create(
        model=Question,
        actor=actor,
        tool_version=version,
        domain=domain,
        position=(last.position if last else 0) + 1,
        text=text.strip(),
        guidance=guidance.strip(),
    )


@transaction.atomic
def question_update(
    *, actor, question: Question, expected_version: int, text: str, guidance: str = ""
) -> Question:
    require(actor, "quality.manage_programme", None, "Only QA officers can change the audit tool")
    _check_draft(question.tool_version)
    if not text.strip():
        raise ValidationError({"text": "Enter the question"})
    return record_update(
        instance=question,
        actor=actor,
        expected_version=expected_version,
        text=text.strip(),
        guidance=guidance.strip(),
    )


@transaction.atomic
def question_remove(*, actor, question: Question) -> Question:
    require(actor, "quality.manage_programme", None, "Only QA officers can change the audit tool")
    _check_draft(question.tool_version)
    return record_remove(instance=question, actor=actor, reason="Removed from the draft audit tool")


@transaction.atomic
def tool_version_publish(
    *, actor, version: AuditToolVersion, change_summary: str
) -> AuditToolVersion:
    """Put a draft version into use; the version it replaces is kept, marked replaced. Cycles
    planned from now on use it; audits already planned keep their version."""
    require(actor, "quality.manage_programme", None, "Only QA officers can change the audit tool")
    TOOL_VERSION.check(version.status, ToolVersionStatus.PUBLISHED)
    missing = [d.label for d in Domain if not version.questions.filter(domain=d.value).exists()]
    if missing:
        raise ValidationError(
            {"change_summary": "Every domain needs at least one question: " + "; ".join(missing)}
        )
    if version.number > 1 and not change_summary.strip():
        raise ValidationError({"change_summary": "Say what changed from the last version"})
    current = _published(version.tool)
    if current is not None:
        TOOL_VERSION.check(current.status, ToolVersionStatus.RETIRED)
        record_update(
            instance=current,
            actor=actor,
            expected_version=current.version,
            status=ToolVersionStatus.RETIRED,
        )
    return record_update(
        instance=version,
        actor=actor,
        expected_version=version.version,
        status=ToolVersionStatus.PUBLISHED,
        change_summary=change_summary.strip(),
        published_on=clock.today(),
        published_by=actor,
    )
