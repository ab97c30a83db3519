"""Legal and edge-of-care measures: pre-proceedings, care proceedings, edge-of-care outcomes."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from cairn.edgeofcare.models import Intervention, InterventionOutcome
from cairn.insight.measures.base import COUNT, PERCENT, WEEKS, register
from cairn.insight.measures.periods import month_start
from cairn.insight.measures.rows import MEAN, SHARE, Context, Row, RowMeasure, span
from cairn.legal.models import CareProceedingsChild, PreProceedingsChild


def _attributed(ctx: Context, items: list[tuple]) -> list[tuple]:
    teams = ctx.teams([(i[0], i[1]) for i in items])
    return [(*i, t) for i, t in zip(items, teams, strict=True)]


def _weeks(start: date, end: date) -> float:
    return (end - start).days / 7


@register
class PreProceedingsOpen(RowMeasure):
    key = "pre_proceedings"
    title = "Children in pre-proceedings at month end"
    unit = COUNT
    group = "Legal"
    description = (
        "Children in pre-proceedings (the public law outline) on the last day of the month: "
        "decided on or before it, no step decision (outcome) on or before it."
    )
    definition = "Public Law Outline; Annex A list 8 (pre-proceedings)."
    sources = ("legal.preproceedings", "legal.preproceedingschild")

    def rows(self, months, ctx):
        first, last = span(months)
        periods = list(
            ctx.only(PreProceedingsChild.objects)
            .filter(
                pre_proceedings__decided_on__lte=last,
                pre_proceedings__removed_at__isnull=True,
            )
            .filter(
                Q(pre_proceedings__step_decided_on__isnull=True)
                | Q(pre_proceedings__step_decided_on__gt=first)
            )
            .values_list(
                "child_id", "pre_proceedings__decided_on", "pre_proceedings__step_decided_on"
            )
        )
        items = []
        for month in months:
            day = ctx.on(month)
            for child_id, start, end in periods:
                if start <= day and (end is None or end > day):
                    items.append((child_id, day, month))
        for child_id, _, month, team in _attributed(ctx, items):
            yield Row(month, child_id, team)


@register
class PreProceedingsWeeks(RowMeasure):
    key = "pre_proceedings_weeks"
    title = "Pre-proceedings: average weeks to outcome"
    unit = WEEKS
    kind = MEAN
    group = "Legal"
    higher_is_better = False
    description = (
        "For pre-proceedings whose outcome was decided in the month, the average weeks from the "
        "letter before proceedings (or the decision, when no letter was sent) to the outcome; "
        "one item per child. The PLO aims for 16 weeks."
    )
    definition = "Public Law Outline (PLO_DURATION clock start, timescales.md)."
    sources = ("legal.preproceedings", "legal.preproceedingschild")

    def rows(self, months, ctx):
        first, last = span(months)
        items = [
            i
            for i in ctx.only(PreProceedingsChild.objects)
            .filter(
                pre_proceedings__step_decided_on__gte=first,
                pre_proceedings__step_decided_on__lte=last,
                pre_proceedings__removed_at__isnull=True,
            )
            .values_list(
                "child_id",
                "pre_proceedings__step_decided_on",
                "pre_proceedings__letter_sent_on",
                "pre_proceedings__decided_on",
            )
            if month_start(i[1]) in set(months)
        ]
        for child_id, ended, letter, decided, team in _attributed(ctx, items):
            start = letter if letter and letter <= ended else decided
            yield Row(month_start(ended), child_id, team, amount=_weeks(start, ended))


@register
class ProceedingsWeeks(RowMeasure):
    key = "proceedings_weeks"
    title = "Care proceedings: average weeks to conclusion"
    unit = WEEKS
    kind = MEAN
    group = "Legal"
    higher_is_better = False
    description = (
        "For care proceedings concluded in the month, the average weeks from issue to "
        "conclusion, one item per child. The statutory limit is 26 weeks (Children and "
        "Families Act 2014) plus any extensions."
    )
    definition = "Children Act 1989 s32(1)(a) as amended: 26 weeks (PROCEEDINGS_26W)."
    sources = ("legal.careproceedings", "legal.careproceedingschild")

    def rows(self, months, ctx):
        first, last = span(months)
        items = [
            i
            for i in ctx.only(CareProceedingsChild.objects)
            .filter(
                proceedings__concluded_on__gte=first,
                proceedings__concluded_on__lte=last,
                proceedings__removed_at__isnull=True,
            )
            .values_list("child_id", "proceedings__concluded_on", "proceedings__issued_on")
            if month_start(i[1]) in set(months)
        ]
        for child_id, ended, issued, team in _attributed(ctx, items):
            yield Row(month_start(ended), child_id, team, amount=_weeks(issued, ended))


def _interventions(months, ctx):
    first, last = span(months)
    return [
        (child_id, ended, outcome, team)
        for child_id, ended, outcome, team in ctx.only(Intervention.objects, "referral__child_id")
        .filter(ended_on__gte=first, ended_on__lte=last, referral__removed_at__isnull=True)
        .values_list("referral__child_id", "ended_on", "outcome", "referral__team_id")
        if month_start(ended) in set(months)
    ]


@register
class EdgeOfCareEnded(RowMeasure):
    key = "edge_of_care_ended"
    title = "Edge-of-care interventions ended"
    unit = COUNT
    group = "Edge of care"
    description = (
        "Children whose edge-of-care intervention ended in the month. Attributed to the team "
        "the edge-of-care referral was made to."
    )
    sources = ("edgeofcare.intervention", "edgeofcare.edgeofcarereferral")
    by_allocation = False

    def rows(self, months, ctx):
        for child_id, ended, _, team in _interventions(months, ctx):
            yield Row(month_start(ended), child_id, team)


@register
class EdgeOfCareAtHome(RowMeasure):
    key = "edge_of_care_at_home"
    title = "Edge of care: remained at home"
    unit = PERCENT
    kind = SHARE
    group = "Edge of care"
    higher_is_better = True
    description = (
        "Of the children whose edge-of-care intervention ended in the month, the share who "
        "remained at home (the recorded outcome)."
    )
    sources = ("edgeofcare.intervention", "edgeofcare.edgeofcarereferral")
    by_allocation = False

    def rows(self, months, ctx):
        for child_id, ended, outcome, team in _interventions(months, ctx):
            flag = outcome == InterventionOutcome.REMAINED_AT_HOME
            yield Row(month_start(ended), child_id, team, flag=flag)
