"""The edge-of-care referral's states and the moves between them (one table)."""

from cairn.core.workflows import Workflow
from cairn.edgeofcare.models import ReferralStatus as S

REFERRAL = Workflow(
    name="edge-of-care referral",
    states=S,
    transitions={
        S.AWAITING_DECISION: frozenset({S.ACCEPTED, S.DECLINED}),
        S.ACCEPTED: frozenset({S.IN_INTERVENTION}),
        S.IN_INTERVENTION: frozenset({S.ENDED}),
    },
)
