"""Assessments and CIN plans: ASSESSMENT_45WD, CIN_VISIT_DUE, CIN_REVIEW_DUE and
ASSESSMENT_UPDATE_DUE."""

import datetime as dt
from collections import defaultdict

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from cairn.casework.models import (
    Assessment,
    AssessmentStatus,
    Meeting,
    MeetingKind,
    Plan,
    PlanKind,
    PlanStatus,
    SignificantEvent,
    Visit,
)
from cairn.casework.selectors.due.base import DueCollector, long_date
from cairn.core.dates import add_months

CIN_VISIT_WORKING_DAYS = 20  # CIN_VISIT_DUE local default
CIN_REVIEW_MONTHS = 3  # CIN_REVIEW_DUE local default
ASSESSMENT_UPDATE_WORKING_DAYS = 10  # ASSESSMENT_UPDATE_DUE local default


def assessments_due(due: DueCollector, child_ids: list[int]) -> None:
    """ASSESSMENT_45WD: an open assessment is due by its target date (referral + 45 WD, or a
    shorter target a manager set)."""
    rows = (
        Assessment.objects.filter(child_id__in=child_ids, episode__closed_on__isnull=True)
        .exclude(status=AssessmentStatus.AUTHORISED)
        .order_by("target_date")
        .values_list("child_id", "target_date", "started_on")
    )
    seen: set[int] = set()
    for child_id, target, started in rows:
        if child_id in seen:
            continue
        seen.add(child_id)
        due.add(
            child_id,
            rule="ASSESSMENT_45WD",
            what="Assessment to be authorised",
            due=target,
            detail=f"Assessment started {long_date(started)}",
        )


def cin_plans_due(due: DueCollector, child_ids: list[int]) -> None:
    """CIN_VISIT_DUE and CIN_REVIEW_DUE for open CIN plans of children with no open CP plan.

    Visit: the last visit where the child was seen (on or after the plan start), else the plan
    start, + 20 WD. Review: the plan start + 3 months, then the last review + 3 months.
    """
    last_seen = (
        Visit.objects.filter(
            child_id=OuterRef("child_id"),
            child_seen=True,
            visited_on__gte=OuterRef("started_on"),
            visited_on__lte=due.today,
        )
        .order_by("-visited_on")
        .values("visited_on")[:1]
    )
    last_review = (
        Meeting.objects.filter(
            plan_id=OuterRef("pk"), kind=MeetingKind.CIN_REVIEW, held_at__lte=timezone.now()
        )
        .order_by("-held_at")
        .values("held_at")[:1]
    )
    open_cp = Plan.objects.filter(
        child_id=OuterRef("child_id"), kind=PlanKind.CP, status=PlanStatus.ACTIVE
    )
    plans = (
        Plan.objects.filter(
            child_id__in=child_ids,
            kind=PlanKind.CIN,
            status=PlanStatus.ACTIVE,
            started_on__isnull=False,
        )
        .annotate(last_seen=Subquery(last_seen), last_review=Subquery(last_review))
        .filter(~Exists(open_cp))
        .values_list("child_id", "started_on", "last_seen", "last_review")
    )
    for child_id, started, seen_on, reviewed_at in plans:
        if seen_on:
            visit_from, visit_detail = seen_on, f"Child last seen {long_date(seen_on)}"
        else:
            visit_from, visit_detail = (
                started,
                f"Not seen since the plan started {long_date(started)}",
            )
        due.add(
            child_id,
            rule="CIN_VISIT_DUE",
            what="Child in need visit",
            due=due.calendar.add_working_days(visit_from, CIN_VISIT_WORKING_DAYS),
            detail=visit_detail,
        )
        if reviewed_at:
            reviewed = timezone.localdate(reviewed_at)
            review_from, review_detail = reviewed, f"Last review {long_date(reviewed)}"
        else:
            review_from, review_detail = started, f"First review; plan started {long_date(started)}"
        due.add(
            child_id,
            rule="CIN_REVIEW_DUE",
            what="Child in need review",
            due=add_months(review_from, CIN_REVIEW_MONTHS),
            detail=review_detail,
        )


def assessment_updates_due(due: DueCollector, child_ids: list[int]) -> None:
    """ASSESSMENT_UPDATE_DUE: a significant event after the latest authorised assessment, with
    no assessment started since, calls for an updated assessment within 10 WD of the event."""
    latest_authorised = (
        Assessment.objects.filter(child_id=OuterRef("child_id"), status=AssessmentStatus.AUTHORISED)
        .order_by("-authorised_on")
        .values("authorised_on")[:1]
    )
    started_since = Assessment.objects.filter(
        child_id=OuterRef("child_id"), started_on__gte=OuterRef("occurred_on")
    )
    events = (
        SignificantEvent.objects.filter(child_id__in=child_ids, occurred_on__lte=due.today)
        .annotate(latest_authorised=Subquery(latest_authorised))
        .filter(Q(occurred_on__gt=models.F("latest_authorised")), ~Exists(started_since))
        .order_by("occurred_on", "id")
        .values_list("child_id", "occurred_on", "type")
    )
    counted: dict[int, int] = defaultdict(int)
    first: dict[int, dt.date] = {}
    for child_id, occurred, _type in events:
        counted[child_id] += 1
        first.setdefault(child_id, occurred)
    for child_id, occurred in first.items():
        events_text = (
            "1 significant event"
            if counted[child_id] == 1
            else (f"{counted[child_id]} significant events")
        )
        due.add(
            child_id,
            rule="ASSESSMENT_UPDATE_DUE",
            what="Updated assessment to start",
            due=due.calendar.add_working_days(occurred, ASSESSMENT_UPDATE_WORKING_DAYS),
            detail=f"{events_text} since the last authorised assessment, "
            f"the first on {long_date(occurred)}",
        )


# ---------------------------------------------------------------------------------------------
# Child protection (issue 4): the S47, CP plan and chair's oversight deadlines
