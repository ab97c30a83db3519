"""Sources of the child-protection tables: S47 enquiries, initial conferences, CP plans and
reviews."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate

from cairn.casework.models import (
    Attendance,
    Meeting,
    MeetingChild,
    MeetingKind,
    Plan,
    PlanKind,
    PlanVersion,
)
from cairn.casework.models.meetings import PARTICIPATION_PN_CODE, AgencyKind
from cairn.core.working_days import council_calendar
from cairn.frontdoor.models import Episode
from cairn.protection.models import ConferenceDetail, CPCategory, S47Enquiry
from cairn.protection.selectors.records import QUORATE_OTHER_AGENCIES
from cairn.returns.ssd import spec
from cairn.returns.ssd.export.cells import (
    flag_for,
    outcome_json,
)
from cairn.returns.ssd.export.ids import (
    CHUNK,
    SmallIds,
    allocation_ids,
    children_only,
    external_id,
)

ICPC_WORKING_DAYS = 15  # ICPC within 15 working days of the strategy discussion (S47 start)


def s47_outcome(*, icpc_needed: bool | None, outcome: str) -> dict:
    """CP_CONFERENCE_FLAG: an ICPC is needed. Without one: NFA_FLAG when the concerns were not
    substantiated, NFA_CONTINUE_SINGLE_FLAG when they were (work continues without a plan).
    Every flag is empty until the ICPC decision is recorded."""
    if icpc_needed is None:
        return outcome_json(spec.S47_OUTCOME_KEYS, None)
    if icpc_needed:
        return outcome_json(spec.S47_OUTCOME_KEYS, ("CP_CONFERENCE_FLAG",))
    if outcome == "not_substantiated":
        return outcome_json(spec.S47_OUTCOME_KEYS, ("NFA_FLAG",))
    if outcome == "substantiated":
        return outcome_json(spec.S47_OUTCOME_KEYS, ("NFA_CONTINUE_SINGLE_FLAG",))
    return outcome_json(spec.S47_OUTCOME_KEYS, ())


def s47_rows(ids: SmallIds) -> Iterator[dict]:
    qs = (
        children_only(S47Enquiry.objects)
        .filter(episode__removed_at__isnull=True)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(S47Enquiry, "pk"),
            ssd_episode=external_id(Episode, "episode_id"),
            **allocation_ids("child_id", "started_on"),
        )
        .values(
            "ssd_id",
            "ssd_episode",
            "child__la_child_id",
            "started_on",
            "ended_on",
            "icpc_needed",
            "outcome",
            "lead_worker_id",
            "alloc_team",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        outcome = s47_outcome(icpc_needed=row["icpc_needed"], outcome=row["outcome"])
        yield {
            "s47e_s47_enquiry_id": row["ssd_id"],
            "s47e_referral_id": row["ssd_episode"],
            "s47e_person_id": row["child__la_child_id"],
            "s47e_s47_start_date": row["started_on"],
            "s47e_s47_end_date": row["ended_on"],
            "s47e_s47_nfa": outcome["NFA_FLAG"],
            "s47e_s47_outcome_json": outcome,
            "s47e_s47_completed_by_team": ids.team(row["alloc_team"]),
            "s47e_s47_completed_by_worker_id": ids.user(row["lead_worker_id"]),
        }


def icpc_outcome(outcome: str) -> dict:
    if not outcome:
        return outcome_json(spec.ICPC_OUTCOME_KEYS, None)
    return outcome_json(spec.ICPC_OUTCOME_KEYS, (flag_for(spec.ICPC_OUTCOME_FLAG, outcome),))


def _conferences(kind: str) -> QuerySet:
    return (
        children_only(ConferenceDetail.objects)
        .filter(meeting__kind=kind, meeting__removed_at__isnull=True)
        .order_by("pk")
        .annotate(day=TruncDate("meeting__held_at"))
    )


def icpc_rows(ids: SmallIds) -> Iterator[dict]:
    calendar = council_calendar()
    made_plan = PlanVersion.objects.filter(
        number=1,
        meeting=OuterRef("meeting_id"),
        plan__child=OuterRef("child_id"),
        plan__kind=PlanKind.CP,
        plan__removed_at__isnull=True,
    ).order_by("plan_id")
    open_episode = (
        Episode.objects.filter(child=OuterRef("child_id"), referral_date__lte=OuterRef("day"))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=OuterRef("day")))
        .order_by("-referral_date", "-pk")
    )
    qs = (
        _conferences(MeetingKind.ICPC)
        .annotate(
            plan_pk=Subquery(made_plan.values("plan_id")[:1]),
            episode_pk=Coalesce(F("s47__episode_id"), Subquery(open_episode.values("pk")[:1])),
            **allocation_ids("child_id", "day"),
        )
        .annotate(
            ssd_id=external_id(ConferenceDetail, "pk"),
            ssd_meeting=external_id(Meeting, "meeting_id"),
            ssd_s47=external_id(S47Enquiry, "s47_id"),
            ssd_plan=external_id(Plan, "plan_pk"),
            ssd_episode=external_id(Episode, "episode_pk"),
        )
        .values(
            "ssd_id",
            "ssd_meeting",
            "ssd_s47",
            "child__la_child_id",
            "ssd_plan",
            "ssd_episode",
            "transfer_in",
            "s47__started_on",
            "day",
            "outcome",
            "alloc_team",
            "alloc_worker",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        s47_start = row["s47__started_on"]
        yield {
            "icpc_icpc_id": row["ssd_id"],
            "icpc_icpc_meeting_id": row["ssd_meeting"],
            "icpc_s47_enquiry_id": row["ssd_s47"],
            "icpc_person_id": row["child__la_child_id"],
            "icpc_cp_plan_id": row["ssd_plan"],
            "icpc_referral_id": row["ssd_episode"],
            "icpc_icpc_transfer_in": row["transfer_in"],
            "icpc_icpc_target_date": (
                calendar.add_working_days(s47_start, ICPC_WORKING_DAYS) if s47_start else None
            ),
            "icpc_icpc_date": row["day"],
            "icpc_icpc_outcome_cp_flag": (
                (row["outcome"] == "cp_plan") if row["outcome"] else None
            ),
            "icpc_icpc_outcome_json": icpc_outcome(row["outcome"]),
            "icpc_icpc_team": ids.team(row["alloc_team"]),
            "icpc_icpc_worker_id": ids.user(row["alloc_worker"]),
        }


def cp_plans_rows(ids: SmallIds) -> Iterator[dict]:
    icpc = ConferenceDetail.objects.filter(
        child=OuterRef("child_id"),
        meeting__kind=MeetingKind.ICPC,
        meeting__in=PlanVersion.objects.filter(plan=OuterRef(OuterRef("pk")), number=1).values(
            "meeting_id"
        ),
    ).order_by("pk")
    categories = CPCategory.objects.filter(plan=OuterRef("pk"))
    qs = (
        children_only(Plan.objects)
        .filter(kind=PlanKind.CP, started_on__isnull=False)
        .order_by("pk")
        .annotate(
            icpc_pk=Subquery(icpc.values("pk")[:1]),
            initial=Subquery(categories.order_by("from_on", "pk").values("category")[:1]),
            latest=Subquery(categories.order_by("-from_on", "-pk").values("category")[:1]),
        )
        .annotate(
            ssd_id=external_id(Plan, "pk"),
            ssd_episode=external_id(Episode, "episode_id"),
            ssd_icpc=external_id(ConferenceDetail, "icpc_pk"),
        )
        .values(
            "ssd_id",
            "ssd_episode",
            "ssd_icpc",
            "child__la_child_id",
            "started_on",
            "ended_on",
            "initial",
            "latest",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cppl_cp_plan_id": row["ssd_id"],
            "cppl_referral_id": row["ssd_episode"],
            "cppl_icpc_id": row["ssd_icpc"],
            "cppl_person_id": row["child__la_child_id"],
            "cppl_cp_plan_start_date": row["started_on"],
            "cppl_cp_plan_end_date": row["ended_on"],
            "cppl_cp_plan_ola": False,
            "cppl_cp_plan_initial_category": row["initial"],
            "cppl_cp_plan_latest_category": row["latest"],
        }


def cp_reviews_rows(ids: SmallIds) -> Iterator[dict]:
    attended = Attendance.objects.filter(
        meeting=OuterRef("meeting_id"), attended=True, removed_at__isnull=True
    )
    other_agencies = (
        attended.filter(direct_contact=True)
        .exclude(agency_kind__in=["", AgencyKind.CHILDRENS_SOCIAL_CARE])
        .order_by()
        .values("meeting")
        .annotate(n=Count("agency_kind", distinct=True))
        .values("n")
    )
    participation = MeetingChild.objects.filter(
        meeting=OuterRef("meeting_id"), child=OuterRef("child_id")
    ).order_by("pk")
    qs = (
        _conferences(MeetingKind.RCPC)
        .annotate(
            csc=Exists(attended.filter(agency_kind=AgencyKind.CHILDRENS_SOCIAL_CARE)),
            others=Coalesce(Subquery(other_agencies), Value(0)),
            participation=Subquery(participation.values("participation")[:1]),
            ssd_id=external_id(ConferenceDetail, "pk"),
            ssd_meeting=external_id(Meeting, "meeting_id"),
            ssd_plan=external_id(Plan, "meeting__plan_id"),
        )
        .values(
            "ssd_id",
            "child__la_child_id",
            "ssd_plan",
            "day",
            "ssd_meeting",
            "outcome",
            "csc",
            "others",
            "participation",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cppr_cp_review_id": row["ssd_id"],
            "cppr_person_id": row["child__la_child_id"],
            "cppr_cp_plan_id": row["ssd_plan"],
            "cppr_cp_review_due": None,
            "cppr_cp_review_date": row["day"],
            "cppr_cp_review_meeting_id": row["ssd_meeting"],
            "cppr_cp_review_outcome_continue_cp": (
                (row["outcome"] == "continue") if row["outcome"] else None
            ),
            "cppr_cp_review_quorate": row["csc"] and row["others"] >= QUORATE_OTHER_AGENCIES,
            "cppr_cp_review_participation": PARTICIPATION_PN_CODE.get(row["participation"], ""),
        }
