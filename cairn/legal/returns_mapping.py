"""Where each return item about pre-proceedings comes from (architecture decision 6: every
field that feeds a return maps to its item in one place).

Two returns read pre-proceedings, one row per child per pre-proceedings period:
- the CIN census `PreProceedingsandFGDM` block (2026/27 on, provisional; cin-census.md), and
- the SSD `ssd_pre_proceedings` table (a placeholder in the SSD; ssd.md).

`CENSUS` and `SSD` map each element / field to a function of `PPFacts` (the period, the child and
what hangs off them); `census_row` and `ssd_row` apply them. Codes marked unverified in the
domain notes (census PPOutcome CS131, SSD gateway letters) are given as the notes describe.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from cairn.casework.models import MeetingKind, Plan, PlanKind
from cairn.frontdoor.models import Episode
from cairn.legal.models import (
    CarePlan,
    CareProceedings,
    CareProceedingsChild,
    LegalDecision,
    PreProceedings,
    PreProceedingsChild,
    PreProceedingsMeeting,
    PreProceedingsOutcome,
)


@dataclass
class PPFacts:
    """One child in one pre-proceedings period, with everything the returns derive from."""

    row: PreProceedingsChild
    pp: PreProceedings
    child: object
    meetings: list[PreProceedingsMeeting]
    proceedings: CareProceedings | None
    proceedings_child: CareProceedingsChild | None
    earlier_pre_proceedings: int
    earlier_care_proceedings: int
    cp_plans_in_referral: int

    @property
    def initial(self) -> PreProceedingsMeeting | None:
        return next((m for m in self.meetings if m.meeting.kind == MeetingKind.PP_INITIAL), None)

    @property
    def review_count(self) -> int:
        return sum(1 for m in self.meetings if m.meeting.kind == MeetingKind.PP_REVIEW)


def pp_facts(row: PreProceedingsChild) -> PPFacts:
    """The facts for one child in one period (a handful of queries; returns build them for a
    year's rows with `pp_facts_for`)."""
    pp, child = row.pre_proceedings, row.child
    meetings = list(pp.meetings.select_related("meeting").order_by("meeting__held_at", "pk"))
    proceedings = pp.care_proceedings.order_by("issued_on", "pk").first()
    proceedings_child = (
        proceedings.children.filter(child=child).first() if proceedings is not None else None
    )
    episode = (
        Episode.objects.filter(child=child, referral_date__lte=pp.decided_on)
        .order_by("-referral_date")
        .first()
    )
    return PPFacts(
        row=row,
        pp=pp,
        child=child,
        meetings=meetings,
        proceedings=proceedings,
        proceedings_child=proceedings_child,
        earlier_pre_proceedings=PreProceedingsChild.objects.filter(
            child=child, pre_proceedings__decided_on__lt=pp.decided_on
        ).count(),
        earlier_care_proceedings=CareProceedingsChild.objects.filter(
            child=child, proceedings__issued_on__lt=pp.decided_on
        ).count(),
        cp_plans_in_referral=(
            Plan.objects.filter(episode=episode, kind=PlanKind.CP).count() if episode else 0
        ),
    )


def pp_facts_for(rows) -> list[PPFacts]:
    rows = rows.select_related("pre_proceedings__legal_planning", "child")
    return [pp_facts(row) for row in rows]


# --- value helpers -------------------------------------------------------------------------


def _date(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return value.isoformat() if value else ""


def _flag(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def _yn(value: bool | None) -> str:
    return "" if value is None else ("Y" if value else "N")


def _initial_date(f: PPFacts) -> str:
    return _date(f.initial.meeting.held_at) if f.initial else ""


PP_OUTCOME_CODE = {PreProceedingsOutcome.STEP_DOWN: "A", PreProceedingsOutcome.ISSUE: "B"}
SSD_PP_OUTCOME = {
    PreProceedingsOutcome.STEP_DOWN: "Step down",
    PreProceedingsOutcome.ISSUE: "Issue proceedings",
}
SSD_GATEWAY = {
    LegalDecision.CONTINUE: "A",
    LegalDecision.START_PRE_PROCEEDINGS: "B",
    LegalDecision.ISSUE_PROCEEDINGS: "C",
    LegalDecision.OTHER: "D",
}


def _proceedings(attr: str) -> Callable[[PPFacts], str]:
    def value(f: PPFacts):
        return getattr(f.proceedings, attr) if f.proceedings else None

    return value


def _plan(attr: str) -> Callable[[PPFacts], str]:
    def value(f: PPFacts) -> str:
        pc = f.proceedings_child
        if pc is None:
            return ""
        raw = getattr(pc, attr)
        if raw is None or isinstance(raw, dt.date):
            return _date(raw)
        return CarePlan(raw).label if raw else ""

    return value


# Census element -> (what it is, how it is derived). Order as the block lists them.
CENSUS: dict[str, tuple[str, Callable[[PPFacts], str]]] = {
    "PPStartDate": (
        "PreProceedings.decided_on (the legal planning meeting's decision)",
        lambda f: _date(f.pp.decided_on),
    ),
    "LBPSentDate": ("PreProceedings.letter_sent_on", lambda f: _date(f.pp.letter_sent_on)),
    "FGDMMeetingOffer": ("PreProceedings.fgdm_offered as 1/0", lambda f: _flag(f.pp.fgdm_offered)),
    "FGDMMeetingFac": (
        "PreProceedings.fgdm_held_on set (1) or not (0), when offered",
        lambda f: _flag(bool(f.pp.fgdm_held_on)) if f.pp.fgdm_offered else "",
    ),
    "InitialPPMeetingDate": (
        "the Meeting of kind pp_initial for the period: its date",
        _initial_date,
    ),
    "ReviewMeetingsCount": (
        "count of Meetings of kind pp_review for the period",
        lambda f: str(f.review_count) if f.initial else "",
    ),
    "StepDecisionDate": ("PreProceedings.step_decided_on", lambda f: _date(f.pp.step_decided_on)),
    "PPOutcome": (
        "PreProceedings.outcome: step down A, issue B (CS131, meanings unverified)",
        lambda f: PP_OUTCOME_CODE.get(f.pp.outcome, ""),
    ),
    "CourtAppDate": (
        "CareProceedings.issued_on of the proceedings that followed",
        lambda f: _date(_proceedings("issued_on")(f)),
    ),
    "LetterInitCPDate": (
        "CareProceedings.parents_letter_sent_on of the proceedings that followed",
        lambda f: _date(_proceedings("parents_letter_sent_on")(f)),
    ),
}

# SSD ssd_pre_proceedings field -> (what it is, how it is derived).
SSD: dict[str, tuple[str, Callable[[PPFacts], str]]] = {
    "prep_table_id": (
        "PreProceedingsChild.pk (one row per child per period)",
        lambda f: str(f.row.pk),
    ),
    "prep_person_id": ("the child's LA child ID", lambda f: f.child.la_child_id or str(f.child.pk)),
    "prep_plo_family_id": ("PreProceedings.pk (shared by siblings)", lambda f: str(f.pp.pk)),
    "prep_pre_pro_decision_date": ("PreProceedings.decided_on", lambda f: _date(f.pp.decided_on)),
    "prep_initial_pre_pro_meeting_date": ("the pp_initial Meeting's date", _initial_date),
    "prep_pre_pro_outcome": (
        "PreProceedings.outcome (blank while open)",
        lambda f: SSD_PP_OUTCOME.get(f.pp.outcome, ""),
    ),
    "prep_agree_stepdown_issue_date": (
        "PreProceedings.step_decided_on",
        lambda f: _date(f.pp.step_decided_on),
    ),
    "prep_cp_plans_referral_period": (
        "count of CP Plans in the child's referral (episode) current at the decision",
        lambda f: str(f.cp_plans_in_referral),
    ),
    "prep_legal_gateway_outcome": (
        "LegalPlanningDetail.decision: continue A, start pre-proceedings B, issue C, other D",
        lambda f: SSD_GATEWAY[f.pp.legal_planning.decision] if f.pp.legal_planning else "D",
    ),
    "prep_prev_pre_proc_child": (
        "count of the child's earlier PreProceedings (decided before this one)",
        lambda f: str(f.earlier_pre_proceedings),
    ),
    "prep_prev_care_proc_child": (
        "count of the child's CareProceedings issued before this period",
        lambda f: str(f.earlier_care_proceedings),
    ),
    "prep_pre_pro_letter_date": (
        "PreProceedings.letter_sent_on",
        lambda f: _date(f.pp.letter_sent_on),
    ),
    "prep_care_pro_letter_date": (
        "CareProceedings.parents_letter_sent_on",
        lambda f: _date(_proceedings("parents_letter_sent_on")(f)),
    ),
    "prep_pre_pro_meetings_num": (
        "count of pp_review Meetings after the initial one",
        lambda f: str(f.review_count),
    ),
    "prep_pre_pro_parents_legal_rep": (
        "PreProceedingsMeeting.parents_legal_rep at the initial meeting (Y/N/U)",
        lambda f: f.initial.parents_legal_rep if f.initial else "",
    ),
    "prep_parents_legal_rep_point_of_issue": (
        "CareProceedings.parents_legal_rep (Y/N/U)",
        lambda f: _proceedings("parents_legal_rep")(f) or "",
    ),
    "prep_court_reference": (
        "CareProceedings.case_number",
        lambda f: _proceedings("case_number")(f) or "",
    ),
    "prep_care_proc_court_hearings": (
        "count of Hearings in the proceedings",
        lambda f: str(f.proceedings.hearings.count()) if f.proceedings else "",
    ),
    "prep_care_proc_short_notice": (
        "CareProceedings.short_notice (Y/N)",
        lambda f: _yn(_proceedings("short_notice")(f)),
    ),
    "prep_proc_short_notice_reason": (
        "CareProceedings.short_notice_reason",
        lambda f: _proceedings("short_notice_reason")(f) or "",
    ),
    "prep_la_inital_plan_approved": (
        "CareProceedingsChild.initial_plan_approved_on",
        _plan("initial_plan_approved_on"),
    ),
    "prep_la_initial_care_plan": (
        "CareProceedingsChild.initial_care_plan",
        _plan("initial_care_plan"),
    ),
    "prep_la_final_plan_approved": (
        "CareProceedingsChild.final_plan_approved_on",
        _plan("final_plan_approved_on"),
    ),
    "prep_la_final_care_plan": ("CareProceedingsChild.final_care_plan", _plan("final_care_plan")),
}


def census_row(facts: PPFacts) -> dict[str, str]:
    return {element: derive(facts) for element, (_, derive) in CENSUS.items()}


def ssd_row(facts: PPFacts) -> dict[str, str]:
    return {name: derive(facts) for name, (_, derive) in SSD.items()}
