"""Referrals (CIN episodes), assessments and their factors, CIN plans, and visits."""

from __future__ import annotations

import datetime as dt

from cairn.casework.models import (
    Assessment,
    AssessmentFactor,
    AssessmentOutcome,
    AssessmentStatus,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
)
from cairn.casework.models.visits import Visit, VisitKind
from cairn.core.working_days import council_calendar
from cairn.frontdoor.models import Episode
from cairn.returns.ssd import spec
from cairn.returns.ssd.importer.engine import Item, Loader, Row
from cairn.returns.ssd.importer.parsing import RowError
from cairn.returns.ssd.importer.tables.base import (
    Handler,
    dates_in_order,
    kind_of,
    outcome_flag,
)

ASSESSMENT_WORKING_DAYS = 45


class Referrals(Handler):
    """ssd_cin_episodes -> frontdoor.Episode. The team and worker are the allocation's, which
    ssd_involvements carries."""

    table = "ssd_cin_episodes"

    def check(self, loader, row):
        v = row.values
        dates_in_order(row, "cine_referral_date", "cine_close_date")
        if v["cine_close_date"] and not v["cine_close_reason"]:
            raise RowError("cine_close_reason is blank: a closed episode needs its reason")

    def write(self, loader, rows):
        loader.upsert(
            kind_of(self.table),
            Episode,
            [
                Item(
                    r.row_id,
                    {
                        "child_id": r.parents["cine_person_id"],
                        "referral_date": r.values["cine_referral_date"],
                        "source": r.values["cine_referral_source_code"],
                        "primary_need": r.values["cine_cin_primary_need_code"],
                        "referral_nfa": bool(r.values["cine_referral_nfa"]),
                        "closed_on": r.values["cine_close_date"],
                        "closure_reason": r.values["cine_close_reason"],
                    },
                    person_id=r.parents["cine_person_id"],
                )
                for r in rows
            ],
        )


class Assessments(Handler):
    table = "ssd_cin_assessments"

    def check(self, loader, row):
        dates_in_order(row, "cina_assessment_start_date", "cina_assessment_auth_date")

    def write(self, loader, rows):
        calendar = council_calendar()
        referral_dates = dict(
            Episode.all_objects.filter(
                pk__in={r.parents["cina_referral_id"] for r in rows}
            ).values_list("pk", "referral_date")
        )
        items = []
        for r in rows:
            v = r.values
            outcome = ""
            if v["cina_assessment_outcome_nfa"]:
                outcome = AssessmentOutcome.NFA
            else:
                outcome = outcome_flag(
                    spec.ASSESSMENT_OUTCOME_FLAG, v["cina_assessment_outcome_json"]
                )
            authorised = v["cina_assessment_auth_date"]
            if authorised and not outcome:
                outcome = AssessmentOutcome.OTHER
            counted_from = (
                referral_dates.get(r.parents["cina_referral_id"]) or v["cina_assessment_start_date"]
            )
            items.append(
                Item(
                    r.row_id,
                    {
                        "episode_id": r.parents["cina_referral_id"],
                        "child_id": r.parents["cina_person_id"],
                        "started_on": v["cina_assessment_start_date"],
                        "child_seen_on": v["cina_assessment_start_date"]
                        if v["cina_assessment_child_seen"]
                        else None,
                        "authorised_on": authorised,
                        "status": AssessmentStatus.AUTHORISED
                        if authorised
                        else AssessmentStatus.DRAFT,
                        "outcome": outcome,
                    },
                    person_id=r.parents["cina_person_id"],
                    create_only={
                        "target_date": calendar.add_working_days(
                            counted_from, ASSESSMENT_WORKING_DAYS
                        ),
                    },
                )
            )
        loader.upsert(kind_of(self.table), Assessment, items)


class AssessmentFactors(Handler):
    """ssd_assessment_factors -> one casework.AssessmentFactor per code (codes already on the
    assessment are kept)."""

    table = "ssd_assessment_factors"

    def write(self, loader, rows):
        assessments = {r.row_id: r.parents["cinf_assessment_id"] for r in rows}
        children = dict(
            Assessment.all_objects.filter(pk__in=assessments.values()).values_list("pk", "child_id")
        )
        existing = {
            (a, c): pk
            for pk, a, c in AssessmentFactor.objects.filter(
                assessment_id__in=assessments.values()
            ).values_list("pk", "assessment_id", "code")
        }
        items = []
        for r in rows:
            assessment = assessments[r.row_id]
            for code in r.values["cinf_assessment_factors_json"]:
                items.append(
                    Item(
                        f"{r.row_id}:{code}",
                        {
                            "assessment_id": assessment,
                            "code": code,
                        },
                        person_id=children.get(assessment),
                    )
                )
        by_item = {i.external_id: (i.fields["assessment_id"], i.fields["code"]) for i in items}
        loader.upsert(
            "assessment_factor",
            AssessmentFactor,
            items,
            match=lambda ids: {i: existing[by_item[i]] for i in ids if by_item[i] in existing},
        )
        loader.touch_references(kind_of(self.table), Assessment, assessments)


def first_versions(
    loader: Loader,
    kind: str,
    plans: dict[str, int],
    rows: list[Row],
    start: str,
    meetings: dict[str, int | None],
) -> None:
    """Version 1 of each plan, authorised on its start date (made at the ICPC for a CP plan):
    the SSD holds no plan content, and Cairn's plan is current from its first version."""
    loader.upsert(
        f"{kind}_version",
        PlanVersion,
        [
            Item(
                r.row_id,
                {
                    "plan_id": plans[r.row_id],
                    "number": 1,
                    "made_on": r.values[start],
                    "authorised_on": r.values[start],
                    "meeting_id": meetings.get(r.row_id),
                },
            )
            for r in rows
        ],
    )


def plan_items(rows, *, kind, id_start, id_end, person, referral) -> list[Item]:
    items = []
    for r in rows:
        ended = r.values[id_end]
        items.append(
            Item(
                r.row_id,
                {
                    "child_id": r.parents[person],
                    "episode_id": r.parents.get(referral),
                    "kind": kind,
                    "status": PlanStatus.ENDED if ended else PlanStatus.ACTIVE,
                    "started_on": r.values[id_start],
                    "ended_on": ended,
                },
                person_id=r.parents[person],
            )
        )
    return items


class CinPlans(Handler):
    table = "ssd_cin_plans"

    def check(self, loader, row):
        dates_in_order(row, "cinp_cin_plan_start_date", "cinp_cin_plan_end_date")

    def write(self, loader, rows):
        plans = loader.upsert(
            kind_of(self.table),
            Plan,
            plan_items(
                rows,
                kind=PlanKind.CIN,
                id_start="cinp_cin_plan_start_date",
                id_end="cinp_cin_plan_end_date",
                person="cinp_person_id",
                referral="cinp_referral_id",
            ),
        )
        first_versions(loader, kind_of(self.table), plans, rows, "cinp_cin_plan_start_date", {})


def _episodes_on(rows: list[Row], person_field: str, date_field: str) -> dict[str, int]:
    """Each row's CIN episode: the child's latest episode referred on or before the date."""
    children = {r.parents[person_field] for r in rows}
    episodes: dict[int, list[tuple[dt.date, int]]] = {}
    for pk, child, referred in (
        Episode.objects.filter(child_id__in=children)
        .order_by("referral_date", "pk")
        .values_list("pk", "child_id", "referral_date")
    ):
        episodes.setdefault(child, []).append((referred, pk))
    found = {}
    for r in rows:
        day = r.values[date_field]
        candidates = [
            pk for referred, pk in episodes.get(r.parents[person_field], []) if referred <= day
        ]
        if candidates:
            found[r.row_id] = candidates[-1]
    return found


class Visits(Handler):
    """CIN and CP visits -> casework.Visit, in the child's CIN episode on the visit date. The
    SSD does not say who visited: the worker is the import actor."""

    kind: str
    prefix: str
    reads = ("ssd_cin_episodes",)  # the episode on the visit date

    def check(self, loader, row):
        p = self.prefix
        if row.values[f"{p}_seen_alone"] and not row.values[f"{p}_seen"]:
            raise RowError(f"{p}_seen_alone is Y but {p}_seen is not: a child seen alone was seen")

    def write(self, loader, rows):
        p = self.prefix
        person = f"{p.split('_')[0]}_person_id"
        episodes = _episodes_on(rows, person, f"{p}_date")
        missing = [r for r in rows if r.row_id not in episodes]
        if missing:
            raise ValueError(
                f"no CIN episode for the child on the visit date ({missing[0].values[f'{p}_date']})"
            )
        loader.upsert(
            kind_of(self.table),
            Visit,
            [
                Item(
                    r.row_id,
                    {
                        "child_id": r.parents[person],
                        "episode_id": episodes[r.row_id],
                        "kind": self.kind,
                        "visited_on": r.values[f"{p}_date"],
                        "child_seen": bool(r.values[f"{p}_seen"]),
                        "seen_alone": bool(r.values[f"{p}_seen_alone"]),
                        "bedroom_seen": bool(r.values[f"{p}_bedroom"]),
                    },
                    person_id=r.parents[person],
                    create_only={"worker_id": loader.actor.pk},
                )
                for r in rows
            ],
        )


class CinVisits(Visits):
    table, kind, prefix = "ssd_cin_visits", VisitKind.CIN, "cinv_cin_visit"


class CpVisits(Visits):
    table, kind, prefix = "ssd_cp_visits", VisitKind.CP, "cppv_cp_visit"
