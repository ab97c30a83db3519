"""Shaping child protection records for the pages: summary-list rows, tables, the quoracy
verdict, the ICPC target date, category history and previous plans. Dates as "3 March 2026"."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from cairn.casework.models import Meeting, MeetingKind
from cairn.core.working_days import WorkingDayCalendar
from cairn.people.presenters import format_date
from cairn.protection.models import ConferenceDetail, S47Enquiry
from cairn.protection.selectors.records import (
    ChildProtectionSummary,
    child_protection_summary,
    conference_quoracy,
    first_core_group_target,
    icpc_target_date,
)


def _when(value: dt.datetime | None) -> str:
    if value is None:
        return "Not recorded"
    local = timezone.localtime(value)
    return f"{format_date(local.date())} at {local:%H:%M}"


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not decided yet")


def _person(user) -> str:
    return user.get_full_name() if user else "Not recorded"


@dataclass(frozen=True)
class Row:
    key: str
    value: str


def attendance_rows(meeting: Meeting) -> list[dict]:
    return [
        {
            "name": a.name or (a.person.full_name if a.person else ""),
            "role": a.get_role_display(),
            "agency": a.agency,
            "agency_kind": a.get_agency_kind_display() if a.agency_kind else "",
            "direct_contact": "Yes" if a.direct_contact else "No",
            "attended": "Yes" if a.attended else "No",
            "note": a.participation_note,
        }
        for a in meeting.attendance.all()
    ]


def action_rows(meeting: Meeting) -> list[dict]:
    return [
        {
            "what": a.what,
            "owner": _person(a.owner_user) if a.owner_user else (a.owner_name or a.owner_agency),
            "due": format_date(a.due_on) if a.due_on else "No date set",
            "status": a.get_status_display(),
        }
        for a in meeting.actions.all()
    ]


def strategy_page(meeting: Meeting) -> dict:
    discussion = meeting.strategy
    return {
        "meeting": meeting,
        "rows": [
            Row("Date and time", _when(meeting.held_at)),
            Row("Children", ", ".join(c.child.full_name for c in meeting.children.all())),
            Row("Information shared", discussion.information_shared),
            Row("Decision", discussion.get_decision_display()),
            Row("Reasons", discussion.decision_note or "None recorded"),
        ],
        "attendance": attendance_rows(meeting),
        "actions": action_rows(meeting),
        "s47s": [
            {"pk": s.pk, "child": s.child.full_name, "started": format_date(s.started_on)}
            for s in meeting.s47_enquiries.all()
        ],
    }


def s47_page(s47: S47Enquiry, calendar: WorkingDayCalendar) -> dict:
    target = icpc_target_date(started_on=s47.started_on, calendar=calendar)
    icpc = next((c for c in s47.conferences.all() if c.meeting.kind == MeetingKind.ICPC), None)
    if s47.icpc_needed is False:
        outcome = f"ICPC not required: {s47.icpc_not_needed_reason}"
    else:
        outcome = _yes_no(s47.icpc_needed)
    return {
        "s47": s47,
        "icpc_target": format_date(target),
        "icpc": icpc,
        "icpc_needed": s47.icpc_needed is not False and icpc is None,
        "rows": [
            Row("Started (strategy discussion)", format_date(s47.started_on)),
            Row("Type", s47.strategy_discussion.strategy.get_decision_display()),
            Row("Lead worker", _person(s47.lead_worker)),
            Row("Child seen", format_date(s47.child_seen_on)),
            Row("Findings", s47.findings or "Not recorded"),
            Row("Outcome", s47.get_outcome_display() or "Not decided yet"),
            Row("Initial child protection conference needed", outcome),
            Row("Ended", format_date(s47.ended_on) if s47.ended_on else "Open"),
        ],
    }


def conference_page(conference: ConferenceDetail, calendar: WorkingDayCalendar) -> dict:
    meeting = conference.meeting
    attendance = list(meeting.attendance.all())
    quoracy = conference_quoracy(attendance)
    child_part = next(
        (c for c in meeting.children.all() if c.child_id == conference.child_id), None
    )
    rows = [
        Row("Date and time", _when(meeting.held_at)),
        Row("Chair", _person(meeting.chair)),
    ]
    if meeting.kind == MeetingKind.ICPC and conference.s47_id:
        target = icpc_target_date(started_on=conference.s47.started_on, calendar=calendar)
        held = timezone.localdate(meeting.held_at)
        timing = "in time" if held <= target else "late"
        rows.append(Row("Target date (15 working days)", f"{format_date(target)} ({timing})"))
    if conference.transfer_in:
        rows.append(Row("Transfer-in conference", "Yes"))
    if conference.pre_birth:
        rows.append(Row("Pre-birth conference", "Yes"))
    if child_part is not None:
        note = f": {child_part.participation_note}" if child_part.participation_note else ""
        rows.append(
            Row(
                f"How {conference.child.full_name} took part",
                f"{child_part.get_participation_display() or 'Not recorded'}{note}",
            )
        )
    rows += [
        Row("Decision", conference.get_outcome_display() or "Not decided yet"),
        Row("Category of abuse", conference.get_category_display() or "None"),
    ]
    if meeting.kind == MeetingKind.RCPC:
        rows.append(
            Row("Legal planning meeting", "Referred" if conference.refer_legal_planning else "No")
        )
    finalised = (
        f"Finalised by {_person(meeting.finalised_by)} on "
        f"{format_date(timezone.localdate(meeting.finalised_at))}"
        if meeting.finalised_at
        else "Not finalised"
    )
    return {
        "conference": conference,
        "meeting": meeting,
        "title": meeting.get_kind_display(),
        "rows": rows,
        "quoracy": quoracy,
        "attendance": attendance_rows(meeting),
        "ratings": [
            {"outcome": r.outcome.text, "score": _rating(r), "comment": r.comment}
            for r in meeting.ratings.all()
        ],
        "finalised": finalised,
        "addenda": [
            {
                "text": a.text,
                "by": _person(a.created_by),
                "on": format_date(timezone.localdate(a.created_at)),
            }
            for a in meeting.addenda.all()
        ],
    }


def _rating(rating) -> str:
    if rating.score is not None:
        return f"{rating.score} out of 10"
    return {True: "Indicator met", False: "Indicator not met"}.get(rating.indicator_met, "")


def core_group_page(meeting: Meeting) -> dict:
    return {
        "meeting": meeting,
        "rows": [
            Row("Date and time", _when(meeting.held_at)),
            Row("Recorded by", _person(meeting.chair)),
            Row("Progress", meeting.what_changes or "Not recorded"),
        ],
        "attendance": attendance_rows(meeting),
        "ratings": [
            {"outcome": r.outcome.text, "score": _rating(r), "comment": r.comment}
            for r in meeting.ratings.all()
        ],
        "actions": action_rows(meeting),
    }


def cp_plan_page(plan, calendar: WorkingDayCalendar) -> dict:
    categories = list(plan.categories.all())
    meetings = list(plan.meetings.all())
    core_groups = [m for m in meetings if m.kind == MeetingKind.CORE_GROUP]
    conferences = [m for m in meetings if m.kind != MeetingKind.CORE_GROUP]
    rows = [
        Row("Status", plan.get_status_display()),
        Row("Started", format_date(plan.started_on)),
        Row("Initial category", categories[0].get_category_display() if categories else "None"),
        Row("Latest category", categories[-1].get_category_display() if categories else "None"),
        Row("Previous child protection plans", str(plan.previous_plans)),
    ]
    if plan.started_on and not core_groups:
        target = first_core_group_target(plan_started=plan.started_on, calendar=calendar)
        rows.append(Row("First core group due by (10 working days)", format_date(target)))
    if plan.ended_on:
        rows += [Row("Ended", format_date(plan.ended_on)), Row("End reason", plan.end_reason)]
    carried = list(plan.carried_to.all())
    return {
        "plan": plan,
        "rows": rows,
        "categories": [
            {"category": c.get_category_display(), "from": format_date(c.from_on)}
            for c in categories
        ],
        "members": [
            {"name": m.name or m.person.full_name, "agency": m.agency, "role": m.role}
            for m in plan.core_group_members.all()
            if m.left_on is None
        ],
        "conferences": [
            {
                "url": reverse("protection:conference_detail", args=[m.pk]),
                "kind": m.get_kind_display(),
                "when": _when(m.held_at),
                "decision": m.conference.get_outcome_display() or "Not decided yet",
            }
            for m in conferences
        ],
        "core_groups": [
            {"url": reverse("protection:core_group_detail", args=[m.pk]), "when": _when(m.held_at)}
            for m in core_groups
        ],
        "carried_to": carried[0] if carried else None,
    }


def child_protection_section(
    summary: ChildProtectionSummary, *, child_pk: int, can_write: bool, can_chair: bool
) -> dict:
    """The child's page section: the open S47 with its ICPC target, the current CP plan with
    its categories and the number of previous plans, and recent strategy discussions and
    conferences."""
    plan = summary.cp_plan
    categories = summary.categories
    return {
        "child_pk": child_pk,
        "can_write": can_write,
        "can_record_transfer_in": can_chair and summary.cp_plan is None,
        "s47": summary.open_s47,
        "icpc_target": format_date(summary.icpc_target) if summary.icpc_target else "",
        "icpc_held": summary.icpc_held,
        "plan": plan,
        "plan_rows": [
            Row("Started", format_date(plan.started_on)),
            Row("Initial category", categories[0].get_category_display() if categories else ""),
            Row("Latest category", categories[-1].get_category_display() if categories else ""),
            Row("Previous child protection plans", str(summary.previous_plans)),
        ]
        if plan
        else [],
        "strategy_discussions": [
            {
                "url": reverse("protection:strategy_detail", args=[m.pk]),
                "when": format_date(timezone.localdate(m.held_at)),
                "decision": m.strategy.get_decision_display(),
            }
            for m in summary.strategy_discussions
            if hasattr(m, "strategy")
        ],
        "conferences": [
            {
                "url": reverse("protection:conference_detail", args=[c.meeting_id]),
                "kind": c.meeting.get_kind_display(),
                "when": format_date(timezone.localdate(c.meeting.held_at)),
                "decision": c.get_outcome_display() or "Not decided yet",
            }
            for c in summary.conferences
        ],
    }


def child_protection_context(*, user, child) -> dict:
    """The child's page context key `protection` (the page has checked the user may view)."""
    summary = child_protection_summary(child=child)
    return child_protection_section(
        summary,
        child_pk=child.pk,
        can_write=user.has_perm("protection.write_record", child),
        can_chair=user.has_perm("protection.record_conference", child),
    )
