"""Quality assurance (issue 8): the case-audit programme. An oversight app: it reads the child's
record through selectors and owns only these tables (architecture.md, ADR 15)."""

from cairn.quality.models.audits import (
    AuditEvidence,
    AuditFinding,
    AuditStatus,
    CaseAudit,
    DomainGrade,
    GradeChange,
    GradeChangeKind,
    Theme,
)
from cairn.quality.models.programme import AuditCycle, AuditSample, CycleKind, SampleMethod
from cairn.quality.models.recommendations import (
    ImpactAnswer,
    ImpactFollowUp,
    Recommendation,
    RecommendationStatus,
)
from cairn.quality.models.reference import Domain, Grade, RecordKind
from cairn.quality.models.tool import AuditTool, AuditToolVersion, Question, ToolVersionStatus

__all__ = [
    "AuditCycle",
    "AuditEvidence",
    "AuditFinding",
    "AuditSample",
    "AuditStatus",
    "AuditTool",
    "AuditToolVersion",
    "CaseAudit",
    "CycleKind",
    "Domain",
    "DomainGrade",
    "Grade",
    "GradeChange",
    "GradeChangeKind",
    "ImpactAnswer",
    "ImpactFollowUp",
    "Question",
    "Recommendation",
    "RecommendationStatus",
    "RecordKind",
    "SampleMethod",
    "Theme",
    "ToolVersionStatus",
]
