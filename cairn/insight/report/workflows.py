"""The members' report's one transition, declared as a table (ADR 0028)."""

from cairn.core.workflows import Workflow
from cairn.insight.report.models import ReportStatus as S

MEMBERS_REPORT = Workflow(
    name="report",
    states=S,
    transitions={S.DRAFT: frozenset({S.ISSUED}), S.ISSUED: frozenset()},
)
