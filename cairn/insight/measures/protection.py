"""Child protection and children-in-need measures: S47 enquiries, ICPCs, children in need
and on CP plans at month end (with rates per 10,000 children), repeat and long plans."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Q

from cairn.casework.models import MeetingKind, Plan, PlanKind
from cairn.core.dates import add_months
from cairn.frontdoor.models import Episode
from cairn.insight.measures.base import COUNT, PER_10K, PERCENT, NationalComparator, register
from cairn.insight.measures.periods import month_start
from cairn.insight.measures.rows import RATE, SHARE, Context, Row, RowMeasure, span
from cairn.protection.models import ConferenceDetail, S47Enquiry
from cairn.protection.selectors.records import icpc_target_date

ICPC_15WD_2025 = NationalComparator(
    Decimal("81.4"),
    "DfE Children in need 2025 (shared/domain/volumes.md)",
    "2024-25",
    "ICPCs held within 15 working days of the strategy discussion (0-10 WD 8.7% + 11-15 WD 72.7%).",
)
REPEAT_PLAN_2015 = NationalComparator(
    Decimal("16.6"),
    "DfE Characteristics of children in need 2015 (shared/domain/volumes.md)",
    "2014-15",
    "Second or subsequent CP plans as a share of plans started; recent years are reported in "
    "the low 20s (unverified).",
)


def _attributed(ctx: Context, items: list[tuple]) -> list[tuple]:
    """Items (child_id, day, ...) with the team responsible on the day appended."""
    teams = ctx.teams([(i[0], i[1]) for i in items])
    return [(*i, t) for i, t in zip(items, teams, strict=True)]


@register
class S47Enquiries(RowMeasure):
    key = "s47_enquiries"
    title = "Section 47 enquiries started"
    unit = COUNT
    group = "Child protection"
    description = (
        "Children with a section 47 enquiry started in the month (the strategy discussion's "
        "date). Attributed to the team the child was allocated to that day."
    )
    definition = "DfE CIN census: S47 enquiries (S47ActualStartDate in the period)."
    sources = ("protection.s47enquiry",)

    def rows(self, months, ctx):
        first, last = span(months)
        items = ctx.only(S47Enquiry.objects).filter(started_on__gte=first, started_on__lte=last)
        items = [
            i
            for i in items.values_list("child_id", "started_on")
            if month_start(i[1]) in set(months)
        ]
        for child_id, day, team in _attributed(ctx, items):
            yield Row(month_start(day), child_id, team)


def _icpcs(months: list[date], ctx: Context):
    first, last = span(months)
    qs = (
        ctx.only(ConferenceDetail.objects)
        .filter(
            meeting__kind=MeetingKind.ICPC,
            meeting__held_at__date__gte=first,
            meeting__held_at__date__lte=last,
            meeting__removed_at__isnull=True,
        )
        .values_list("child_id", "meeting__held_at__date", "s47__started_on", "transfer_in")
    )
    items = [i for i in qs if month_start(i[1]) in set(months)]
    return _attributed(ctx, items)


@register
class Icpcs(RowMeasure):
    key = "icpcs"
    title = "Initial child protection conferences"
    unit = COUNT
    group = "Child protection"
    description = (
        "Children with an initial child protection conference held in the month. Attributed "
        "to the team the child was allocated to on the day."
    )
    definition = "DfE CIN census: initial child protection conferences (DateOfInitialCPC)."
    sources = ("protection.conferencedetail", "casework.meeting")

    def rows(self, months, ctx):
        for child_id, day, _, _, team in _icpcs(months, ctx):
            yield Row(month_start(day), child_id, team)


@register
class IcpcsInTime(RowMeasure):
    key = "icpcs_15wd"
    title = "ICPCs within 15 working days"
    unit = PERCENT
    kind = SHARE
    group = "Child protection"
    higher_is_better = True
    description = (
        "Of the children with an initial conference in the month that followed a section 47 "
        "enquiry, the share held within 15 working days of the strategy discussion (the "
        "enquiry's start). Transfers-in (no enquiry) are left out."
    )
    definition = "Working Together 2023 (ICPC_15WD); DfE CIN census ICPC timeliness."
    national = ICPC_15WD_2025
    sources = ("protection.conferencedetail", "casework.meeting", "protection.s47enquiry")

    def rows(self, months, ctx):
        for child_id, day, s47_start, transfer_in, team in _icpcs(months, ctx):
            if s47_start is None or transfer_in:
                continue
            due = icpc_target_date(started_on=s47_start, calendar=ctx.calendar)
            yield Row(month_start(day), child_id, team, flag=day <= due)


def _open_on(start: date, end: date | None, day: date) -> bool:
    """Open on a day: started on or before it and not ended on or before it (the drift
    engine's convention, so the figures agree with the alerts)."""
    return start <= day and (end is None or end > day)


def _stock(months, ctx, periods: list[tuple[int, date, date | None]], test=None):
    """Children with a period open at each month end (ctx.on(month)), attributed to the team
    responsible that day. ``test(start, day)`` narrows further (e.g. open two years)."""
    items = []
    for month in months:
        day = ctx.on(month)
        seen = set()
        for child_id, start, end in periods:
            if (
                child_id not in seen
                and _open_on(start, end, day)
                and (test is None or test(start, day))
            ):
                seen.add(child_id)
                items.append((child_id, day, month))
    return [
        (m, c, t)
        for (c, _, m), t in zip(items, ctx.teams([(c, d) for c, d, _ in items]), strict=True)
    ]


def _episodes(months, ctx):
    first, last = span(months)
    return list(
        ctx.only(Episode.objects)
        .filter(referral_date__lte=min(last, ctx.as_of))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=first))
        .values_list("child_id", "referral_date", "closed_on")
    )


def _cp_plans(months, ctx):
    first, last = span(months)
    return list(
        ctx.only(Plan.objects)
        .filter(kind=PlanKind.CP, started_on__isnull=False, started_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=first))
        .values_list("child_id", "started_on", "ended_on")
    )


class _CinOpen(RowMeasure):
    group = "Children in need"
    sources = ("frontdoor.episode",)

    def rows(self, months, ctx):
        for month, child_id, team in ctx.shared(
            "cin_stock", months, lambda: _stock(months, ctx, _episodes(months, ctx))
        ):
            yield Row(month, child_id, team)


@register
class ChildrenInNeed(_CinOpen):
    key = "cin_open"
    title = "Children in need at month end"
    unit = COUNT
    description = (
        "Children with a child-in-need episode open on the last day of the month (referred on "
        "or before it, not closed on or before it; today for the current month), including "
        "those on CP plans. Attributed to the team allocated that day."
    )
    definition = "DfE CIN census: children in need at the reference date (open episodes)."


@register
class ChildrenInNeedRate(_CinOpen):
    key = "cin_rate"
    title = "Children in need per 10,000 children"
    unit = PER_10K
    kind = RATE
    description = (
        "Children in need at month end per 10,000 children living in the council area "
        "(CAIRN_CHILD_POPULATION). Given for the whole council only; a team's or service's "
        "figure is its count."
    )
    definition = "DfE CIN census: rate per 10,000 children aged under 18."


class _CpOpen(RowMeasure):
    group = "Child protection"
    sources = ("casework.plan",)

    def rows(self, months, ctx):
        for month, child_id, team in ctx.shared(
            "cp_stock", months, lambda: _stock(months, ctx, _cp_plans(months, ctx))
        ):
            yield Row(month, child_id, team)


@register
class ChildProtectionPlans(_CpOpen):
    key = "cp_open"
    title = "Children on child protection plans at month end"
    unit = COUNT
    description = (
        "Children with a child protection plan open on the last day of the month (today for "
        "the current month). Attributed to the team allocated that day."
    )
    definition = "DfE CIN census: children subject to a CP plan at the reference date."


@register
class ChildProtectionRate(_CpOpen):
    key = "cp_rate"
    title = "Children on CP plans per 10,000 children"
    unit = PER_10K
    kind = RATE
    description = (
        "Children on child protection plans at month end per 10,000 children in the council "
        "area (CAIRN_CHILD_POPULATION). Whole council only."
    )
    definition = "DfE CIN census: CP plan rate per 10,000 children aged under 18."


@register
class CpPlansTwoYears(RowMeasure):
    key = "cp_two_years"
    title = "CP plans open two years or more"
    unit = COUNT
    group = "Child protection"
    higher_is_better = False
    description = (
        "Children whose child protection plan, open at month end, started two years or more "
        "before that day."
    )
    definition = "Annex A list 7 / DfE CIN census plan duration (two years or more)."
    sources = ("casework.plan",)

    def rows(self, months, ctx):
        periods = _cp_plans(months, ctx)
        test = lambda start, day: add_months(start, 24) <= day  # noqa: E731
        for month, child_id, team in _stock(months, ctx, periods, test):
            yield Row(month, child_id, team)


@register
class RepeatCpPlans(RowMeasure):
    key = "cp_repeat"
    title = "Repeat child protection plans"
    unit = PERCENT
    kind = SHARE
    share_rule = "any"
    group = "Child protection"
    higher_is_better = False
    description = (
        "Of the children whose CP plan started in the month, the share for whom it is a second "
        "or subsequent plan (an earlier CP plan started before it, at any time)."
    )
    definition = "DfE CIN census: second or subsequent CP plan (ever)."
    national = REPEAT_PLAN_2015
    sources = ("casework.plan",)

    def rows(self, months, ctx):
        first, last = span(months)
        started = [
            i
            for i in ctx.only(Plan.objects)
            .filter(kind=PlanKind.CP, started_on__gte=first, started_on__lte=last)
            .values_list("child_id", "started_on")
            if month_start(i[1]) in set(months)
        ]
        earliest: dict[int, date] = defaultdict(lambda: date.max)
        for child_id, day in (
            ctx.only(Plan.objects)
            .filter(
                kind=PlanKind.CP,
                started_on__isnull=False,
                child_id__in=Plan.objects.filter(
                    kind=PlanKind.CP, started_on__gte=first, started_on__lte=last
                ).values("child_id"),
            )
            .values_list("child_id", "started_on")
        ):
            earliest[child_id] = min(earliest[child_id], day)
        for child_id, day, team in _attributed(ctx, started):
            yield Row(month_start(day), child_id, team, flag=earliest[child_id] < day)
