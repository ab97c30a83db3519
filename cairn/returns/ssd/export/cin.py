"""Sources of the CIN tables: referrals (CIN episodes), assessments and factors, CIN plans,
visits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import groupby

from django.db.models import (
    CharField,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Value,
)

from cairn.casework.models import (
    Assessment,
    AssessmentFactor,
    MeetingKind,
    Plan,
    PlanKind,
    Visit,
    VisitKind,
)
from cairn.core.codelists import ASSESSMENT_FACTOR
from cairn.frontdoor.models import Episode
from cairn.protection.models import ConferenceDetail, S47Enquiry
from cairn.returns.ssd import spec
from cairn.returns.ssd.export.cells import (
    flag_for,
    outcome_json,
)
from cairn.returns.ssd.export.ids import (
    CHUNK,
    SOURCE_LABELS,
    SmallIds,
    allocation_ids,
    children_only,
    external_id,
)
from cairn.workforce.models import Allocation

FACTOR_ORDER = {code: i for i, (code, _) in enumerate(ASSESSMENT_FACTOR)}


def referral_outcome(*, assessed: bool, nfa: bool, s47: bool, icpc: bool) -> dict:
    chosen = [
        key
        for key, on in (
            ("SINGLE_ASSESSMENT_FLAG", assessed),
            ("NFA_FLAG", nfa),
            ("STRATEGY_DISCUSSION_FLAG", s47),
            ("CP_CONFERENCE_FLAG", icpc),
        )
        if on
    ]
    return outcome_json(spec.REFERRAL_OUTCOME_KEYS, tuple(chosen))


def cin_episodes_rows(ids: SmallIds) -> Iterator[dict]:
    first = Allocation.objects.filter(episode=OuterRef("pk")).order_by("started_on", "pk")
    qs = (
        children_only(Episode.objects)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(Episode, "pk"),
            first_team=Subquery(first.values("team_id")[:1]),
            first_worker=Subquery(first.values("worker_id")[:1]),
            assessed=Exists(Assessment.objects.filter(episode=OuterRef("pk"))),
            has_s47=Exists(S47Enquiry.objects.filter(episode=OuterRef("pk"))),
            has_icpc=Exists(
                ConferenceDetail.objects.filter(
                    s47__episode=OuterRef("pk"), meeting__kind=MeetingKind.ICPC
                )
            ),
        )
        .values(
            "ssd_id",
            "child__la_child_id",
            "referral_date",
            "primary_need",
            "source",
            "referral_nfa",
            "closure_reason",
            "closed_on",
            "first_team",
            "first_worker",
            "assessed",
            "has_s47",
            "has_icpc",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cine_referral_id": row["ssd_id"],
            "cine_person_id": row["child__la_child_id"],
            "cine_referral_date": row["referral_date"],
            "cine_cin_primary_need_code": row["primary_need"],
            "cine_referral_source_code": row["source"],
            "cine_referral_source_desc": SOURCE_LABELS.get(row["source"], ""),
            "cine_referral_outcome_json": referral_outcome(
                assessed=row["assessed"],
                nfa=row["referral_nfa"],
                s47=row["has_s47"],
                icpc=row["has_icpc"],
            ),
            "cine_referral_nfa": row["referral_nfa"],
            "cine_close_reason": row["closure_reason"],
            "cine_close_date": row["closed_on"],
            "cine_referral_team": ids.team(row["first_team"]),
            "cine_referral_worker_id": ids.user(row["first_worker"]),
        }


def assessment_outcome(outcome: str) -> dict:
    if not outcome:
        return outcome_json(spec.ASSESSMENT_OUTCOME_KEYS, None)
    return outcome_json(
        spec.ASSESSMENT_OUTCOME_KEYS, (flag_for(spec.ASSESSMENT_OUTCOME_FLAG, outcome),)
    )


def cin_assessments_rows(ids: SmallIds) -> Iterator[dict]:
    qs = (
        children_only(Assessment.objects)
        .filter(episode__removed_at__isnull=True)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(Assessment, "pk"),
            ssd_episode=external_id(Episode, "episode_id"),
            **allocation_ids("child_id", "started_on"),
        )
        .values(
            "ssd_id",
            "child__la_child_id",
            "ssd_episode",
            "started_on",
            "child_seen_on",
            "authorised_on",
            "outcome",
            "alloc_team",
            "alloc_worker",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cina_assessment_id": row["ssd_id"],
            "cina_person_id": row["child__la_child_id"],
            "cina_referral_id": row["ssd_episode"],
            "cina_assessment_start_date": row["started_on"],
            "cina_assessment_child_seen": row["child_seen_on"] is not None,
            "cina_assessment_auth_date": row["authorised_on"],
            "cina_assessment_outcome_json": assessment_outcome(row["outcome"]),
            "cina_assessment_outcome_nfa": (row["outcome"] == "nfa") if row["outcome"] else None,
            "cina_assessment_team": ids.team(row["alloc_team"]),
            "cina_assessment_worker_id": ids.user(row["alloc_worker"]),
        }


def assessment_factors_rows(ids: SmallIds) -> Iterator[dict]:
    qs = (
        children_only(AssessmentFactor.objects, "assessment__child")
        .filter(assessment__removed_at__isnull=True, assessment__episode__removed_at__isnull=True)
        .order_by("assessment_id", "pk")
        .annotate(ssd_assessment=external_id(Assessment, "assessment_id"))
        .values_list("assessment_id", "ssd_assessment", "code")
    )
    rows = qs.iterator(chunk_size=CHUNK)
    for (_, ssd_assessment), factors in groupby(rows, key=lambda r: (r[0], r[1])):
        codes = sorted({code for _, _, code in factors}, key=lambda c: FACTOR_ORDER.get(c, 999))
        yield {
            "cinf_table_id": ssd_assessment,
            "cinf_assessment_id": ssd_assessment,
            "cinf_assessment_factors_json": codes,
        }


def cin_plans_rows(ids: SmallIds) -> Iterator[dict]:
    qs = (
        children_only(Plan.objects)
        .filter(kind=PlanKind.CIN, started_on__isnull=False, episode__isnull=False)
        .filter(episode__removed_at__isnull=True)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(Plan, "pk"),
            ssd_episode=external_id(Episode, "episode_id"),
            **allocation_ids("child_id", "started_on"),
        )
        .values(
            "ssd_id",
            "ssd_episode",
            "child__la_child_id",
            "started_on",
            "ended_on",
            "alloc_team",
            "alloc_worker",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cinp_cin_plan_id": row["ssd_id"],
            "cinp_referral_id": row["ssd_episode"],
            "cinp_person_id": row["child__la_child_id"],
            "cinp_cin_plan_start_date": row["started_on"],
            "cinp_cin_plan_end_date": row["ended_on"],
            "cinp_cin_plan_team": ids.team(row["alloc_team"]),
            "cinp_cin_plan_worker_id": ids.user(row["alloc_worker"]),
        }


def visits_rows(kind: str, prefix: str) -> Callable[[SmallIds], Iterator[dict]]:
    def rows(ids: SmallIds) -> Iterator[dict]:
        qs = children_only(Visit.objects).filter(kind=kind).order_by("pk")
        qs = qs.annotate(ssd_id=external_id(Visit, "pk"))
        if kind == VisitKind.CP:
            open_plan = (
                Plan.objects.filter(
                    child=OuterRef("child_id"),
                    kind=PlanKind.CP,
                    started_on__lte=OuterRef("visited_on"),
                )
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("visited_on")))
                .order_by("-started_on", "-pk")
            )
            qs = qs.annotate(plan_pk=Subquery(open_plan.values("pk")[:1]))
            qs = qs.annotate(ssd_plan=external_id(Plan, "plan_pk"))
        else:
            qs = qs.annotate(ssd_plan=Value(None, output_field=CharField()))
        qs = qs.values(
            "ssd_id",
            "child__la_child_id",
            "ssd_plan",
            "visited_on",
            "child_seen",
            "seen_alone",
            "bedroom_seen",
        )
        for row in qs.iterator(chunk_size=CHUNK):
            out = {
                f"{prefix}_visit_id": row["ssd_id"],
                f"{prefix[:4]}_person_id": row["child__la_child_id"],
                f"{prefix}_visit_date": row["visited_on"],
                f"{prefix}_visit_seen": row["child_seen"],
                f"{prefix}_visit_seen_alone": row["seen_alone"],
                f"{prefix}_visit_bedroom": row["bedroom_seen"],
            }
            if kind == VisitKind.CP:
                out["cppv_cp_plan_id"] = row["ssd_plan"]
            yield out

    return rows
