"""Workforce and quality measures: supervision compliance, caseloads, audit grades and
recommendation completion."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Q

from cairn.insight.measures.base import NUMBER, PERCENT, Figure, NationalComparator, Scope, register
from cairn.insight.measures.periods import month_start
from cairn.insight.measures.rows import SHARE, Context, Row, RowMeasure, Tally, rounded, span
from cairn.quality.models import CaseAudit, Grade, Recommendation
from cairn.timescales.engine.base import Status
from cairn.workforce.models import Allocation

CASELOAD_2025 = NationalComparator(
    Decimal("15.2"),
    "DfE Children's social work workforce 2025 (shared/domain/volumes.md)",
    "2025 (at 30 September)",
    "Cases per case-holding FTE; Cairn counts children per case-holding worker (headcount).",
)
GOOD = {Grade.OUTSTANDING, Grade.GOOD}


def allocated(months: list[date], ctx: Context) -> dict[date, list[tuple[int, int, int]]]:
    """(child, worker, team) allocated to a worker at each month end: the allocation in force
    that day (started on or before it, not ended on or before it, as the drift engine reads)."""
    key = ("allocated", tuple(months))
    if key not in ctx.cache:
        first, last = span(months)
        periods = list(
            Allocation.objects.filter(worker__isnull=False, started_on__lte=last)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=first))
            .order_by("started_on", "pk")
            .values_list("child_id", "worker_id", "team_id", "started_on", "ended_on")
        )
        out = {}
        for month in months:
            day = ctx.on(month)
            latest: dict[int, tuple[int, int, int]] = {}
            for child_id, worker_id, team_id, start, end in periods:
                if start <= day and (end is None or end > day):
                    latest[child_id] = (child_id, worker_id, team_id)
            out[month] = list(latest.values())
        ctx.cache[key] = out
    return ctx.cache[key]


@register
class SupervisionCompliance(RowMeasure):
    key = "supervision_in_time"
    title = "Children whose worker's supervision is up to date"
    unit = PERCENT
    kind = SHARE
    group = "Workforce"
    higher_is_better = True
    description = (
        "Of the children allocated to a worker at month end, the share whose worker was not "
        "overdue for supervision that day (rule SUPERVISION_DUE: the team's supervision "
        "standard, more often for newly qualified workers). Counted per child so the list "
        "behind the figure is the children affected."
    )
    definition = "Local supervision standard (ADR 0014, SUPERVISION_DUE)."
    engine_rules = ("SUPERVISION_DUE",)
    expensive = True
    sources = (
        "workforce.supervisionsession",
        "workforce.supervisionstandard",
        "workforce.staffrecord",
    )

    def rows(self, months, ctx):
        for month in months:
            day = ctx.on(month)
            overdue = {
                a.worker_id
                for a in ctx.alerts(day)
                if a.rule == "SUPERVISION_DUE" and a.status == Status.OVERDUE
            }
            for child_id, worker_id, team_id in allocated(months, ctx)[month]:
                yield Row(month, child_id, team_id, flag=worker_id not in overdue)


@register
class Caseloads(RowMeasure):
    key = "caseload_average"
    title = "Average caseload"
    unit = NUMBER
    group = "Workforce"
    higher_is_better = False
    description = (
        "Children allocated to a worker at month end divided by the number of workers holding "
        "at least one of them (each worker counted in the team of the allocation). The list "
        "behind the figure is the children counted."
    )
    definition = "As the DfE workforce census average caseload, per worker rather than per FTE."
    national = CASELOAD_2025

    def rows(self, months, ctx):
        for month in months:
            for child_id, worker_id, team_id in allocated(months, ctx)[month]:
                yield Row(month, child_id, team_id, worker_id=worker_id)

    # A worker holding children in several of the children changed would be counted by each,
    # so the tallies do not add up over children: recomputed whole after a change.
    incremental = False

    def tally(self, rows: list[Row]) -> Tally:
        return Tally(len({r.child_id for r in rows}), len({r.worker_id for r in rows}))

    def figure(self, tally: Tally, scope: Scope) -> Figure:
        children, workers = tally.numerator, tally.denominator
        value = rounded(Decimal(children) / workers) if workers else None
        return Figure(value, children, workers)


def _audits(months, ctx):
    first, last = span(months)
    return [
        a
        for a in ctx.only(CaseAudit.objects)
        .filter(moderated_on__gte=first, moderated_on__lte=last)
        .exclude(overall_grade="")
        .values_list("child_id", "moderated_on", "overall_grade", "team_id")
        if month_start(a[1]) in set(months)
    ]


@register
class AuditsGood(RowMeasure):
    key = "audits_good"
    title = "Case audits graded good or outstanding"
    unit = PERCENT
    kind = SHARE
    group = "Quality"
    higher_is_better = True
    description = (
        "Of the children whose case audit was moderated in the month, the share whose overall "
        "grade (after moderation) is good or outstanding. Attributed to the team the child was "
        "with when the sample was drawn."
    )
    definition = "Ofsted four-point scale, the council's audit tool (ADR 0015)."
    sources = ("quality.caseaudit", "quality.gradechange")
    by_allocation = False

    def rows(self, months, ctx):
        for child_id, day, grade, team_id in _audits(months, ctx):
            yield Row(month_start(day), child_id, team_id, flag=grade in GOOD)


@register
class RecommendationsCompleted(RowMeasure):
    key = "recommendations_completed"
    title = "Audit recommendations completed by their due date"
    unit = PERCENT
    kind = SHARE
    group = "Quality"
    higher_is_better = True
    description = (
        "Of the children with an audit recommendation due in the month (up to today), the "
        "share for whom every such recommendation was marked done on or before its due date."
    )
    definition = "Case-audit programme recommendations (ADR 0015)."
    sources = ("quality.recommendation", "quality.caseaudit")
    by_allocation = False

    def rows(self, months, ctx):
        first, last = span(months)
        qs = (
            ctx.only(Recommendation.objects)
            .filter(
                due_on__gte=first, due_on__lte=min(last, ctx.as_of), audit__removed_at__isnull=True
            )
            .values_list("child_id", "due_on", "completed_on", "audit__team_id")
        )
        by_month = defaultdict(list)
        for child_id, due, done, team_id in qs:
            if month_start(due) in set(months):
                by_month[month_start(due)].append(
                    Row(month_start(due), child_id, team_id, flag=done is not None and done <= due)
                )
        for rows in by_month.values():
            yield from rows
