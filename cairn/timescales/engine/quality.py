"""AUDIT_ACTION_OVERDUE (shared/domain/timescales.md): an audit recommendation made on or before
D and not completed by D is due by its own due date."""

from django.db.models import Q

from cairn.quality.models import Recommendation
from cairn.timescales.engine.base import Alert, Context, Target, short_date


def audit_actions(ctx: Context) -> list[Alert]:
    rows = (
        Recommendation.objects.filter(ctx.open_children_q(), made_on__lte=ctx.as_of)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=ctx.as_of))
        .values_list("pk", "child_id", "made_on", "due_on")
    )
    alerts = []
    for pk, child_id, made, due in rows:
        alert = ctx.deadline(
            "AUDIT_ACTION_OVERDUE",
            due=due,
            explanation=f"The audit recommendation made {short_date(made)} is not completed; "
            "it {state} {due}.",
            target=Target("quality.Recommendation", pk),
            child_id=child_id,
        )
        if alert:
            alerts.append(alert)
    return alerts
