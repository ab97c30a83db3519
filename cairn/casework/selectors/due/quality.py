"""Quality assurance (issue 8): AUDIT_ACTION_OVERDUE."""

from cairn.casework.selectors.due.base import DueCollector
from cairn.quality.models import Recommendation, RecommendationStatus


def audit_actions_due(due: DueCollector, child_ids: list[int]) -> None:
    """AUDIT_ACTION_OVERDUE: an audit recommendation not yet done (still open: no action with
    evidence recorded) is due by its due date."""
    rows = (
        Recommendation.objects.filter(child_id__in=child_ids, status=RecommendationStatus.OPEN)
        .order_by("due_on", "id")
        .values_list("child_id", "due_on", "action")
    )
    for child_id, due_on, action in rows:
        due.add(
            child_id,
            rule="AUDIT_ACTION_OVERDUE",
            what="Audit recommendation",
            due=due_on,
            detail=action if len(action) <= 120 else f"{action[:117]}...",
        )
