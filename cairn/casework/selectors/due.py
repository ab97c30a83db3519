"""What is due for children: the deadlines of shared/domain/timescales.md, worked out for a set
of children at once (one query per rule, whatever the number of children).

Counting conventions (timescales.md): "within N working days of A" is A plus N working days (A
is day 0); months are calendar months; on the as-of date D a deadline is `overdue` when D is
after it and `due_soon` when it is D itself or at most 5 working days after D.
"""

import calendar as month_calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

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
from cairn.core.working_days import WorkingDayCalendar
from cairn.frontdoor.models import Episode

DUE_SOON_WORKING_DAYS = 5
CIN_VISIT_WORKING_DAYS = 20  # CIN_VISIT_DUE local default
CIN_REVIEW_MONTHS = 3  # CIN_REVIEW_DUE local default
ASSESSMENT_UPDATE_WORKING_DAYS = 10  # ASSESSMENT_UPDATE_DUE local default


class DueStatus(models.TextChoices):
    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", "Due soon"
    DUE = "due", "Due"
    FLAG = "flag", "Needs attention"


@dataclass(frozen=True)
class DueItem:
    rule: str
    what: str
    due: dt.date | None
    status: str
    detail: str = ""

    @property
    def status_label(self) -> str:
        return DueStatus(self.status).label


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months: 31 January plus one month is the last day of February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def due_status(*, due: dt.date, today: dt.date, calendar: WorkingDayCalendar) -> str:
    if today > due:
        return DueStatus.OVERDUE
    if due <= calendar.add_working_days(today, DUE_SOON_WORKING_DAYS):
        return DueStatus.DUE_SOON
    return DueStatus.DUE


def _format(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class _Due:
    """Collects the items for each child, labelling each deadline as of `today`."""

    def __init__(self, today: dt.date, calendar: WorkingDayCalendar):
        self.today = today
        self.calendar = calendar
        self.items: dict[int, list[DueItem]] = defaultdict(list)

    def add(self, child_id: int, *, rule: str, what: str, due: dt.date, detail: str) -> None:
        status = due_status(due=due, today=self.today, calendar=self.calendar)
        self.items[child_id].append(
            DueItem(rule=rule, what=what, due=due, status=status, detail=detail)
        )


def _open_children(child_ids: list[int]) -> set[int]:
    return set(
        Episode.objects.filter(child_id__in=child_ids, closed_on__isnull=True).values_list(
            "child_id", flat=True
        )
    )


def _assessments_due(due: _Due, child_ids: list[int]) -> None:
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
            detail=f"Assessment started {_format(started)}",
        )


def _cin_plans_due(due: _Due, child_ids: list[int]) -> None:
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
            visit_from, visit_detail = seen_on, f"Child last seen {_format(seen_on)}"
        else:
            visit_from, visit_detail = (
                started,
                f"Not seen since the plan started {_format(started)}",
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
            review_from, review_detail = reviewed, f"Last review {_format(reviewed)}"
        else:
            review_from, review_detail = started, f"First review; plan started {_format(started)}"
        due.add(
            child_id,
            rule="CIN_REVIEW_DUE",
            what="Child in need review",
            due=add_months(review_from, CIN_REVIEW_MONTHS),
            detail=review_detail,
        )


def _assessment_updates_due(due: _Due, child_ids: list[int]) -> None:
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
            f"the first on {_format(occurred)}",
        )


def due_for_children(
    *, child_ids: Iterable[int], today: dt.date, calendar: WorkingDayCalendar
) -> dict[int, list[DueItem]]:
    """What is due for each child open to children's social care, soonest first.

    Closed cases raise nothing (timescales.md). Queries: one per rule plus one for the open
    episodes, whatever the number of children.
    """
    ids = list(child_ids)
    open_ids = list(_open_children(ids)) if ids else []
    due = _Due(today, calendar)
    if open_ids:
        _assessments_due(due, open_ids)
        _cin_plans_due(due, open_ids)
        _assessment_updates_due(due, open_ids)
    return {
        child_id: sorted(items, key=lambda item: item.due or dt.date.max)
        for child_id, items in due.items.items()
    }
