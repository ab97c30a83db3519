"""Child protection (issue 4): ICPC_15WD, CORE_GROUP_10WD, CP_REVIEW_DUE, CP_VISIT_DUE,
MIDPOINT_REVIEW_DUE and CHAIR_ALERT_RESPONSE_DUE."""

import datetime as dt

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from cairn.casework.models import (
    CONFERENCE_KINDS,
    Meeting,
    MeetingChild,
    MeetingKind,
    Plan,
    PlanKind,
    PlanStatus,
    Visit,
    VisitKind,
)
from cairn.casework.selectors.due.base import (
    DueCollector,
    long_date,
)
from cairn.core.dates import add_months
from cairn.protection.models import (
    ConferenceDetail,
    EscalationStage,
    MidpointReview,
    PracticeAlertStage,
    PracticeAlertStatus,
    S47Enquiry,
)

# Child protection (issue 4): statutory ICPC_15WD, CORE_GROUP_10WD, CP_REVIEW_DUE; local ones.
ICPC_WORKING_DAYS = 15
CORE_GROUP_WORKING_DAYS = 10
CP_FIRST_REVIEW_MONTHS, CP_REVIEW_MONTHS = 3, 6
CP_VISIT_WORKING_DAYS = 10  # CP_VISIT_DUE local default


def cp_next_review_due(*, plan_started: dt.date, last_review: dt.date | None) -> dt.date:
    """CP_REVIEW_DUE (Working Together): the first review conference within 3 months of the
    plan's start (the ICPC), later ones within 6 months of the last review."""
    if last_review is None:
        return add_months(plan_started, CP_FIRST_REVIEW_MONTHS)
    return add_months(last_review, CP_REVIEW_MONTHS)


def cp_midpoint_due(*, last_conference: dt.date, next_review: dt.date) -> dt.date:
    """MIDPOINT_REVIEW_DUE (local practice): halfway between the last conference and the next
    review due (calendar days, rounded down)."""
    return last_conference + dt.timedelta(days=(next_review - last_conference).days // 2)


def conference_dates(today: dt.date, *, kinds) -> Subquery:
    """The date-time of the child's latest conference of `kinds` held from the plan's start up
    to `today` (outer row: a CP plan)."""
    return Subquery(
        ConferenceDetail.objects.filter(
            child_id=OuterRef("child_id"),
            meeting__kind__in=kinds,
            meeting__held_at__date__gte=OuterRef("started_on"),
            meeting__held_at__date__lte=today,
        )
        .order_by("-meeting__held_at")
        .values("meeting__held_at")[:1]
    )


def cp_plans_with_dates(*, plans: QuerySet[Plan], today: dt.date) -> QuerySet[Plan]:
    """Open CP plans annotated with what their deadlines count from (one query): the last
    conference and last review conference, the last CP visit where the child was seen, the
    latest midpoint review and whether a core group has met since the plan started."""
    since_start = {
        "meeting__held_at__date__gte": OuterRef("started_on"),
        "meeting__held_at__date__lte": today,
    }
    core_group_for_plan = Meeting.objects.filter(
        plan_id=OuterRef("pk"),
        kind=MeetingKind.CORE_GROUP,
        held_at__date__gte=OuterRef("started_on"),
        held_at__date__lte=today,
    )
    core_group_for_child = MeetingChild.objects.filter(
        child_id=OuterRef("child_id"), meeting__kind=MeetingKind.CORE_GROUP, **since_start
    )
    last_cp_seen = (
        Visit.objects.filter(
            child_id=OuterRef("child_id"),
            kind=VisitKind.CP,
            child_seen=True,
            visited_on__gte=OuterRef("started_on"),
            visited_on__lte=today,
        )
        .order_by("-visited_on")
        .values("visited_on")[:1]
    )
    last_midpoint = (
        MidpointReview.objects.filter(plan_id=OuterRef("pk"), reviewed_on__lte=today)
        .order_by("-reviewed_on")
        .values("reviewed_on")[:1]
    )
    return plans.filter(
        kind=PlanKind.CP, status=PlanStatus.ACTIVE, started_on__isnull=False
    ).annotate(
        last_conference_at=conference_dates(today, kinds=CONFERENCE_KINDS),
        last_review_at=conference_dates(today, kinds=[MeetingKind.RCPC]),
        last_cp_seen=Subquery(last_cp_seen),
        last_midpoint=Subquery(last_midpoint),
        core_group_met=Exists(core_group_for_plan) | Exists(core_group_for_child),
    )


def s47_icpc_due(due: DueCollector, child_ids: list[int]) -> None:
    """ICPC_15WD (Working Together): a S47 enquiry started (its strategy discussion's date) with
    no ICPC held since and none deemed unnecessary: the ICPC is due by the start + 15 WD."""
    icpc_held = ConferenceDetail.objects.filter(
        Q(s47_id=OuterRef("pk"))
        | Q(child_id=OuterRef("child_id"), meeting__held_at__date__gte=OuterRef("started_on")),
        meeting__kind=MeetingKind.ICPC,
        meeting__held_at__date__lte=due.today,
    )
    rows = (
        S47Enquiry.objects.filter(
            child_id__in=child_ids, episode__closed_on__isnull=True, started_on__lte=due.today
        )
        .exclude(icpc_needed=False)
        .filter(~Exists(icpc_held))
        .order_by("started_on")
        .values_list("child_id", "started_on")
    )
    seen: set[int] = set()
    for child_id, started in rows:
        if child_id not in seen:
            seen.add(child_id)
            due.add(
                child_id,
                rule="ICPC_15WD",
                what="Initial child protection conference",
                due=due.calendar.add_working_days(started, ICPC_WORKING_DAYS),
                detail=f"S47 enquiry started {long_date(started)}",
            )


def cp_plans_due(due: DueCollector, child_ids: list[int]) -> None:
    """For each open CP plan: CORE_GROUP_10WD (no core group since the plan started: plan start
    + 10 WD), CP_REVIEW_DUE, CP_VISIT_DUE (the last CP visit where the child was seen, else the
    plan start, + 10 WD) and MIDPOINT_REVIEW_DUE (unless the chair has reviewed progress since
    the last conference). One query for all four."""
    plans = cp_plans_with_dates(
        plans=Plan.objects.filter(child_id__in=child_ids), today=due.today
    ).values_list(
        "child_id",
        "started_on",
        "last_conference_at",
        "last_review_at",
        "last_cp_seen",
        "last_midpoint",
        "core_group_met",
    )
    for child_id, started, conference_at, review_at, seen_on, midpoint, core_met in plans:
        if not core_met:
            due.add(
                child_id,
                rule="CORE_GROUP_10WD",
                what="First core group meeting",
                due=due.calendar.add_working_days(started, CORE_GROUP_WORKING_DAYS),
                detail=f"Child protection plan started {long_date(started)}",
            )
        reviewed = timezone.localdate(review_at) if review_at else None
        next_review = cp_next_review_due(plan_started=started, last_review=reviewed)
        due.add(
            child_id,
            rule="CP_REVIEW_DUE",
            what="Review child protection conference",
            due=next_review,
            detail=f"Last review {long_date(reviewed)}"
            if reviewed
            else f"First review; plan started {long_date(started)}",
        )
        due.add(
            child_id,
            rule="CP_VISIT_DUE",
            what="Child protection visit",
            due=due.calendar.add_working_days(seen_on or started, CP_VISIT_WORKING_DAYS),
            detail=f"Child last seen {long_date(seen_on)}"
            if seen_on
            else f"Not seen since the plan started {long_date(started)}",
        )
        conference = timezone.localdate(conference_at) if conference_at else started
        if midpoint is None or midpoint < conference:
            due.add(
                child_id,
                rule="MIDPOINT_REVIEW_DUE",
                what="Chair's midpoint review",
                due=cp_midpoint_due(last_conference=conference, next_review=next_review),
                detail=f"Last conference {long_date(conference)}",
            )


def practice_alerts_due(due: DueCollector, child_ids: list[int]) -> None:
    """CHAIR_ALERT_RESPONSE_DUE (local, 5 WD a stage): an open practice alert whose current
    stage has no response yet is due by that stage's response date."""
    rows = (
        PracticeAlertStage.objects.filter(
            alert__child_id__in=child_ids,
            alert__status=PracticeAlertStatus.OPEN,
            alert__removed_at__isnull=True,
            stage=models.F("alert__stage"),
            responded_on__isnull=True,
        )
        .order_by("response_due_on")
        .values_list(
            "alert__child_id",
            "response_due_on",
            "stage",
            "recipient__first_name",
            "recipient__last_name",
        )
    )
    seen: set[int] = set()
    for child_id, due_on, stage, first_name, last_name in rows:
        if child_id not in seen:
            seen.add(child_id)
            due.add(
                child_id,
                rule="CHAIR_ALERT_RESPONSE_DUE",
                what="Response to the chair's practice alert",
                due=due_on,
                detail=f"With {first_name} {last_name} ({EscalationStage(stage).label.lower()})",
            )
