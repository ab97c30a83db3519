"""Front door and assessment measures: contacts, referrals, re-referrals, assessments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from cairn.casework.models import Assessment, AssessmentStatus
from cairn.casework.selectors.assessments import ASSESSMENT_WORKING_DAYS, assessment_clock_start
from cairn.frontdoor.models import ContactChild, Episode
from cairn.insight.measures.base import COUNT, PERCENT, NationalComparator, register
from cairn.insight.measures.periods import month_start
from cairn.insight.measures.rows import SHARE, Context, Row, RowMeasure, span

RE_REFERRAL_2025 = NationalComparator(
    Decimal("22.6"),
    "DfE Children in need 2025 (shared/domain/volumes.md)",
    "2024-25",
    "Re-referrals within 12 months as a share of referrals.",
)


@register
class Contacts(RowMeasure):
    key = "contacts"
    title = "Contacts"
    unit = COUNT
    group = "Front door"
    description = (
        "Children with at least one contact received in the month (a contact about two "
        "children counts for each). Attributed to the team that received the contact."
    )
    definition = "Not in the CIN census; Annex A list 1 lists contacts per child."
    sources = ("frontdoor.contact", "frontdoor.contactchild")
    by_allocation = False

    def rows(self, months: list[date], ctx: Context):
        first, last = span(months)
        wanted = set(months)
        qs = (
            ctx.only(ContactChild.objects)
            .filter(
                contact__received_at__date__gte=first,
                contact__received_at__date__lte=last,
                contact__removed_at__isnull=True,
            )
            .values_list("child_id", "contact__received_at__date", "contact__team_id")
        )
        for child_id, day, team_id in qs:
            if month_start(day) in wanted:
                yield Row(month_start(day), child_id, team_id)


def _referrals(months: list[date], ctx: Context):
    return ctx.shared("referrals", months, lambda: _referrals_now(months, ctx))


def _referrals_now(months: list[date], ctx: Context):
    first, last = span(months)
    wanted = set(months)
    qs = list(
        ctx.only(Episode.objects)
        .filter(referral_date__gte=first, referral_date__lte=last)
        .values_list("child_id", "referral_date", "is_re_referral")
    )
    qs = [r for r in qs if month_start(r[1]) in wanted]
    teams = ctx.teams([(c, d) for c, d, _ in qs])
    return [(c, d, flag, t) for (c, d, flag), t in zip(qs, teams, strict=True)]


@register
class Referrals(RowMeasure):
    key = "referrals"
    title = "Referrals"
    unit = COUNT
    group = "Front door"
    higher_is_better = None
    description = (
        "Children referred in the month (a referral starts a child-in-need episode). "
        "Attributed to the team the child was allocated to on the referral date."
    )
    definition = "DfE CIN census: referrals (CINreferralDate in the period)."
    sources = ("frontdoor.episode",)

    def rows(self, months, ctx):
        for child_id, day, _, team_id in _referrals(months, ctx):
            yield Row(month_start(day), child_id, team_id)


@register
class ReReferrals(RowMeasure):
    key = "re_referral_rate"
    title = "Re-referrals within 12 months"
    unit = PERCENT
    kind = SHARE
    share_rule = "any"
    group = "Front door"
    higher_is_better = False
    description = (
        "Of the children referred in the month, the share whose referral came within 12 months "
        "of a previous one (the episode's re-referral flag, fixed at referral)."
    )
    definition = "DfE CIN census: re-referral within 12 months of a previous referral."
    national = RE_REFERRAL_2025
    sources = ("frontdoor.episode",)

    def rows(self, months, ctx):
        for child_id, day, flag, team_id in _referrals(months, ctx):
            yield Row(month_start(day), child_id, team_id, flag=flag)


def _assessments(months: list[date], ctx: Context):
    """Assessments authorised (completed) in the months: (child, day, within 45 WD, team)."""
    return ctx.shared("assessments", months, lambda: _assessments_now(months, ctx))


def _assessments_now(months: list[date], ctx: Context):
    first, last = span(months)
    wanted = set(months)
    qs = [
        r
        for r in ctx.only(Assessment.objects)
        .filter(
            status=AssessmentStatus.AUTHORISED,
            authorised_on__gte=first,
            authorised_on__lte=last,
        )
        .values_list(
            "child_id",
            "authorised_on",
            "started_on",
            "episode_id",
            "episode__referral_date",
            "previous__episode_id",
            "previous_id",
        )
        if month_start(r[1]) in wanted
    ]
    teams = ctx.teams([(r[0], r[1]) for r in qs])
    out = []
    for (child_id, done, started, episode_id, referred, prev_episode, prev_id), team in zip(
        qs, teams, strict=True
    ):
        start = assessment_clock_start(
            episode=SimpleNamespace(pk=episode_id, referral_date=referred),
            previous=SimpleNamespace(episode_id=prev_episode) if prev_id else None,
            started_on=started,
        )
        in_time = done <= ctx.add_working_days(start, ASSESSMENT_WORKING_DAYS)
        out.append((child_id, done, in_time, team))
    return out


@register
class Assessments(RowMeasure):
    key = "assessments"
    title = "Assessments completed"
    unit = COUNT
    group = "Assessment"
    description = (
        "Children with a single assessment authorised (completed) in the month. Attributed to "
        "the team the child was allocated to on the day it was authorised."
    )
    definition = "DfE CIN census: assessments completed (AssessmentAuthorisationDate)."
    sources = ("casework.assessment", "frontdoor.episode")

    def rows(self, months, ctx):
        for child_id, day, _, team in _assessments(months, ctx):
            yield Row(month_start(day), child_id, team)


@register
class AssessmentsInTime(RowMeasure):
    key = "assessments_45wd"
    title = "Assessments completed within 45 working days"
    unit = PERCENT
    kind = SHARE
    group = "Assessment"
    higher_is_better = True
    description = (
        "Of the children with an assessment authorised in the month, the share whose "
        "assessment was authorised within 45 working days of the referral (an updated "
        "assessment in the same episode counts from its own start), on the council's working-day "
        "calendar. A child with two assessments that month counts as in time only if both were."
    )
    definition = "Working Together 2023; DfE CIN census assessment timeliness (ASSESSMENT_45WD)."
    sources = ("casework.assessment", "frontdoor.episode", "core.closureday")

    def rows(self, months, ctx):
        for child_id, day, in_time, team in _assessments(months, ctx):
            yield Row(month_start(day), child_id, team, flag=in_time)
