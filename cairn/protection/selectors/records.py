"""Reads of child protection records: strategy discussions, S47 enquiries (with the ICPC
target date), conferences (with their quoracy), CP plans (categories, previous plans, core
group), core groups, and the child's protection summary. Set-based, in a fixed number of
queries; pages check `protection.view_record` on the child before showing what these return.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from cairn.accounts.models import User
from cairn.accounts.roles import Role
from cairn.casework.models import (
    CONFERENCE_KINDS,
    AgencyKind,
    Attendance,
    Meeting,
    MeetingChild,
    MeetingKind,
    OutcomeRating,
    Plan,
    PlanKind,
    PlanStatus,
)
from cairn.core.working_days import WorkingDayCalendar, council_calendar
from cairn.people.models import Person
from cairn.protection.models import ConferenceDetail, CoreGroupMember, CPCategory, S47Enquiry

ICPC_WORKING_DAYS = 15  # Working Together 2023; timescales.md ICPC_15WD
CORE_GROUP_WORKING_DAYS = 10  # Working Together 2023; timescales.md CORE_GROUP_10WD
QUORATE_OTHER_AGENCIES = 2  # Working Together: CSC plus two other agencies with direct contact


def icpc_target_date(*, started_on: dt.date, calendar: WorkingDayCalendar) -> dt.date:
    """ICPC_15WD: the ICPC is due within 15 working days of the strategy discussion that
    started the S47 enquiry (the start is day 0; bank holidays and closure days skipped)."""
    return calendar.add_working_days(started_on, ICPC_WORKING_DAYS)


def first_core_group_target(*, plan_started: dt.date, calendar: WorkingDayCalendar) -> dt.date:
    """CORE_GROUP_10WD: the first core group within 10 working days of the ICPC."""
    return calendar.add_working_days(plan_started, CORE_GROUP_WORKING_DAYS)


@dataclass(frozen=True)
class Quoracy:
    """A conference is quorate with children's social care plus at least two other agencies
    with direct contact with the child (Working Together 2023). Derived from attendance."""

    quorate: bool
    social_care_present: bool
    other_agencies: list[str] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        others = ", ".join(self.other_agencies) or "none"
        parts = [
            "Children's social care attended"
            if self.social_care_present
            else "Children's social care did not attend",
            f"other agencies with direct contact: {others}",
        ]
        verdict = "Quorate" if self.quorate else "Not quorate"
        return f"{verdict}: " + "; ".join(parts)


def conference_quoracy(attendance: list[Attendance]) -> Quoracy:
    """Quoracy from who attended (uses the meeting's prefetched attendance when given it)."""
    attended = [a for a in attendance if a.attended and a.removed_at is None]
    social_care = any(a.agency_kind == AgencyKind.CHILDRENS_SOCIAL_CARE for a in attended)
    others = sorted(
        {
            AgencyKind(a.agency_kind).label
            for a in attended
            if a.agency_kind
            and a.agency_kind != AgencyKind.CHILDRENS_SOCIAL_CARE
            and a.direct_contact
        }
    )
    return Quoracy(
        quorate=social_care and len(others) >= QUORATE_OTHER_AGENCIES,
        social_care_present=social_care,
        other_agencies=others,
    )


# --- records ----------------------------------------------------------------------------------


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("chair", "finalised_by", "plan").prefetch_related(
        Prefetch("children", queryset=MeetingChild.objects.select_related("child").order_by("id")),
        Prefetch("attendance", queryset=Attendance.objects.select_related("person").order_by("id")),
        "actions__owner_user",
        "addenda__created_by",
        Prefetch(
            "ratings", queryset=OutcomeRating.objects.select_related("outcome").order_by("id")
        ),
    )


def strategy_get(*, pk: int) -> Meeting | None:
    """A strategy discussion meeting with its discussion, children, attendance, actions and
    the S47 enquiries it started."""
    return (
        _meetings()
        .select_related("strategy")
        .prefetch_related(
            Prefetch(
                "s47_enquiries",
                queryset=S47Enquiry.objects.select_related("child", "lead_worker").order_by("id"),
            )
        )
        .filter(pk=pk, kind=MeetingKind.STRATEGY)
        .first()
    )


def s47_get(*, pk: int) -> S47Enquiry | None:
    return (
        S47Enquiry.objects.select_related(
            "child", "episode", "lead_worker", "strategy_discussion__strategy"
        )
        .prefetch_related(
            Prefetch(
                "conferences",
                queryset=ConferenceDetail.objects.select_related("meeting").order_by("id"),
            )
        )
        .filter(pk=pk)
        .first()
    )


def conference_get(*, pk: int) -> ConferenceDetail | None:
    """A conference (by its meeting's id) with everything its page shows."""
    return (
        ConferenceDetail.objects.select_related("child", "s47", "meeting")
        .prefetch_related(Prefetch("meeting", queryset=_meetings()))
        .filter(meeting_id=pk)
        .first()
    )


def core_group_get(*, pk: int) -> Meeting | None:
    return _meetings().filter(pk=pk, kind=MeetingKind.CORE_GROUP).first()


def cp_plan_get(*, pk: int) -> Plan | None:
    """A CP plan with its category history, core group members, conferences and core groups
    (newest first) and the number of the child's previous CP plans."""
    plan = (
        Plan.objects.select_related("child", "episode")
        .prefetch_related(
            Prefetch("categories", queryset=CPCategory.objects.order_by("from_on", "id")),
            Prefetch(
                "core_group_members",
                queryset=CoreGroupMember.objects.select_related("person").order_by("id"),
            ),
            Prefetch(
                "meetings",
                queryset=Meeting.objects.filter(
                    kind__in=[*CONFERENCE_KINDS, MeetingKind.CORE_GROUP]
                )
                .select_related("conference", "chair")
                .order_by("-held_at", "-id"),
            ),
            "carried_to",
        )
        .filter(pk=pk, kind=PlanKind.CP)
        .first()
    )
    if plan is not None:
        plan.previous_plans = previous_cp_plan_counts(plans=[plan])[plan.pk]
    return plan


def previous_cp_plan_counts(*, plans: list[Plan]) -> dict[int, int]:
    """For each CP plan, how many CP plans the same child had that started before it (the
    census's "number of previous child protection plans"). One query for any number."""
    if not plans:
        return {}
    children = {p.child_id for p in plans}
    starts: dict[int, list[tuple[dt.date, int]]] = {}
    rows = Plan.objects.filter(
        child_id__in=children, kind=PlanKind.CP, started_on__isnull=False
    ).values_list("child_id", "started_on", "pk")
    for child_id, started_on, pk in rows:
        starts.setdefault(child_id, []).append((started_on, pk))
    return {
        p.pk: sum(
            1
            for started_on, pk in starts.get(p.child_id, [])
            if pk != p.pk and p.started_on and started_on < p.started_on
        )
        for p in plans
    }


# --- the child's page -------------------------------------------------------------------------


@dataclass
class ChildProtectionSummary:
    """The child's protection record at a glance: the open S47 enquiry, the latest conference,
    the current CP plan and the earlier ones."""

    open_s47: S47Enquiry | None
    icpc_target: dt.date | None
    icpc_held: ConferenceDetail | None
    cp_plan: Plan | None
    categories: list[CPCategory]
    previous_plans: int
    strategy_discussions: list[Meeting]
    conferences: list[ConferenceDetail]


def child_protection_summary(
    *, child: Person, calendar: WorkingDayCalendar | None = None
) -> ChildProtectionSummary:
    """What the child's page shows about child protection, in at most seven queries (and the
    council calendar, read only for an open S47 enquiry) whatever the history's length."""
    s47s = list(
        S47Enquiry.objects.filter(child=child)
        .select_related("lead_worker")
        .prefetch_related(
            Prefetch("conferences", queryset=ConferenceDetail.objects.select_related("meeting"))
        )
        .order_by("-started_on", "-id")
    )
    open_s47 = next((s for s in s47s if s.ended_on is None or _awaits_icpc(s)), None)
    icpc_held = next(iter(open_s47.conferences.all()), None) if open_s47 else None
    plans = list(
        Plan.objects.filter(child=child, kind=PlanKind.CP)
        .prefetch_related(
            Prefetch("categories", queryset=CPCategory.objects.order_by("from_on", "id"))
        )
        .order_by("-started_on", "-id")
    )
    current = next((p for p in plans if p.status == PlanStatus.ACTIVE), None)
    counts = previous_cp_plan_counts(plans=[current]) if current else {}
    strategies = list(
        Meeting.objects.filter(kind=MeetingKind.STRATEGY, children__child=child)
        .select_related("strategy")
        .order_by("-held_at")[:5]
    )
    conferences = list(
        ConferenceDetail.objects.filter(child=child)
        .select_related("meeting")
        .order_by("-meeting__held_at")[:5]
    )
    return ChildProtectionSummary(
        open_s47=open_s47,
        icpc_target=icpc_target_date(
            started_on=open_s47.started_on, calendar=calendar or council_calendar()
        )
        if open_s47
        else None,
        icpc_held=icpc_held,
        cp_plan=current,
        categories=list(current.categories.all()) if current else [],
        previous_plans=counts.get(current.pk, 0) if current else 0,
        strategy_discussions=strategies,
        conferences=conferences,
    )


def _awaits_icpc(s47: S47Enquiry) -> bool:
    """An ended enquiry that needs an ICPC not yet held still shows as current."""
    return s47.icpc_needed is True and not any(
        c.meeting.kind == MeetingKind.ICPC for c in s47.conferences.all()
    )


def cp_chair_choices() -> QuerySet[User]:
    """Who may chair a child protection conference: active CP chairs."""
    return User.objects.filter(is_active=True, role=Role.CP_CHAIR).order_by(
        "last_name", "first_name", "pk"
    )
