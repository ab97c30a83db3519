"""Child protection: section 47 enquiries, initial conferences, CP plans and reviews."""

from __future__ import annotations

from cairn.casework.models import (
    Attendance,
    AttendeeRole,
    Meeting,
    MeetingChild,
    MeetingKind,
    Plan,
    PlanKind,
)
from cairn.casework.models.meetings import PARTICIPATION_PN_CODE, AgencyKind, ParticipationMode
from cairn.protection.models import (
    ConferenceDetail,
    ConferenceOutcome,
    CPCategory,
    S47Enquiry,
    S47Outcome,
)
from cairn.returns.ssd.importer.engine import Item, day_start
from cairn.returns.ssd.importer.parsing import RowError, json_flag
from cairn.returns.ssd.importer.tables.base import (
    Handler,
    dates_in_order,
    kind_of,
)
from cairn.returns.ssd.importer.tables.cin import first_versions, plan_items


def _meetings(
    loader,
    kind_name,
    rows,
    *,
    meeting_field,
    date_field,
    person_field,
    meeting_kind,
    plan_field=None,
) -> dict[str, int]:
    """The casework.Meeting of each row (rows sharing a meeting id share the meeting) and the
    MeetingChild of each row's child. Returns row id -> meeting pk."""
    meeting_of = {r.row_id: (r.values.get(meeting_field) or f"row:{r.row_id}") for r in rows}
    meetings = loader.upsert(
        f"{kind_name}_meeting",
        Meeting,
        [
            Item(
                meeting_of[r.row_id],
                {
                    "kind": meeting_kind,
                    "held_at": day_start(r.values[date_field]),
                    "plan_id": r.parents.get(plan_field) if plan_field else None,
                },
            )
            for r in rows
        ],
    )
    result = {r.row_id: meetings[meeting_of[r.row_id]] for r in rows}
    pairs = {(result[r.row_id], r.parents[person_field]): r for r in rows}
    existing = {
        (m, c): pk
        for pk, m, c in MeetingChild.objects.filter(
            meeting_id__in={m for m, _ in pairs}
        ).values_list("pk", "meeting_id", "child_id")
    }
    participation = MEETING_PARTICIPATION
    items = []
    for (meeting, child), r in pairs.items():
        pn = r.values.get("cppr_cp_review_participation", "")
        mode = participation.get(pn, "")
        items.append(
            Item(
                r.row_id,
                {
                    "meeting_id": meeting,
                    "child_id": child,
                    "participation": mode,
                    # Cairn asks why a child was not given the opportunity; the SSD has no
                    # field for it, so the note says where the code came from.
                    "participation_note": (
                        f"{pn} (not given the opportunity) in {loader.system}'s extract, which "
                        "records no reason"
                        if mode == ParticipationMode.NOT_GIVEN_OPPORTUNITY
                        else ""
                    ),
                },
                person_id=child,
            )
        )
    by_item = {i.external_id: (i.fields["meeting_id"], i.fields["child_id"]) for i in items}
    loader.upsert(
        f"{kind_name}_child",
        MeetingChild,
        items,
        match=lambda ids: {i: existing[by_item[i]] for i in ids if by_item[i] in existing},
    )
    return result


# PN code -> ParticipationMode (the first mode of a shared code).
MEETING_PARTICIPATION = {code: mode for mode, code in reversed(PARTICIPATION_PN_CODE.items())}


def s47_decision(outcome: dict, nfa: bool | None) -> tuple[bool | None, str]:
    """(icpc_needed, finding) from the S47 outcome (the inverse of export.s47_outcome): a
    conference flag means an ICPC is needed; NFA means not needed, concerns not substantiated;
    NFA_CONTINUE_SINGLE means not needed, substantiated; all flags empty means not decided."""
    if json_flag(outcome, "CP_CONFERENCE_FLAG"):
        return True, ""
    if json_flag(outcome, "NFA_FLAG") or nfa:
        return False, S47Outcome.NOT_SUBSTANTIATED
    if json_flag(outcome, "NFA_CONTINUE_SINGLE_FLAG"):
        return False, S47Outcome.SUBSTANTIATED
    decided = any(str(value).strip() for key, value in outcome.items() if key.endswith("_FLAG"))
    return (False, "") if decided else (None, "")


class S47s(Handler):
    """ssd_s47_enquiry -> protection.S47Enquiry and the strategy discussion (a Meeting) it
    started from, held on the S47 start date."""

    table = "ssd_s47_enquiry"

    def check(self, loader, row):
        dates_in_order(row, "s47e_s47_start_date", "s47e_s47_end_date")

    def write(self, loader, rows):
        meetings = _meetings(
            loader,
            "s47_strategy",
            rows,
            meeting_field="",
            date_field="s47e_s47_start_date",
            person_field="s47e_person_id",
            meeting_kind=MeetingKind.STRATEGY,
        )
        items = []
        for r in rows:
            v = r.values
            needed, finding = s47_decision(v["s47e_s47_outcome_json"], v["s47e_s47_nfa"])
            items.append(
                Item(
                    r.row_id,
                    {
                        "child_id": r.parents["s47e_person_id"],
                        "episode_id": r.parents["s47e_referral_id"],
                        "strategy_discussion_id": meetings[r.row_id],
                        "started_on": v["s47e_s47_start_date"],
                        "ended_on": v["s47e_s47_end_date"],
                        "lead_worker_id": r.parents.get("s47e_s47_completed_by_worker_id"),
                        "icpc_needed": needed,
                        "outcome": finding,
                        "icpc_not_needed_reason": "No conference (as recorded in the source)"
                        if needed is False
                        else "",
                    },
                    person_id=r.parents["s47e_person_id"],
                )
            )
        loader.upsert(kind_of(self.table), S47Enquiry, items)


class Icpcs(Handler):
    """ssd_initial_cp_conference -> a Meeting of kind icpc (siblings share it through
    icpc_icpc_meeting_id) and its protection.ConferenceDetail. A conference that made a plan
    needs the plan's initial category: it is read from ssd_cp_plans first."""

    table = "ssd_initial_cp_conference"

    def __init__(self, categories: dict[str, str] | None = None):
        self.categories = categories or {}

    def check(self, loader, row):
        v = row.values
        made_plan = v["icpc_icpc_outcome_cp_flag"] or json_flag(
            v["icpc_icpc_outcome_json"], "CP_FLAG"
        )
        if made_plan and not self.categories.get(row.row_id):
            raise RowError(
                "the conference made a plan but no ssd_cp_plans row with this "
                "cppl_icpc_id gives the plan's initial category"
            )

    def write(self, loader, rows):
        meetings = _meetings(
            loader,
            "icpc",
            rows,
            meeting_field="icpc_icpc_meeting_id",
            date_field="icpc_icpc_date",
            person_field="icpc_person_id",
            meeting_kind=MeetingKind.ICPC,
        )
        items = []
        for r in rows:
            v = r.values
            made_plan = v["icpc_icpc_outcome_cp_flag"] or json_flag(
                v["icpc_icpc_outcome_json"], "CP_FLAG"
            )
            decided = v["icpc_icpc_outcome_cp_flag"] is not None or any(
                str(value).strip()
                for key, value in v["icpc_icpc_outcome_json"].items()
                if key.endswith("_FLAG")
            )
            outcome = ConferenceOutcome.CP_PLAN if made_plan else ConferenceOutcome.NO_PLAN
            items.append(
                Item(
                    r.row_id,
                    {
                        "meeting_id": meetings[r.row_id],
                        "child_id": r.parents["icpc_person_id"],
                        "s47_id": r.parents.get("icpc_s47_enquiry_id"),
                        "outcome": outcome if decided else "",
                        "category": self.categories.get(r.row_id, "") if made_plan else "",
                        "transfer_in": bool(v["icpc_icpc_transfer_in"]),
                    },
                    person_id=r.parents["icpc_person_id"],
                )
            )
        loader.upsert(kind_of(self.table), ConferenceDetail, items)


class CpPlans(Handler):
    """ssd_cp_plans -> casework.Plan of kind cp and its CPCategory rows (initial from the
    start; the latest, when different, after it)."""

    table = "ssd_cp_plans"

    def check(self, loader, row):
        dates_in_order(row, "cppl_cp_plan_start_date", "cppl_cp_plan_end_date")
        if not row.values["cppl_cp_plan_initial_category"]:
            raise RowError("cppl_cp_plan_initial_category is blank: a plan has a category")

    def write(self, loader, rows):
        plans = loader.upsert(
            kind_of(self.table),
            Plan,
            plan_items(
                rows,
                kind=PlanKind.CP,
                id_start="cppl_cp_plan_start_date",
                id_end="cppl_cp_plan_end_date",
                person="cppl_person_id",
                referral="cppl_referral_id",
            ),
        )
        conference_meetings = dict(
            ConferenceDetail.all_objects.filter(
                pk__in={r.parents.get("cppl_icpc_id") for r in rows} - {None}
            ).values_list("pk", "meeting_id")
        )
        first_versions(
            loader,
            kind_of(self.table),
            plans,
            rows,
            "cppl_cp_plan_start_date",
            {r.row_id: conference_meetings.get(r.parents.get("cppl_icpc_id")) for r in rows},
        )
        items = []
        for r in rows:
            v = r.values
            initial, latest = v["cppl_cp_plan_initial_category"], v["cppl_cp_plan_latest_category"]
            items.append(
                Item(
                    f"{r.row_id}:initial",
                    {
                        "plan_id": plans[r.row_id],
                        "category": initial,
                        "from_on": v["cppl_cp_plan_start_date"],
                    },
                    person_id=r.parents["cppl_person_id"],
                )
            )
            if latest and latest != initial:
                items.append(
                    Item(
                        f"{r.row_id}:latest",
                        {
                            "plan_id": plans[r.row_id],
                            "category": latest,
                            "from_on": v["cppl_cp_plan_end_date"] or v["cppl_cp_plan_start_date"],
                        },
                        person_id=r.parents["cppl_person_id"],
                    )
                )
        loader.upsert("cp_category", CPCategory, items)


# A review the source records as quorate: children's social care and the two other statutory
# safeguarding partners attended (Cairn derives quoracy from attendance; ADR 22, Import).
QUORUM = (AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.POLICE, AgencyKind.HEALTH)


class CpReviews(Handler):
    """ssd_cp_reviews -> a Meeting of kind rcpc for the plan and its ConferenceDetail (outcome
    continue, or end and close); the participation code maps back to a ParticipationMode."""

    table = "ssd_cp_reviews"

    def check(self, loader, row):
        if not row.values["cppr_cp_plan_id"]:
            raise RowError("cppr_cp_plan_id is blank: a review belongs to a plan")

    def write(self, loader, rows):
        meetings = _meetings(
            loader,
            "cp_review",
            rows,
            meeting_field="cppr_cp_review_meeting_id",
            date_field="cppr_cp_review_date",
            person_field="cppr_person_id",
            meeting_kind=MeetingKind.RCPC,
            plan_field="cppr_cp_plan_id",
        )
        items = []
        for r in rows:
            carry_on = r.values["cppr_cp_review_outcome_continue_cp"]
            outcome = {True: ConferenceOutcome.CONTINUE, False: ConferenceOutcome.END_CLOSE}.get(
                carry_on, ""
            )
            items.append(
                Item(
                    r.row_id,
                    {
                        "meeting_id": meetings[r.row_id],
                        "child_id": r.parents["cppr_person_id"],
                        "outcome": outcome,
                    },
                    person_id=r.parents["cppr_person_id"],
                )
            )
        loader.upsert(kind_of(self.table), ConferenceDetail, items)
        quorum = []
        for r in rows:
            if r.values["cppr_cp_review_quorate"]:
                for kind in QUORUM:
                    quorum.append(
                        Item(
                            f"{r.row_id}:{kind}",
                            {
                                "meeting_id": meetings[r.row_id],
                                "role": AttendeeRole.PROFESSIONAL,
                                "name": f"{kind.label} (not named in {loader.system})"[:120],
                                "agency_kind": kind,
                                "direct_contact": True,
                                "invited": True,
                                "attended": True,
                            },
                            person_id=r.parents["cppr_person_id"],
                        )
                    )
        loader.upsert("cp_review_quorum", Attendance, quorum)
