"""Rules on open CIN and CP plans read from the shared plan, visit and meeting shapes:
CIN_VISIT_DUE, CIN_REVIEW_DUE, CP_VISIT_DUE, CP_REVIEW_DUE, CORE_GROUP_10WD, CP_PLAN_LONG,
CP_REPEAT_PLAN, MIDPOINT_REVIEW_DUE (shared/domain/timescales.md).

Two queries in all: one for open CIN plans and one for open CP plans, each annotated with the
dates the rules need (last visit where the child was seen, last review, ...), all as of D.
"""

import datetime as dt

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from cairn.casework.models import Meeting, MeetingKind, Plan, PlanKind, Visit
from cairn.casework.models.meetings import MeetingChild
from cairn.protection.models import MidpointReview
from cairn.timescales.engine.base import Alert, Context, Target, add_months, short_date

CORE_GROUP_WORKING_DAYS = 10  # Working Together 2023: first core group within 10 WD of ICPC
CP_FIRST_REVIEW_MONTHS = 3  # Working Together 2023: first review within 3 months of the ICPC
CP_REVIEW_MONTHS = 6  # ... and then at intervals of no more than 6 months


def cp_next_review_due(*, plan_started: dt.date, last_review: dt.date | None) -> dt.date:
    """CP_REVIEW_DUE: the first review conference within 3 months of the plan's start (the
    ICPC), later ones within 6 months of the last review."""
    if last_review is None:
        return add_months(plan_started, CP_FIRST_REVIEW_MONTHS)
    return add_months(last_review, CP_REVIEW_MONTHS)


def cp_midpoint_due(*, last_conference: dt.date, next_review: dt.date) -> dt.date:
    """MIDPOINT_REVIEW_DUE: halfway between the last conference and the next review due
    (calendar days, rounded down)."""
    return last_conference + dt.timedelta(days=(next_review - last_conference).days // 2)


def _local(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value else None


def _last_seen(ctx: Context) -> Subquery:
    """The last visit on or after the plan's start and on or before D where the child was
    seen."""
    return Subquery(
        Visit.objects.filter(
            child_id=OuterRef("child_id"),
            child_seen=True,
            visited_on__gte=OuterRef("started_on"),
            visited_on__lte=ctx.as_of,
        )
        .order_by("-visited_on")
        .values("visited_on")[:1]
    )


def _last_meeting(ctx: Context, name: str, kinds: list[str]) -> dict[str, Subquery]:
    """The latest meeting of these kinds held for the plan on or after its start and on or
    before D: two annotations, `<name>_plan` (meetings linked to the plan) and `<name>_child`
    (meetings about its child), combined by `_latest`. Two indexed lookups are far cheaper than
    one OR across the join on a large council."""
    by_plan = (
        Meeting.objects.filter(
            ctx.held_by_d(),
            plan_id=OuterRef("pk"),
            kind__in=kinds,
            held_at__date__gte=OuterRef("started_on"),
        )
        .order_by("-held_at")
        .values("held_at")[:1]
    )
    by_child = (
        MeetingChild.objects.filter(
            ctx.held_by_d("meeting__"),
            child_id=OuterRef("child_id"),
            meeting__kind__in=kinds,
            meeting__held_at__date__gte=OuterRef("started_on"),
        )
        .order_by("-meeting__held_at")
        .values("meeting__held_at")[:1]
    )
    return {f"{name}_plan": Subquery(by_plan), f"{name}_child": Subquery(by_child)}


def _latest(row: dict, name: str) -> dt.date | None:
    held = [value for value in (row[f"{name}_plan"], row[f"{name}_child"]) if value]
    return _local(max(held)) if held else None


def _visit_alert(ctx: Context, code: str, *, plan_id, child_id, started, seen) -> Alert | None:
    days = ctx.values.team(code, ctx.placement(child_id).team_id)
    if seen:
        since = f"The child was last seen on {short_date(seen)}"
    else:
        since = f"The child has not been seen since the plan started on {short_date(started)}"
    return ctx.deadline(
        code,
        due=ctx.add_working_days(seen or started, days),
        explanation=since + "; a visit {state} {due}.",
        target=Target("casework.Plan", plan_id),
        child_id=child_id,
    )


def cin_plans(ctx: Context, codes: set[str]) -> list[Alert]:
    """CIN_VISIT_DUE and CIN_REVIEW_DUE for CIN plans open on D whose child has no CP plan
    open on D. Visits: last seen (else plan start) + N WD (local, default 20). Reviews: plan
    start, then the last review, + N months (local, default 3)."""
    open_cp = Plan.objects.filter(
        ctx.open_plan_q(), child_id=OuterRef("child_id"), kind=PlanKind.CP
    )
    rows = (
        Plan.objects.filter(ctx.open_children_q(), ctx.open_plan_q(), kind=PlanKind.CIN)
        .filter(~Exists(open_cp))
        .annotate(
            last_seen=_last_seen(ctx),
            **_last_meeting(ctx, "review", [MeetingKind.CIN_REVIEW]),
        )
        .values("pk", "child_id", "started_on", "last_seen", "review_plan", "review_child")
    )
    alerts = []
    for row in rows:
        plan_id, child_id, started, seen = (
            row["pk"],
            row["child_id"],
            row["started_on"],
            row["last_seen"],
        )
        reviewed = _latest(row, "review")
        if "CIN_VISIT_DUE" in codes:
            alerts.append(
                _visit_alert(
                    ctx,
                    "CIN_VISIT_DUE",
                    plan_id=plan_id,
                    child_id=child_id,
                    started=started,
                    seen=seen,
                )
            )
        if "CIN_REVIEW_DUE" in codes:
            months = ctx.values.team("CIN_REVIEW_DUE", ctx.placement(child_id).team_id)
            since = (
                f"The child in need plan was last reviewed on {short_date(reviewed)}"
                if reviewed
                else f"The child in need plan started on {short_date(started)} and has not "
                "been reviewed"
            )
            alerts.append(
                ctx.deadline(
                    "CIN_REVIEW_DUE",
                    due=add_months(reviewed or started, months),
                    explanation=since + "; a review {state} {due}.",
                    target=Target("casework.Plan", plan_id),
                    child_id=child_id,
                )
            )
    return [alert for alert in alerts if alert]


def cp_plans(ctx: Context, codes: set[str]) -> list[Alert]:
    """The rules on CP plans open on D (see each `_cp_*` function)."""
    last_midpoint = (
        MidpointReview.objects.filter(plan_id=OuterRef("pk"), reviewed_on__lte=ctx.as_of)
        .order_by("-reviewed_on")
        .values("reviewed_on")[:1]
    )
    previous_end = (
        Plan.objects.filter(
            child_id=OuterRef("child_id"),
            kind=PlanKind.CP,
            ended_on__lte=OuterRef("started_on"),
        )
        .exclude(pk=OuterRef("pk"))
        .order_by("-ended_on")
        .values("ended_on")[:1]
    )
    rows = (
        Plan.objects.filter(ctx.open_children_q(), ctx.open_plan_q(), kind=PlanKind.CP)
        .annotate(
            last_seen=_last_seen(ctx),
            **_last_meeting(ctx, "review", [MeetingKind.RCPC]),
            **_last_meeting(ctx, "core_group", [MeetingKind.CORE_GROUP]),
            last_midpoint=Subquery(last_midpoint),
            previous_end=Subquery(previous_end),
        )
        .values()
    )
    alerts: list[Alert | None] = []
    for row in rows:
        plan_id, child_id, started, seen = (
            row["id"],
            row["child_id"],
            row["started_on"],
            row["last_seen"],
        )
        midpoint, previous_end = row["last_midpoint"], row["previous_end"]
        met = _latest(row, "core_group") is not None
        target = Target("casework.Plan", plan_id)
        reviewed = _latest(row, "review")
        if "CP_VISIT_DUE" in codes:
            alerts.append(
                _visit_alert(
                    ctx,
                    "CP_VISIT_DUE",
                    plan_id=plan_id,
                    child_id=child_id,
                    started=started,
                    seen=seen,
                )
            )
        if "CORE_GROUP_10WD" in codes and not met:
            alerts.append(
                ctx.deadline(
                    "CORE_GROUP_10WD",
                    due=ctx.add_working_days(started, CORE_GROUP_WORKING_DAYS),
                    explanation=f"No core group has met since the child protection plan started "
                    f"on {short_date(started)}; " + "the first {state} {due}.",
                    target=target,
                    child_id=child_id,
                )
            )
        review_due = cp_next_review_due(plan_started=started, last_review=reviewed)
        if "CP_REVIEW_DUE" in codes:
            since = (
                f"The last review conference was on {short_date(reviewed)}"
                if reviewed
                else f"The child protection plan started on {short_date(started)}"
            )
            alerts.append(
                ctx.deadline(
                    "CP_REVIEW_DUE",
                    due=review_due,
                    explanation=since + "; the next review conference {state} {due}.",
                    target=target,
                    child_id=child_id,
                )
            )
        if "MIDPOINT_REVIEW_DUE" in codes:
            alerts.append(
                _cp_midpoint(ctx, target, child_id, started, reviewed, review_due, midpoint)
            )
        if "CP_PLAN_LONG" in codes:
            months = ctx.values.council("CP_PLAN_LONG")
            alerts.append(
                ctx.deadline(
                    "CP_PLAN_LONG",
                    due=add_months(started, months),
                    explanation=f"The child protection plan started on {short_date(started)}; "
                    f"a senior review of a plan open over {months} months " + "{state} {due}.",
                    target=target,
                    child_id=child_id,
                )
            )
        if "CP_REPEAT_PLAN" in codes and previous_end:
            months = ctx.values.council("CP_REPEAT_PLAN")
            if started <= add_months(previous_end, months):
                alerts.append(
                    ctx.flag(
                        "CP_REPEAT_PLAN",
                        explanation=f"The child protection plan started on "
                        f"{short_date(started)}, within {months} months of the end of a "
                        f"previous plan on {short_date(previous_end)}.",
                        target=target,
                        child_id=child_id,
                    )
                )
    return [alert for alert in alerts if alert]


def _cp_midpoint(ctx, target, child_id, started, reviewed, review_due, midpoint) -> Alert | None:
    """MIDPOINT_REVIEW_DUE: the chair reviews progress once between conferences, due halfway
    between the last conference (the ICPC = the plan's start, or the last review) and the next
    review due. Met by a midpoint review after the last conference, on or before D."""
    last_conference = reviewed or started
    if midpoint and midpoint > last_conference:
        return None
    due = cp_midpoint_due(last_conference=last_conference, next_review=review_due)
    return ctx.deadline(
        "MIDPOINT_REVIEW_DUE",
        due=due,
        explanation=f"The chair has not reviewed progress since the conference on "
        f"{short_date(last_conference)}; " + "the midpoint review {state} {due}.",
        target=target,
        child_id=child_id,
    )
