"""Rules on who holds the case and how they are supported: CASE_OVERSIGHT_DUE, UNALLOCATED,
WORKER_ABSENT (child-level) and SUPERVISION_DUE, CASELOAD_HIGH (worker-level)
(shared/domain/timescales.md)."""

import datetime as dt
from collections import Counter

from django.db.models import Max, OuterRef, Q, Subquery

from cairn.accounts.models import Team, User
from cairn.timescales.engine.base import (
    Alert,
    Context,
    Severity,
    Target,
    add_months,
    short_date,
)
from cairn.workforce.models import (
    Absence,
    Cover,
    OversightEntry,
    SupervisionSession,
    SupervisionStandard,
)

ABSENCE_SEVERE_WITHIN_WORKING_DAYS = 10  # timescales.md: high if a deadline falls within 10 WD


def case_oversight(ctx: Context) -> list[Alert]:
    """CASE_OVERSIGHT_DUE: an open case needs a management oversight entry on the child's record
    within N months (local, default 1; per team) of the last one on or before D, else of the
    current allocation's start, else of the referral."""
    last = dict(
        OversightEntry.objects.filter(ctx.open_children_q(), recorded_on__lte=ctx.as_of)
        .values("child_id")
        .annotate(last=Max("recorded_on"))
        .values_list("child_id", "last")
    )
    alerts = []
    for child_id, (episode_id, referred) in ctx.open_episodes.items():
        placement = ctx.placement(child_id)
        months = ctx.values.team("CASE_OVERSIGHT_DUE", placement.team_id)
        if child_id in last:
            since, text = last[child_id], "The last management oversight was on "
        elif placement.started_on:
            since, text = placement.started_on, "No management oversight since allocation on "
        else:
            since, text = referred, "No management oversight since the referral on "
        alert = ctx.deadline(
            "CASE_OVERSIGHT_DUE",
            due=add_months(since, months),
            explanation=text + short_date(since) + "; oversight {state} {due}.",
            target=Target("frontdoor.Episode", episode_id),
            child_id=child_id,
        )
        if alert:
            alerts.append(alert)
    return alerts


def unallocated(ctx: Context) -> list[Alert]:
    """UNALLOCATED: an open case with no worker allocated on D (a team queue row, or none)."""
    alerts = []
    for child_id, (episode_id, _referred) in ctx.open_episodes.items():
        placement = ctx.placement(child_id)
        if placement.worker_id is not None:
            continue
        if placement.allocation_id:
            target = Target("workforce.Allocation", placement.allocation_id)
            waiting = short_date(placement.started_on)
            text = f"The case has been waiting for a worker since {waiting}."
        else:
            target = Target("frontdoor.Episode", episode_id)
            text = "The open case has no allocation to a team or worker."
        alerts.append(ctx.flag("UNALLOCATED", explanation=text, target=target, child_id=child_id))
    return alerts


def worker_absent(ctx: Context, other_alerts: list[Alert]) -> list[Alert]:
    """WORKER_ABSENT: the allocated worker is absent on D (from starts_on to ended_on, the last
    day away, or open-ended) and no cover is set on D for all their children or this child.
    High severity when another deadline of the child is overdue or falls within 10 WD."""
    absences = {
        worker_id: (absence_id, starts)
        for absence_id, worker_id, starts in Absence.objects.filter(starts_on__lte=ctx.as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=ctx.as_of))
        .order_by("starts_on")
        .values_list("pk", "worker_id", "starts_on")
    }
    if not absences:
        return []
    covered = set(
        Cover.objects.filter(
            absence__in=Absence.objects.filter(starts_on__lte=ctx.as_of).filter(
                Q(ended_on__isnull=True) | Q(ended_on__gte=ctx.as_of)
            ),
            starts_on__lte=ctx.as_of,
            ends_on__gte=ctx.as_of,
        ).values_list("absence_id", "child_id")
    )
    horizon = ctx.add_working_days(ctx.as_of, ABSENCE_SEVERE_WITHIN_WORKING_DAYS)
    pressing = {
        alert.child_id
        for alert in other_alerts
        if alert.child_id is not None and alert.due is not None and alert.due <= horizon
    }
    alerts = []
    for child_id in ctx.open_children:
        placement = ctx.placement(child_id)
        if placement.worker_id not in absences:
            continue
        absence_id, starts = absences[placement.worker_id]
        if (absence_id, None) in covered or (absence_id, child_id) in covered:
            continue
        alerts.append(
            ctx.flag(
                "WORKER_ABSENT",
                explanation=f"The allocated worker has been absent since {short_date(starts)} "
                "and no cover worker is set.",
                target=Target("workforce.Absence", absence_id),
                child_id=child_id,
                severity=Severity.HIGH if child_id in pressing else Severity.MEDIUM,
            )
        )
    return alerts


def _case_holders(ctx: Context) -> dict[int, int]:
    """Open children held on D by each worker."""
    return Counter(
        ctx.placement(child_id).worker_id
        for child_id in ctx.open_children
        if ctx.placement(child_id).worker_id is not None
    )


def _workers(ctx: Context, worker_ids) -> list[tuple]:
    last_supervision = (
        SupervisionSession.objects.filter(worker_id=OuterRef("pk"), held_on__lte=ctx.as_of)
        .order_by("-held_on")
        .values("held_on")[:1]
    )
    return list(
        User.objects.filter(pk__in=worker_ids)
        .annotate(last_supervision=Subquery(last_supervision))
        .values_list(
            "pk",
            "username",
            "team_id",
            "staff_record__qualified_on",
            "staff_record__started_on",
            "last_supervision",
        )
    )


def worker_rules(ctx: Context, codes: set[str]) -> list[Alert]:
    """SUPERVISION_DUE and CASELOAD_HIGH for every worker holding an open case on D."""
    caseloads = _case_holders(ctx)
    if not caseloads:
        return []
    first_allocated: dict[int, dt.date] = {}
    for placement in ctx.placements.values():
        if placement.worker_id is not None and placement.started_on:
            known = first_allocated.get(placement.worker_id)
            first_allocated[placement.worker_id] = min(known or dt.date.max, placement.started_on)
    rows = _workers(ctx, list(caseloads))
    standard_rows = SupervisionStandard.objects.values_list(
        "team_id", "interval_months", "nq_weekly_weeks", "nq_fortnightly_months"
    )
    standards = {team_id: tuple(standard) for team_id, *standard in standard_rows}
    thresholds = dict(Team.objects.values_list("pk", "caseload_threshold"))
    alerts: list[Alert | None] = []
    for worker_id, username, team_id, qualified, staff_started, supervised in rows:
        who = {"worker_id": worker_id, "worker": username, "team_id": team_id}
        if "SUPERVISION_DUE" in codes:
            standard = standards.get(team_id) or standards.get(None) or (1, 6, 6)
            since = supervised or staff_started or first_allocated.get(worker_id)
            if since:
                due, standard_text = _supervision_due(ctx, since, qualified, standard)
                what = (
                    f"last supervised on {short_date(supervised)}"
                    if supervised
                    else f"not supervised since starting on {short_date(since)}"
                )
                alerts.append(
                    ctx.deadline(
                        "SUPERVISION_DUE",
                        due=due,
                        explanation=f"The worker was {what} (standard: {standard_text}); "
                        "supervision {state} {due}.",
                        target=Target("accounts.User", worker_id),
                        **who,
                    )
                )
        if "CASELOAD_HIGH" in codes:
            threshold = (
                ctx.values.team_override("CASELOAD_HIGH", team_id)
                or ctx.values.council_setting("CASELOAD_HIGH")
                or thresholds.get(team_id)
                or ctx.values.council("CASELOAD_HIGH")
            )
            held = caseloads[worker_id]
            if held > threshold:
                alerts.append(
                    ctx.flag(
                        "CASELOAD_HIGH",
                        explanation=f"The worker holds {held} children, over the threshold of "
                        f"{threshold}.",
                        target=Target("accounts.User", worker_id),
                        **who,
                    )
                )
    return [alert for alert in alerts if alert]


def _supervision_due(ctx: Context, since: dt.date, qualified, standard) -> tuple[dt.date, str]:
    """The next supervision after `since` under the worker's standard on D: weekly for the
    first weeks after qualifying, then fortnightly to N months, then every N months."""
    months, weekly_weeks, fortnightly_months = standard
    if qualified and ctx.as_of < qualified + dt.timedelta(weeks=weekly_weeks):
        return since + dt.timedelta(days=7), "weekly while newly qualified"
    if qualified and ctx.as_of < add_months(qualified, fortnightly_months):
        return since + dt.timedelta(days=14), "fortnightly while newly qualified"
    every = "monthly" if months == 1 else f"every {months} months"
    return add_months(since, months), every
