"""The audit programme's workflows, each declared in one table (ADR 15)."""

from cairn.core.workflows import Workflow
from cairn.quality.models import AuditStatus as A
from cairn.quality.models import RecommendationStatus as R
from cairn.quality.models import ToolVersionStatus as T

CASE_AUDIT = Workflow(
    name="case audit",
    states=A,
    transitions={
        A.TO_ALLOCATE: frozenset({A.ALLOCATED}),
        A.ALLOCATED: frozenset({A.SUBMITTED}),
        A.SUBMITTED: frozenset({A.MODERATED}),
        A.MODERATED: frozenset(),
    },
)

RECOMMENDATION = Workflow(
    name="recommendation",
    states=R,
    transitions={
        R.OPEN: frozenset({R.AWAITING_VERIFICATION}),
        # The auditor verifies the evidence, or sends the recommendation back to be done.
        R.AWAITING_VERIFICATION: frozenset({R.VERIFIED, R.OPEN}),
        R.VERIFIED: frozenset(),
    },
)

TOOL_VERSION = Workflow(
    name="audit tool version",
    states=T,
    transitions={
        T.DRAFT: frozenset({T.PUBLISHED}),
        T.PUBLISHED: frozenset({T.RETIRED}),
        T.RETIRED: frozenset(),
    },
)
