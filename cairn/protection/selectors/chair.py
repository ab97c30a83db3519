"""Reads for the CP chair's oversight between conferences (issue 4, item 8): the chair's list,
practice alerts with their stage history, their recipients, and the child page's section.

Every list is set-based: a fixed number of queries whatever the number of children or alerts.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.roles import Role
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
from cairn.people.models import Person
from cairn.people.selectors import child_list_visible_to
from cairn.protection.models import (
    ConferenceDetail,
    EscalationStage,
    MidpointReview,
    PracticeAlert,
    PracticeAlertStage,
    PracticeAlertStatus,
)
from cairn.timescales.engine.plans import cp_midpoint_due, cp_next_review_due
from cairn.workforce.models import Allocation


def cp_plan_get_open(*, child: Person) -> Plan | None:
    """The child's active child protection plan, if any."""
    return Plan.objects.filter(
        child=child, kind=PlanKind.CP, status=PlanStatus.ACTIVE, started_on__isnull=False
    ).first()


def midpoint_review_get(*, pk: int, child: Person) -> MidpointReview | None:
    return MidpointReview.objects.filter(pk=pk, child=child).first()


# ---------------------------------------------------------------------------------------------
# Recipients: team manager -> service manager -> head of service (glossary: practice alert)


def _active(role: str) -> QuerySet[User]:
    return User.objects.filter(role=role, is_active=True).order_by("last_name", "first_name", "pk")


def alert_recipient_default(*, child: Person, stage: int) -> User | None:
    """Who an alert's stage goes to by default: stage 1 a team manager of the child's allocated
    team; stage 2 a service manager of that team's service area (its parent); stage 3 the head
    of service (a senior leader; docs/permissions.md)."""
    if stage == EscalationStage.HEAD_OF_SERVICE:
        return _active(Role.SENIOR_LEADER).first()
    allocation = (
        Allocation.objects.filter(child=child, ended_on__isnull=True).select_related("team").first()
    )
    if allocation is None:
        return None
    if stage == EscalationStage.TEAM_MANAGER:
        return _active(Role.TEAM_MANAGER).filter(team_id=allocation.team_id).first()
    if allocation.team.parent_id is None:
        return None
    return _active(Role.SERVICE_MANAGER).filter(team_id=allocation.team.parent_id).first()


def team_manager_choices() -> QuerySet[User]:
    """Team managers a chair may address the first stage to."""
    return _active(Role.TEAM_MANAGER).select_related("team")


# ---------------------------------------------------------------------------------------------
# Practice alerts


def _with_history(alerts: QuerySet[PracticeAlert]) -> QuerySet[PracticeAlert]:
    stages = PracticeAlertStage.objects.select_related("recipient").order_by("stage")
    return alerts.select_related("child", "raised_by", "plan", "midpoint_review").prefetch_related(
        Prefetch("stages", queryset=stages)
    )


def practice_alert_get(*, pk: int) -> PracticeAlert | None:
    """One alert with its stages (who, by when, their response)."""
    return _with_history(PracticeAlert.objects.filter(pk=pk)).first()


def practice_alert_list_for_recipient(*, user: User) -> list[PracticeAlert]:
    """Alerts with a stage addressed to the user: those waiting for their response first."""
    alerts = _with_history(
        PracticeAlert.objects.filter(
            pk__in=PracticeAlertStage.objects.filter(recipient=user).values("alert_id")
        ).order_by("status", "raised_on", "pk")
    )
    return list(alerts)


def practice_alert_log(*, status: str | None = None) -> list[PracticeAlert]:
    """The chairs' alert log: every alert with its history, the newest first."""
    alerts = PracticeAlert.objects.order_by("-raised_on", "-pk")
    if status:
        alerts = alerts.filter(status=status)
    return list(_with_history(alerts))


def practice_alert_list_to_escalate(*, as_of: dt.date) -> list[PracticeAlert]:
    """Open alerts whose current stage had no response by its due date (as_of is after it)."""
    overdue = PracticeAlertStage.objects.filter(
        alert_id=OuterRef("pk"),
        stage=OuterRef("stage"),
        responded_on__isnull=True,
        response_due_on__lt=as_of,
    )
    alerts = PracticeAlert.objects.filter(Exists(overdue), status=PracticeAlertStatus.OPEN)
    return list(_with_history(alerts.order_by("pk")))


def alert_current_stage(alert: PracticeAlert) -> PracticeAlertStage | None:
    """The current stage row, from the prefetched stages."""
    return next((s for s in alert.stages.all() if s.stage == alert.stage), None)


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


# ---------------------------------------------------------------------------------------------
# The chair's list


@dataclass(frozen=True)
class ChairListEntry:
    child: Person
    plan_started: dt.date
    last_conference: dt.date
    next_review: dt.date
    midpoint_due: dt.date
    midpoint_done: dt.date | None  # the midpoint review since the last conference
    open_alerts: int
    chair_id: int | None


def chair_list(*, user: User, today: dt.date, everyone: bool = False) -> list[ChairListEntry]:
    """Children on a CP plan whose latest conference (since the plan started) the user chaired;
    with `everyone`, every child on a CP plan the user may see. One query, soonest midpoint
    review first."""
    latest_chair = (
        ConferenceDetail.objects.filter(
            child_id=OuterRef("child_id"),
            meeting__kind__in=CONFERENCE_KINDS,
            meeting__held_at__date__gte=OuterRef("started_on"),
            meeting__held_at__date__lte=today,
        )
        .order_by("-meeting__held_at")
        .values("meeting__chair_id")[:1]
    )
    open_alerts = (
        PracticeAlert.objects.filter(child_id=OuterRef("child_id"), status=PracticeAlertStatus.OPEN)
        .order_by()
        .values("child_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    plans = (
        cp_plans_with_dates(
            plans=Plan.objects.filter(child__in=child_list_visible_to(user=user)), today=today
        )
        .annotate(
            chair_id=Subquery(latest_chair),
            open_alerts=Coalesce(Subquery(open_alerts, output_field=IntegerField()), 0),
        )
        .select_related("child")
    )
    if not everyone:
        plans = plans.filter(chair_id=user.pk)
    entries = []
    for plan in plans:
        conference = (
            timezone.localdate(plan.last_conference_at)
            if plan.last_conference_at
            else plan.started_on
        )
        reviewed = timezone.localdate(plan.last_review_at) if plan.last_review_at else None
        next_review = cp_next_review_due(plan_started=plan.started_on, last_review=reviewed)
        done = (
            plan.last_midpoint if plan.last_midpoint and plan.last_midpoint >= conference else None
        )
        entries.append(
            ChairListEntry(
                child=plan.child,
                plan_started=plan.started_on,
                last_conference=conference,
                next_review=next_review,
                midpoint_due=cp_midpoint_due(last_conference=conference, next_review=next_review),
                midpoint_done=done,
                open_alerts=plan.open_alerts,
                chair_id=plan.chair_id,
            )
        )
    return sorted(entries, key=lambda e: (e.midpoint_done is not None, e.midpoint_due, e.child.pk))


# ---------------------------------------------------------------------------------------------
# The child's page


@dataclass
class ChildChairSection:
    open_alerts: list[PracticeAlert]
    past_alerts: list[PracticeAlert]
    latest_midpoint: MidpointReview | None


def child_chair_section_get(*, child: Person) -> ChildChairSection | None:
    """The child's practice alerts (open and past, with their stages) and the latest midpoint
    review: three queries. None when there is neither."""
    alerts = list(_with_history(PracticeAlert.objects.filter(child=child).order_by("-raised_on")))
    latest = (
        MidpointReview.objects.filter(child=child)
        .select_related("chair")
        .order_by("-reviewed_on", "-pk")
        .first()
    )
    if not alerts and latest is None:
        return None
    return ChildChairSection(
        open_alerts=[a for a in alerts if a.status == PracticeAlertStatus.OPEN],
        past_alerts=[a for a in alerts if a.status != PracticeAlertStatus.OPEN],
        latest_midpoint=latest,
    )
