"""The casework workflows, each declared in one table."""

from cairn.casework.models import AssessmentStatus as A
from cairn.casework.models import CaseNoteStatus as N
from cairn.casework.models import PlanStatus as P
from cairn.core.workflows import Workflow

ASSESSMENT = Workflow(
    name="assessment",
    states=A,
    transitions={
        A.DRAFT: frozenset({A.SUBMITTED}),
        A.SUBMITTED: frozenset({A.AUTHORISED, A.RETURNED}),
        A.RETURNED: frozenset({A.SUBMITTED}),
        A.AUTHORISED: frozenset(),
    },
)

PLAN = Workflow(
    name="plan",
    states=P,
    transitions={
        P.DRAFT: frozenset({P.ACTIVE}),
        P.ACTIVE: frozenset({P.ENDED}),
        P.ENDED: frozenset(),
    },
)

CASE_NOTE = Workflow(
    name="case note",
    states=N,
    transitions={N.DRAFT: frozenset({N.FINAL}), N.FINAL: frozenset()},
)
