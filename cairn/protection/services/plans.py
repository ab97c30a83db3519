"""CP plans: a casework Plan of kind CP started by the ICPC that decided on it, its category
history (rows), its core group members, and what a review conference's decision does to it
(continue, with a new version and perhaps a new category; step down to a CIN plan that carries
the plan over; end). Outcomes, actions, contingency and versions are the casework plan
services' (written once, whatever the plan's kind)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.casework import workflows
from cairn.casework.models import MeetingKind, Plan, PlanKind, PlanStatus
from cairn.casework.services.plans import plan_create, plan_end, plan_version_create_from_review
from cairn.core.records import record_create, record_update
from cairn.frontdoor.models import Level
from cairn.frontdoor.selectors import child_current_level, episode_get_open
from cairn.frontdoor.services.levels import level_transition_errors, transition_write
from cairn.people.models import Person
from cairn.protection.models import ConferenceDetail, ConferenceOutcome, CoreGroupMember, CPCategory
from cairn.protection.services._common import format_date, meeting_day

NO_CONFERENCE = (
    "A child protection plan starts only at an initial child protection conference that "
    "decided on one"
)


def _level_change(*, actor, child: Person, occurred_on: dt.date, to_level: str, reason: str, via):
    """Record the child's move to `to_level` with the front door's level service (skipped when
    the child is already there); refused when it would come before the last recorded move."""
    if child_current_level(child=child) == to_level:
        return
    errors = level_transition_errors(
        child=child, occurred_on=occurred_on, to_level=to_level, reason=reason
    )
    if errors:
        raise ValidationError({"held_at": list(errors.values())})
    transition_write(
        actor=actor, child=child, occurred_on=occurred_on, to_level=to_level, reason=reason, via=via
    )


@transaction.atomic
def cp_plan_start(*, actor, conference: ConferenceDetail, via: str = "web") -> Plan:
    """Start the CP plan an ICPC decided on: active from the conference date, version 1 made
    at the conference (a draft the core group develops and a manager authorises), the
    initial category as the first category row, the conference linked to the plan, and the
    child's level moved to child protection.

    Refused without an ICPC deciding on a plan ("plan without a conference").
    """
    meeting = conference.meeting if conference is not None else None
    if (
        meeting is None
        or meeting.kind != MeetingKind.ICPC
        or conference.outcome != ConferenceOutcome.CP_PLAN
    ):
        raise ValidationError({"plan": NO_CONFERENCE})
    child = conference.child
    day = meeting_day(meeting.held_at)
    episode = (conference.s47.episode if conference.s47_id else None) or episode_get_open(
        child=child
    )
    plan = plan_create(
        actor=actor, child=child, episode=episode, kind=PlanKind.CP, conference=meeting, via=via
    )
    workflows.PLAN.check(plan.status, PlanStatus.ACTIVE)
    plan = record_update(
        instance=plan,
        actor=actor,
        expected_version=plan.version,
        audit_subject=child,
        via=via,
        status=PlanStatus.ACTIVE,
        started_on=day,
    )
    version = plan.versions.get()
    record_update(
        instance=version,
        actor=actor,
        expected_version=version.version,
        audit_subject=child,
        via=via,
        made_on=day,
        meeting=meeting,
    )
    record_create(
        model=CPCategory,
        actor=actor,
        audit_subject=child,
        via=via,
        plan=plan,
        category=conference.category,
        from_on=day,
        meeting=meeting,
    )
    record_update(
        instance=meeting,
        actor=actor,
        expected_version=meeting.version,
        audit_subject=child,
        via=via,
        plan=plan,
    )
    _level_change(
        actor=actor,
        child=child,
        occurred_on=day,
        to_level=Level.CP,
        reason=f"Initial child protection conference on {format_date(day)}: "
        f"child protection plan ({conference.get_category_display().lower()})",
        via=via,
    )
    return plan


def cp_plan_latest_category(plan: Plan) -> CPCategory | None:
    return plan.categories.order_by("-from_on", "-id").first()


@transaction.atomic
def cp_plan_continue(*, actor, conference: ConferenceDetail, via: str = "web") -> Plan:
    """A review conference continues the plan: a new category row when the conference changed
    the category, and the plan's next version (a draft copied from the version in force) when
    one is in force."""
    plan = conference.meeting.plan
    day = meeting_day(conference.meeting.held_at)
    latest = cp_plan_latest_category(plan)
    if conference.category and (latest is None or latest.category != conference.category):
        record_create(
            model=CPCategory,
            actor=actor,
            audit_subject=plan.child,
            via=via,
            plan=plan,
            category=conference.category,
            from_on=day,
            meeting=conference.meeting,
        )
    if plan.versions.filter(authorised_on__isnull=False).exists():
        plan_version_create_from_review(actor=actor, plan=plan, meeting=conference.meeting, via=via)
    return plan


@transaction.atomic
def cp_plan_step_down_to_cin(*, actor, conference: ConferenceDetail, via: str = "web") -> Plan:
    """End the CP plan on the review conference's date and start a CIN plan (draft) that
    carries it over (`Plan.carried_from`: outcomes, actions, contingency and network copied by
    the casework plan service); record child protection -> child in need. Returns the CIN
    plan."""
    plan = conference.meeting.plan
    day = meeting_day(conference.meeting.held_at)
    plan_end(
        actor=actor,
        plan=plan,
        ended_on=day,
        reason="Review conference: stepped down to a child in need plan",
        via=via,
    )
    cin_plan = plan_create(
        actor=actor,
        child=plan.child,
        episode=plan.episode,
        kind=PlanKind.CIN,
        carried_from=plan,
        via=via,
    )
    _level_change(
        actor=actor,
        child=plan.child,
        occurred_on=day,
        to_level=Level.CIN,
        reason=f"Review child protection conference on {format_date(day)}: "
        "stepped down to a child in need plan",
        via=via,
    )
    return cin_plan


@transaction.atomic
def core_group_member_add(
    *,
    actor,
    plan: Plan,
    joined_on: dt.date | None,
    name: str = "",
    agency: str = "",
    role: str = "",
    person: Person | None = None,
    via: str = "web",
) -> CoreGroupMember:
    """Add a member of the plan's core group (named at the ICPC or later)."""
    errors = {}
    if plan.kind != PlanKind.CP or plan.status != PlanStatus.ACTIVE:
        errors["plan"] = "Core group members are added to an active child protection plan"
    if person is None and not name.strip():
        errors["name"] = "Enter the member's name"
    if person is None and not agency.strip():
        errors["agency"] = "Enter the member's agency, or 'Family' for a family member"
    if joined_on is None:
        errors["joined_on"] = "Enter the date they joined the core group"
    elif plan.started_on and joined_on < plan.started_on:
        errors["joined_on"] = (
            f"A member cannot join before the plan started on {format_date(plan.started_on)}"
        )
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=CoreGroupMember,
        actor=actor,
        audit_subject=plan.child,
        via=via,
        plan=plan,
        person=person,
        name=name.strip(),
        agency=agency.strip(),
        role=role.strip(),
        joined_on=joined_on,
    )
