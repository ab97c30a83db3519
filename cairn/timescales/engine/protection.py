"""Child protection rules outside the plan: ICPC_15WD and CHAIR_ALERT_RESPONSE_DUE
(shared/domain/timescales.md)."""

from django.db.models import Exists, OuterRef, Q

from cairn.casework.models import MeetingKind
from cairn.casework.models.meetings import MeetingChild
from cairn.protection.models import ConferenceDetail, PracticeAlertStage, S47Enquiry
from cairn.timescales.engine.base import Alert, Context, Target, short_date

ICPC_WORKING_DAYS = 15  # Working Together 2023: ICPC within 15 WD of the strategy discussion


def icpc(ctx: Context) -> list[Alert]:
    """ICPC_15WD: a S47 enquiry started on or before D (its start is the strategy discussion's
    date) with no initial conference held between its start and D, and not deemed unnecessary
    (ICPC not needed, decided by D), is due a conference by the start + 15 working days."""
    held_for_child = MeetingChild.objects.filter(
        ctx.held_by_d("meeting__"),
        child_id=OuterRef("child_id"),
        meeting__kind=MeetingKind.ICPC,
        meeting__held_at__date__gte=OuterRef("started_on"),
    )
    held_for_enquiry = ConferenceDetail.objects.filter(
        ctx.held_by_d("meeting__"), s47_id=OuterRef("pk"), meeting__kind=MeetingKind.ICPC
    )
    not_needed = Q(icpc_needed=False) & (Q(ended_on__isnull=True) | Q(ended_on__lte=ctx.as_of))
    rows = (
        S47Enquiry.objects.filter(ctx.open_children_q(), started_on__lte=ctx.as_of)
        .exclude(not_needed)
        .filter(~Exists(held_for_child), ~Exists(held_for_enquiry))
        .values_list("pk", "child_id", "started_on")
    )
    alerts = []
    for pk, child_id, started in rows:
        alert = ctx.deadline(
            "ICPC_15WD",
            due=ctx.add_working_days(started, ICPC_WORKING_DAYS),
            explanation=f"The section 47 enquiry started {short_date(started)} has no initial "
            "child protection conference; " + "it {state} {due}.",
            target=Target("protection.S47Enquiry", pk),
            child_id=child_id,
        )
        if alert:
            alerts.append(alert)
    return alerts


def chair_alert_response(ctx: Context) -> list[Alert]:
    """CHAIR_ALERT_RESPONSE_DUE: the current stage of a chair's practice alert unresolved on D
    (started by D, not answered, escalated or resolved by D) needs a response within N working
    days of the stage starting (local, default 5)."""
    unanswered = Q(responded_on__isnull=True) | Q(responded_on__gt=ctx.as_of)
    not_escalated = Q(escalated_on__isnull=True) | Q(escalated_on__gt=ctx.as_of)
    unresolved = Q(alert__resolved_on__isnull=True) | Q(alert__resolved_on__gt=ctx.as_of)
    rows = PracticeAlertStage.objects.filter(
        ctx.open_children_q("alert__child_id"),
        unanswered,
        not_escalated,
        unresolved,
        started_on__lte=ctx.as_of,
        alert__raised_on__lte=ctx.as_of,
        alert__removed_at__isnull=True,
    ).values_list("pk", "alert_id", "alert__child_id", "stage", "started_on", "alert__raised_on")
    alerts = []
    for _pk, alert_id, child_id, stage, started, raised in rows:
        days = ctx.values.council("CHAIR_ALERT_RESPONSE_DUE")
        alert = ctx.deadline(
            "CHAIR_ALERT_RESPONSE_DUE",
            due=ctx.add_working_days(started, days),
            explanation=f"The chair's practice alert raised {short_date(raised)} "
            f"(stage {stage}, from {short_date(started)}) has no response; " + "it {state} {due}.",
            target=Target("protection.PracticeAlert", alert_id),
            child_id=child_id,
        )
        if alert:
            alerts.append(alert)
    return alerts
