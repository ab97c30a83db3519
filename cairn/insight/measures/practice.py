"""Practice measures read from the drift engine (ADR 0016) at each month end: visits and
reviews in time, participation recorded, complete contingency, and drift alerts by rule.

Re-using ``alerts_as_of`` means these figures use exactly the rules, working-day calendar and
local settings the drift pages use; the engine is evaluated once per month end and shared by
every measure in one computation.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from cairn.casework.models import Plan, PlanKind
from cairn.insight.measures.base import COUNT, PERCENT, register
from cairn.insight.measures.rows import SHARE, Context, Row, RowMeasure, span
from cairn.timescales.catalogue import CATALOGUE
from cairn.timescales.engine.base import Status
from cairn.timescales.engine.evaluate import EVALUATED, WORKER_RULES

PLAN_SOURCES = (
    "casework.plan",
    "casework.planversion",
    "casework.visit",
    "casework.meeting",
    "casework.meetingchild",
    "casework.contingency",
    "casework.contingencynetworkmember",
    "frontdoor.episode",
    "timescales.rulesetting",
    "core.closureday",
)


def plan_children(months: list[date], ctx: Context) -> dict[date, set[int]]:
    """Children with a CIN or CP plan open at each month end (the engine's convention)."""
    key = ("plan_children", tuple(months))
    if key not in ctx.cache:
        first, last = span(months)
        periods = list(
            Plan.objects.filter(
                kind__in=[PlanKind.CIN, PlanKind.CP], started_on__isnull=False, started_on__lte=last
            )
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=first))
            .values_list("child_id", "started_on", "ended_on")
        )
        out = {}
        for month in months:
            day = ctx.on(month)
            out[month] = {c for c, s, e in periods if s <= day and (e is None or e > day)}
        ctx.cache[key] = out
    return ctx.cache[key]


def alerted(ctx: Context, day: date, codes: set[str], statuses: set[str]) -> set[int]:
    return {
        a.child_id
        for a in ctx.alerts(day)
        if a.rule in codes and a.status in statuses and a.child_id is not None
    }


class _PlanShare(RowMeasure):
    """Children with an open CIN or CP plan at month end; in the numerator unless they have
    an alert of ``codes`` with one of ``statuses`` that day."""

    kind = SHARE
    unit = PERCENT
    group = "Plans and visits"
    expensive = True
    higher_is_better = True
    sources = PLAN_SOURCES
    codes: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset({Status.OVERDUE})

    @property
    def engine_rules(self) -> tuple[str, ...]:
        return tuple(sorted(self.codes))

    def rows(self, months, ctx):
        cohorts = plan_children(months, ctx)
        for month in months:
            day = ctx.on(month)
            children = sorted(cohorts.get(month, ()))
            failing = alerted(ctx, day, set(self.codes), set(self.statuses))
            teams = ctx.teams([(c, day) for c in children])
            for child_id, team in zip(children, teams, strict=True):
                yield Row(month, child_id, team, flag=child_id not in failing)


@register
class VisitsInTime(_PlanShare):
    key = "visits_in_time"
    title = "Visits in time"
    codes = frozenset({"CP_VISIT_DUE", "CIN_VISIT_DUE"})
    description = (
        "Of the children with an open CP or CIN plan at month end, the share whose visit was "
        "not overdue that day (rules CP_VISIT_DUE, every 10 working days, and CIN_VISIT_DUE, "
        "every 20, or the council's own settings)."
    )
    definition = "Local standards (timescales.md CP_VISIT_DUE, CIN_VISIT_DUE); no national figure."


@register
class ReviewsInTime(_PlanShare):
    key = "reviews_in_time"
    title = "Reviews in time"
    codes = frozenset({"CP_REVIEW_DUE", "CIN_REVIEW_DUE"})
    description = (
        "Of the children with an open CP or CIN plan at month end, the share whose review was "
        "not overdue that day (CP: first review within 3 months, then every 6; CIN: the local "
        "interval)."
    )
    definition = "Working Together 2023 (CP_REVIEW_DUE); local (CIN_REVIEW_DUE)."


@register
class ParticipationRecorded(_PlanShare):
    key = "participation_recorded"
    title = "Child's participation recorded"
    codes = frozenset({"NO_CHILD_PARTICIPATION"})
    statuses = frozenset({Status.FLAG, Status.OVERDUE, Status.DUE_SOON})
    description = (
        "Of the children with an open CP or CIN plan at month end, the share not flagged "
        "NO_CHILD_PARTICIPATION: the latest review or conference records how the child took "
        "part, or why not (a plan with no review yet is not flagged)."
    )
    definition = "Local rule NO_CHILD_PARTICIPATION; SSDA903/SSD participation codes PN0-PN7."


@register
class ContingencyComplete(_PlanShare):
    key = "contingency_complete"
    title = "Plans with a complete contingency"
    codes = frozenset({"PLAN_NO_CONTINGENCY"})
    statuses = frozenset({Status.FLAG, Status.OVERDUE, Status.DUE_SOON})
    description = (
        "Of the children with an open CP or CIN plan at month end, the share whose current plan "
        "has a complete contingency (triggers, response, who acts and the family network "
        "considered; rule PLAN_NO_CONTINGENCY)."
    )
    definition = "Local rule PLAN_NO_CONTINGENCY (glossary: contingency plan)."


class DriftRule(RowMeasure):
    """Children with an open alert of one rule at month end (overdue, due soon or flagged),
    attributed to the alert's team (the case's team on the day, as the drift pages do)."""

    unit = COUNT
    group = "Drift"
    expensive = True
    higher_is_better = False
    by_allocation = True
    rule: str = ""

    @property
    def engine_rules(self) -> tuple[str, ...]:
        return (self.rule,)

    def rows(self, months, ctx):
        for month in months:
            day = ctx.on(month)
            for alert in ctx.alerts(day):
                if alert.rule == self.rule and alert.child_id is not None:
                    yield Row(month, alert.child_id, alert.team_id)


def _register_drift_rules() -> None:
    # Any record the engine reads (a whole app: "casework.*"), not insight's own or accounts'.
    every_source = (
        "core.closureday",
        "people.person",
        "frontdoor.*",
        "casework.*",
        "protection.*",
        "legal.*",
        "edgeofcare.*",
        "workforce.*",
        "quality.*",
        "timescales.rulesetting",
    )
    for code in sorted(EVALUATED - WORKER_RULES):
        rule = CATALOGUE[code]
        register(
            type(
                f"Drift_{code}",
                (DriftRule,),
                {
                    "key": f"drift_{code.lower()}",
                    "title": f"Drift: {rule.name}",
                    "rule": code,
                    "description": f"Children with an open {code} alert at month end. "
                    + rule.description,
                    "definition": f"Cairn drift rule {code} (timescales.md).",
                    "sources": every_source,
                },
            )
        )


_register_drift_rules()
