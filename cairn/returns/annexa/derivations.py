"""How each Annex A cell is derived from a row's facts (shared/domain/annex-a.md "Derivation
rules"). The columns in `lists.py` name these functions; each takes (row, period) and returns a
str, int, date or None (a blank cell)."""

import datetime as dt

from cairn.casework.models import AssessmentOutcome, PlanKind
from cairn.returns.annexa import labels as L
from cairn.returns.annexa import selectors
from cairn.returns.annexa.period import Period, months_before


def not_held(_row: dict, _period: Period) -> None:
    """Cairn does not hold this yet: the cell is blank."""
    return None


# ---------------------------------------------------------------------------------------------
# Derivations shared by several lists

SHORT_BREAKS = frozenset({"V1", "V3", "V4"})
ASSESSED_IN_NEED = frozenset({AssessmentOutcome.CIN_PLAN, AssessmentOutcome.STRATEGY})
POLICE_PROTECTION_OR_EPO = frozenset({"L1", "L2"})


def open_on(started: dt.date | None, ended: dt.date | None, day: dt.date) -> bool:
    """Open on `day`: started by then and not ended by then (an end on `day` is over)."""
    return started is not None and started <= day and (ended is None or ended > day)


def until_reference(day: dt.date | None, period: Period) -> dt.date | None:
    """A date as known on the reference date (a later one has not happened yet)."""
    return day if day is not None and day <= period.reference_date else None


def count_previous(dates: list[dt.date], event: dt.date) -> int:
    """Events in the 12 months before `event`, not counting it (annex-a.md: Lists 3 and 5)."""
    since = months_before(event, 12)
    return sum(1 for day in dates if since <= day < event)


def disability(row: dict, _period: Period) -> str:
    """`a) Yes` for any code other than NONE, `b) No` for NONE only, `c) Unknown` if none."""
    codes = row["child"].disabilities
    if not codes:
        return L.UNKNOWN
    return L.YES if codes - {"NONE"} else L.NO


def allocation(row: dict, period: Period) -> selectors.AllocationFacts | None:
    """The row's allocation (see `_allocation`), worked out once for its team and worker."""
    cached = row.get("_allocation")
    if cached is None or cached[0] is not period:
        cached = row["_allocation"] = (period, _allocation(row, period))
    return cached[1]


def _allocation(row: dict, period: Period) -> selectors.AllocationFacts | None:
    """The current allocation on the reference date for an open case; for a closed one (or an
    open one with none current), the last allocation on the episode; failing that, the last
    allocation that started before the case closed; for a referral never allocated (List 3), the
    front door team that received it and the worker who made the threshold decision."""
    r = period.reference_date
    allocations = row["allocations"]
    closed_on = row.get("closed_on")
    if closed_on is None or closed_on > r:
        current = [a for a in allocations if a.ended_on is None or a.ended_on > r]
        if current:
            return current[-1]
    episode_id = row.get("episode_id")
    on_episode = [a for a in allocations if episode_id and a.episode_id == episode_id]
    if on_episode:
        return on_episode[-1]
    end = until_reference(closed_on, period) or r
    before_end = [a for a in allocations if a.started_on <= end]
    return before_end[-1] if before_end else row.get("front_door")


def allocated_team(row: dict, period: Period) -> str | None:
    found = allocation(row, period)
    return found.team if found else None


def allocated_worker(row: dict, period: Period) -> str | None:
    """The worker's display name; `Unallocated` when the case sits in a team's queue."""
    found = allocation(row, period)
    if found is None:
        return None
    return found.worker or L.UNALLOCATED


# ---------------------------------------------------------------------------------------------
# List 6: case status, first match wins (annex-a.md)


def case_status(row: dict, period: Period) -> str:
    r = period.reference_date
    if until_reference(row["closed_on"], period):
        return L.CASE_STATUS_CLOSED
    if any(
        open_on(p["started_on"], p["ceased_on"], r) and p["legal_status"] not in SHORT_BREAKS
        for p in row["looked_after_periods"]
    ):
        return L.CASE_STATUS_LOOKED_AFTER
    open_plans = {p["kind"] for p in row["plans"] if open_on(p["started_on"], p["ended_on"], r)}
    if PlanKind.CP in open_plans:
        return L.CASE_STATUS_CP
    # An open CIN plan or a care leaver is c); Cairn records no care-leaver status yet.
    if PlanKind.CIN in open_plans:
        return L.CASE_STATUS_CIN
    if row["has_open_assessment"]:
        return L.CASE_STATUS_ASSESSMENT
    return L.CASE_STATUS_CIN


def primary_need(row: dict, _period: Period) -> str:
    """The episode's primary need; `N0 - Not stated` while it is not yet recorded (an open
    episode before its assessment sets it)."""
    return L.coded(L.PRIMARY_NEED, row["primary_need"] or "N0")


def closure_reason(row: dict, period: Period) -> str | None:
    if until_reference(row["closed_on"], period) is None:
        return None
    return L.coded(L.CLOSURE_REASON, row["closure_reason"])


# ---------------------------------------------------------------------------------------------
# List 7: the CP plan's categories, visits and history


def _last_cp_visit(row: dict, period: Period) -> dict | None:
    end = until_reference(row["ended_on"], period) or period.reference_date
    visits = [v for v in row["cp_visits"] if row["started_on"] <= v["visited_on"] <= end]
    return visits[-1] if visits else None


def last_statutory_visit(row: dict, period: Period) -> dt.date | None:
    visit = _last_cp_visit(row, period)
    return visit["visited_on"] if visit else None


def seen_alone(row: dict, period: Period) -> str | None:
    visit = _last_cp_visit(row, period)
    return L.yes_no(visit["seen_alone"]) if visit else None


def emergency_protection(row: dict, period: Period) -> str:
    """Looked after under police protection (L1) or an EPO (L2) at any time in the six months
    before the reference date."""
    since, r = period.six_months_start, period.reference_date
    return L.yes_no(
        any(
            p["legal_status"] in POLICE_PROTECTION_OR_EPO
            and p["started_on"] <= r
            and (p["ceased_on"] is None or p["ceased_on"] >= since)
            for p in row["looked_after_periods"]
        )
    )


def previous_cp_plans(row: dict, _period: Period) -> int:
    """CP plans for the child that ended before this plan started."""
    return sum(
        1
        for p in row["plans"]
        if p["pk"] != row["pk"] and p["ended_on"] and p["ended_on"] < row["started_on"]
    )


# ---------------------------------------------------------------------------------------------
# List 8: periods of care


def care_started_on(row: dict, _period: Period) -> dt.date:
    """The start of the continuous time in care this period belongs to: a period that starts
    the day the previous one ceased (or the day after, e.g. a new legal status) continues it."""
    start = row["started_on"]
    for p in reversed(row["looked_after_periods"]):
        if p["pk"] == row["pk"] or p["started_on"] >= start or p["ceased_on"] is None:
            continue
        if p["ceased_on"] >= start - dt.timedelta(days=1):
            start = p["started_on"]
    return start


def subsequent_period(row: dict, period: Period) -> str:
    """`a) Yes` when an earlier, separate period of care ended in the 12 months before the
    reference date."""
    start = care_started_on(row, period)
    return L.yes_no(
        any(
            p["started_on"] < start
            and p["ceased_on"] is not None
            and p["ceased_on"] < start
            and p["ceased_on"] >= period.year_start
            for p in row["looked_after_periods"]
        )
    )


def category_of_need(row: dict, period: Period) -> str | None:
    """The primary need of the episode open when care began, else the latest episode."""
    start = care_started_on(row, period)
    episodes = row["episodes"]
    at_start = [e for e in episodes if open_on(e["referral_date"], e["closed_on"], start)]
    candidates = at_start or episodes
    return L.coded(L.PRIMARY_NEED, candidates[-1]["primary_need"] if candidates else "")


def _care_days(row: dict, period: Period) -> tuple[dt.date, dt.date]:
    end = until_reference(row["ceased_on"], period) or period.reference_date
    return care_started_on(row, period), end


def last_social_work_visit(row: dict, period: Period) -> dt.date | None:
    start, end = _care_days(row, period)
    visits = [day for day in row["visit_dates"] if start <= day <= end]
    return max(visits) if visits else None


def missing_episodes(row: dict, period: Period) -> int:
    """Missing episodes recorded (significant events) while in care, in the last 12 months."""
    start, end = _care_days(row, period)
    since = max(start, period.year_start)
    return sum(1 for day in row["missing_dates"] if since <= day <= end)


def reason_ceased(row: dict, period: Period) -> str | None:
    if until_reference(row["ceased_on"], period) is None:
        return None
    return L.coded(L.REASON_CEASED, row["reason_ceased"])


# ---------------------------------------------------------------------------------------------
# Lists 4 and 5


def assessed_in_need(row: dict, period: Period) -> str | None:
    """From the authorised assessment's outcome: a CIN plan or a strategy discussion means the
    child needs social care support; blank while the assessment is not authorised."""
    if until_reference(row["authorised_on"], period) is None:
        return None
    return L.yes_no(row["outcome"] in ASSESSED_IN_NEED)


def icpc_date(row: dict, _period: Period) -> dt.date | None:
    return row["icpc"]["held_on"] if row["icpc"] else None


def icpc_decided_plan(row: dict, _period: Period) -> str | None:
    if not row["icpc"] or not row["icpc"]["outcome"]:
        return None
    return L.yes_no(row["icpc"]["outcome"] == "cp_plan")
