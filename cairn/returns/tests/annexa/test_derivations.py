"""The derivations annex-a.md spells out, on row facts (no database)."""

import datetime as dt

import pytest

from cairn.returns.annexa import labels as L
from cairn.returns.annexa.derivations import (
    allocated_worker,
    care_started_on,
    case_status,
    count_previous,
    disability,
    emergency_protection,
    subsequent_period,
)
from cairn.returns.annexa.period import Period
from cairn.returns.annexa.selectors import AllocationFacts, ChildFacts

D = dt.date
PERIOD = Period(D(2026, 3, 31))


def cin_row(**facts):
    return {
        "closed_on": None,
        "looked_after_periods": [],
        "plans": [],
        "has_open_assessment": False,
    } | facts


def care(pk, started, legal="C1", ceased=None):
    return {"pk": pk, "started_on": started, "legal_status": legal, "ceased_on": ceased}


def plan(kind, started, ended=None):
    return {"pk": 1, "kind": kind, "started_on": started, "ended_on": ended}


CP = [plan("cp", D(2025, 6, 1))]


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # Closed wins over everything, even a period of care still open.
        (
            {"closed_on": D(2026, 1, 1), "looked_after_periods": [care(1, D(2025, 1, 1))]},
            L.CASE_STATUS_CLOSED,
        ),
        # A closure after the reference date has not happened yet.
        ({"closed_on": D(2026, 4, 2), "has_open_assessment": True}, L.CASE_STATUS_ASSESSMENT),
        (
            {
                "looked_after_periods": [care(1, D(2025, 1, 1))],
                "plans": [plan("cp", D(2025, 6, 1))],
            },
            L.CASE_STATUS_LOOKED_AFTER,
        ),
        # Short breaks are not looked after for case status.
        (
            {
                "looked_after_periods": [care(1, D(2025, 1, 1), "V3")],
                "plans": [plan("cp", D(2025, 6, 1))],
            },
            L.CASE_STATUS_CP,
        ),
        ({"plans": [plan("cp", D(2025, 6, 1)), plan("cin", D(2025, 1, 1))]}, L.CASE_STATUS_CP),
        ({"plans": [plan("cp", D(2025, 6, 1), D(2026, 1, 1))]}, L.CASE_STATUS_CIN),
        ({"plans": [plan("cin", D(2025, 1, 1))], "has_open_assessment": True}, L.CASE_STATUS_CIN),
        ({"has_open_assessment": True}, L.CASE_STATUS_ASSESSMENT),
        ({}, L.CASE_STATUS_CIN),
    ],
)
def test_case_status_first_match_wins(facts, expected):
    assert case_status(cin_row(**facts), PERIOD) == expected


def test_counts_in_the_last_12_months_are_previous_events_only():
    dates = [D(2025, 3, 10), D(2025, 3, 11), D(2025, 11, 1), D(2026, 3, 10), D(2026, 3, 11)]
    # The 12 months before 10 March 2026 start on 11 March 2025; the event itself is not counted.
    assert count_previous(dates, D(2026, 3, 10)) == 2


@pytest.mark.parametrize(
    ("codes", "expected"),
    [(set(), L.UNKNOWN), ({"NONE"}, L.NO), ({"AUT"}, L.YES), ({"AUT", "VIS"}, L.YES)],
)
def test_disability(codes, expected):
    child = ChildFacts("X1", "F", "WBRI", None, frozenset(codes))
    assert disability({"child": child}, PERIOD) == expected


def allocation(worker, started, ended=None, episode_id=1):
    return AllocationFacts(episode_id, "North locality", worker, started, ended, 0)


def test_allocated_worker_for_open_closed_and_queued_cases():
    history = [
        allocation("Sam Carter", D(2025, 1, 1), D(2025, 9, 1)),
        allocation(None, D(2025, 9, 1)),
    ]
    open_row = {"allocations": history, "closed_on": None, "episode_id": 1}
    assert allocated_worker(open_row, PERIOD) == L.UNALLOCATED
    closed_row = {"allocations": history[:1], "closed_on": D(2025, 9, 1), "episode_id": 1}
    assert allocated_worker(closed_row, PERIOD) == "Sam Carter"
    assert allocated_worker({"allocations": [], "closed_on": None}, PERIOD) is None


def test_a_new_legal_status_continues_the_time_in_care():
    periods = [
        care(1, D(2024, 1, 1), "V2", D(2024, 6, 1)),
        care(2, D(2025, 2, 1), "V2", D(2025, 9, 30)),
        care(3, D(2025, 10, 1), "C1"),
    ]
    row = periods[2] | {"looked_after_periods": periods}
    assert care_started_on(row, PERIOD) == D(2025, 2, 1)
    # The earlier separate period ended more than 12 months before the reference date.
    assert subsequent_period(row, PERIOD) == L.NO
    periods[0]["ceased_on"] = D(2025, 5, 1)
    periods[1]["started_on"] = D(2025, 8, 1)
    assert subsequent_period(row, PERIOD) == L.YES


def test_police_protection_or_epo_in_the_last_six_months():
    def row(*periods):
        return {"looked_after_periods": list(periods)}

    assert emergency_protection(row(care(1, D(2025, 9, 1), "L2", D(2025, 10, 1))), PERIOD) == L.YES
    assert emergency_protection(row(care(1, D(2025, 8, 1), "L1", D(2025, 9, 30))), PERIOD) == L.NO
    assert emergency_protection(row(care(1, D(2025, 8, 1), "C1")), PERIOD) == L.NO


def test_labels_follow_codes_md():
    assert L.SOURCE_LABELS["1A"] == "a) 1A: Individual"
    assert L.SOURCE_LABELS["4"] == "m) 4: Housing"
    assert L.SOURCE_LABELS["6"] == "q) 6: Police"
    assert L.SOURCE_LABELS["10"] == "u) 10: Unknown"
    assert L.ETHNICITY_LABELS["OOTH"] == "r) OOTH"
    assert L.ETHNICITY_LABELS["REFU"] == "s) REFU"
    assert L.coded(L.PRIMARY_NEED, "") is None
