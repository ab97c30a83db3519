"""Reads of legal records for pages: one record with what its page shows, and a child's legal
section, each in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from cairn.casework.models import Attendance, Meeting, MeetingChild, MeetingKind
from cairn.legal.models import (
    CareProceedings,
    CareProceedingsChild,
    Hearing,
    InterimOrder,
    LegalPlanningDetail,
    LookedAfterPeriod,
    PreProceedings,
    PreProceedingsChild,
    PreProceedingsMeeting,
)
from cairn.people.models import Person
from cairn.protection.models import ConferenceDetail, PracticeAlert

_CHILDREN = Prefetch("children", queryset=PreProceedingsChild.objects.select_related("child"))


def legal_planning_get(*, pk: int) -> LegalPlanningDetail | None:
    """A legal planning meeting (by its meeting id) with children, attendees and decision."""
    return (
        LegalPlanningDetail.objects.filter(meeting_id=pk)
        .select_related("meeting", "conference__meeting", "practice_alert")
        .prefetch_related(
            Prefetch(
                "meeting__children",
                queryset=MeetingChild.objects.select_related("child").order_by("id"),
            ),
            Prefetch("meeting__attendance", queryset=Attendance.objects.order_by("id")),
            Prefetch("pre_proceedings", queryset=PreProceedings.objects.order_by("id")),
            Prefetch("care_proceedings", queryset=CareProceedings.objects.order_by("id")),
        )
        .first()
    )


def pre_proceedings_get(*, pk: int) -> PreProceedings | None:
    meetings = PreProceedingsMeeting.objects.select_related("meeting").order_by("meeting__held_at")
    return (
        PreProceedings.objects.filter(pk=pk)
        .select_related("legal_planning__meeting")
        .prefetch_related(
            _CHILDREN,
            Prefetch("meetings", queryset=meetings),
            "meetings__meeting__attendance",
            "extensions",
            "care_proceedings",
        )
        .first()
    )


def proceedings_get(*, pk: int) -> CareProceedings | None:
    return (
        CareProceedings.objects.filter(pk=pk)
        .select_related("pre_proceedings")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=CareProceedingsChild.objects.select_related("child").order_by("id"),
            ),
            "hearings",
            "extensions",
            Prefetch("interim_orders", queryset=InterimOrder.objects.select_related("child")),
        )
        .first()
    )


def hearing_get(*, pk: int) -> Hearing | None:
    """A hearing with its proceedings and their children."""
    children = Prefetch(
        "proceedings__children",
        queryset=CareProceedingsChild.objects.select_related("child").order_by("id"),
    )
    return (
        Hearing.objects.filter(pk=pk)
        .select_related("proceedings")
        .prefetch_related(children)
        .first()
    )


def proceedings_child_get(*, proceedings_pk: int, pk: int) -> CareProceedingsChild | None:
    """A child's row in the proceedings (their care plans and final order)."""
    return (
        CareProceedingsChild.objects.filter(pk=pk, proceedings_id=proceedings_pk)
        .select_related("proceedings", "child")
        .first()
    )


def conference_for_child(*, meeting_id, child: Person) -> ConferenceDetail | None:
    """The conference (by its meeting id) about this child that asks for a legal planning
    meeting, or None."""
    if not str(meeting_id).isdigit():
        return None
    return (
        ConferenceDetail.objects.filter(meeting_id=meeting_id, child=child)
        .select_related("meeting")
        .first()
    )


def practice_alert_for_child(*, pk, child: Person) -> PracticeAlert | None:
    if not str(pk).isdigit():
        return None
    return PracticeAlert.objects.filter(pk=pk, child=child).first()


def looked_after_get(*, pk: int) -> LookedAfterPeriod | None:
    return LookedAfterPeriod.objects.filter(pk=pk).select_related("child").first()


def legal_meetings_for_child(*, child: Person) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(kind=MeetingKind.LEGAL_PLANNING, children__child=child)
        .select_related("legal_planning")
        .order_by("-held_at")
    )


def pre_proceedings_for_child(*, child: Person) -> QuerySet[PreProceedings]:
    return (
        PreProceedings.objects.filter(children__child=child)
        .prefetch_related(_CHILDREN)
        .order_by("-decided_on")
    )


def proceedings_for_child(*, child: Person) -> QuerySet[CareProceedings]:
    return (
        CareProceedings.objects.filter(children__child=child)
        .prefetch_related("hearings", "extensions")
        .order_by("-issued_on")
    )


def looked_after_for_child(*, child: Person) -> QuerySet[LookedAfterPeriod]:
    return LookedAfterPeriod.objects.filter(child=child).order_by("-started_on")
