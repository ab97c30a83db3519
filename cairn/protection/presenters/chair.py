"""The chair's oversight shaped for pages: the chair's list, alerts with their stage history and
the child page's section. Dates as "3 March 2026"."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from cairn.casework.presenters.child import Tag, status_tag
from cairn.core.working_days import WorkingDayCalendar
from cairn.people.presenters import format_date
from cairn.protection import chair_rules  # noqa: F401  (registers the permissions)
from cairn.protection.models import PracticeAlert, PracticeAlertStatus
from cairn.protection.selectors.chair import (
    ChairListEntry,
    ChildChairSection,
    child_chair_section_get,
    cp_plan_get_open,
)
from cairn.timescales.catalogue import CATALOGUE, DUE_SOON_WINDOW
from cairn.timescales.engine.base import deadline_status

STATUS_TAG = {
    PracticeAlertStatus.OPEN: "govuk-tag--red",
    PracticeAlertStatus.RESOLVED: "govuk-tag--green",
}


def _due_tag(due: dt.date, today: dt.date, calendar: WorkingDayCalendar, window: int) -> Tag:
    """The midpoint review's status as the drift engine labels MIDPOINT_REVIEW_DUE."""
    return status_tag(deadline_status(due=due, as_of=today, calendar=calendar, window=window))


@dataclass(frozen=True)
class ChairRow:
    name: str
    url: str
    la_child_id: str
    plan_started: str
    last_conference: str
    next_review: str
    midpoint: str
    midpoint_tag: Tag | None
    open_alerts: int
    review_url: str


def chair_rows(
    entries: list[ChairListEntry],
    *,
    today: dt.date,
    calendar: WorkingDayCalendar,
    window: int | None = None,
) -> list[ChairRow]:
    """`window`: the due-soon window in working days (the catalogue's default when None, so the
    list costs no extra query)."""
    if window is None:
        window = CATALOGUE[DUE_SOON_WINDOW].default
    rows = []
    for entry in entries:
        done = entry.midpoint_done
        rows.append(
            ChairRow(
                name=entry.child.full_name,
                url=reverse("casework:child_detail", args=[entry.child.pk]),
                la_child_id=entry.child.la_child_id or "",
                plan_started=format_date(entry.plan_started),
                last_conference=format_date(entry.last_conference),
                next_review=format_date(entry.next_review),
                midpoint=f"Done {format_date(done)}" if done else format_date(entry.midpoint_due),
                midpoint_tag=None
                if done
                else _due_tag(entry.midpoint_due, today, calendar, window),
                open_alerts=entry.open_alerts,
                review_url=reverse("protection:midpoint_review_create", args=[entry.child.pk]),
            )
        )
    return rows


@dataclass(frozen=True)
class StageRow:
    stage: str
    recipient: str
    started: str
    response_due: str
    responded: str
    response: str
    agreed_actions: str
    escalated: str


@dataclass(frozen=True)
class AlertView:
    pk: int
    url: str
    child_name: str
    child_url: str
    concern: str
    concern_detail: str
    raised_on: str
    raised_by: str
    stage: str
    status: Tag
    resolution: str
    resolved_on: str
    stages: list[StageRow]
    waiting_for: str  # who the alert is with now, and by when
    is_open: bool


def alert_view(alert: PracticeAlert) -> AlertView:
    stages = [
        StageRow(
            stage=s.get_stage_display(),
            recipient=s.recipient.get_full_name(),
            started=format_date(s.started_on),
            response_due=format_date(s.response_due_on),
            responded=format_date(s.responded_on) if s.responded_on else "No response yet",
            response=s.response,
            agreed_actions=s.agreed_actions,
            escalated=format_date(s.escalated_on) if s.escalated_on else "",
        )
        for s in alert.stages.all()
    ]
    current = next((s for s in alert.stages.all() if s.stage == alert.stage), None)
    waiting_for = ""
    if alert.status == PracticeAlertStatus.OPEN and current is not None:
        waiting_for = (
            f"Response from {current.recipient.get_full_name()} due by "
            f"{format_date(current.response_due_on)}"
            if current.responded_on is None
            else "Response received: waiting for the chair"
        )
    return AlertView(
        pk=alert.pk,
        url=reverse("protection:practice_alert_detail", args=[alert.pk]),
        child_name=alert.child.full_name,
        child_url=reverse("casework:child_detail", args=[alert.child_id]),
        concern=alert.get_concern_display(),
        concern_detail=alert.concern_detail,
        raised_on=format_date(alert.raised_on),
        raised_by=alert.raised_by.get_full_name(),
        stage=alert.get_stage_display(),
        status=Tag(alert.get_status_display(), STATUS_TAG[alert.status]),
        resolution=alert.resolution,
        resolved_on=format_date(alert.resolved_on) if alert.resolved_on else "",
        stages=stages,
        waiting_for=waiting_for,
        is_open=alert.status == PracticeAlertStatus.OPEN,
    )


@dataclass(frozen=True)
class ChairSectionView:
    open_alerts: list[AlertView]
    past_alerts: list[AlertView]
    midpoint_rows: list[tuple[str, str]]


def child_chair_view(section: ChildChairSection | None) -> ChairSectionView | None:
    if section is None:
        return None
    midpoint = section.latest_midpoint
    rows = []
    if midpoint is not None:
        rows = [
            ("Date", format_date(midpoint.reviewed_on)),
            ("Chair", midpoint.chair.get_full_name()),
            ("Progress", midpoint.get_progress_display()),
            ("Concerns", midpoint.concerns or "None recorded"),
            ("Actions", midpoint.actions or "None recorded"),
            ("Practice alert raised", "Yes" if midpoint.alert_raised else "No"),
        ]
    return ChairSectionView(
        open_alerts=[alert_view(a) for a in section.open_alerts],
        past_alerts=[alert_view(a) for a in section.past_alerts],
        midpoint_rows=rows,
    )


def child_chair_context(*, user, child) -> dict:
    """The child page's section (its one context key): practice alerts and the latest midpoint
    review, and for a chair the links to record them while a CP plan is open."""
    can_chair = user.has_perm("protection.chair_oversight", child)
    return {
        "section": child_chair_view(child_chair_section_get(child=child)),
        "can_chair": can_chair and cp_plan_get_open(child=child) is not None,
    }
