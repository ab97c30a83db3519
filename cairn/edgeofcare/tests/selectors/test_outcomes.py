"""The service report against a hand-computed fixture, and the 6/12-month rule.

Today is 16 March 2026. Financial years: 2024 to 2025 (April 2024 to March 2025) and 2025 to
2026. Two referring teams, North and South. Looked-after periods are the legal record's.

| # | team  | referred    | ended       | outcome at end   | looked after later        |
|---|-------|-------------|-------------|------------------|---------------------------|
| 1 | North | 10 May 2024 | 1 Aug 2024  | remained at home | none                      |
| 2 | North | 1 Jun 2024  | 1 Sep 2024  | remained at home | from 1 Dec 2024 (3 months)|
| 3 | South | 1 Jul 2024  | 1 Oct 2024  | remained at home | from 1 Aug 2025 (10 months)|
| 4 | South | 1 Feb 2025  | 1 Apr 2025  | became looked after | from 20 Mar 2025        |
| 5 | North | 1 Jun 2025  | 1 Sep 2025  | remained at home | none                      |
| 6 | North | 1 Aug 2025  | 1 Dec 2025  | other            | none                      |
| 7 | South | 1 Oct 2025  | open        |                  |                           |
| 8 | North | 1 Nov 2025  | (same child as 1) open |         |                           |

6 months are known for ends on or before 16 Sep 2025 (#1-#5); 12 months for ends on or before
16 Mar 2025 (#1-#3).
"""

import datetime as dt

import pytest

from cairn.edgeofcare.models import InterventionOutcome as O
from cairn.edgeofcare.selectors.outcomes import at_home_after, cohort_of, service_report
from cairn.testing.edgeofcare_factories import (
    AcceptedReferralFactory,
    InterventionFactory,
    ended_intervention,
)
from cairn.testing.factories import PersonFactory
from cairn.testing.legal_factories import LookedAfterPeriodFactory

TODAY = dt.date(2026, 3, 16)
d = dt.date


@pytest.fixture
def fixture(teams):
    north, south = teams["north"], teams["south"]
    kids = [PersonFactory() for _ in range(7)]
    rows = [
        (kids[0], north, d(2024, 5, 10), d(2024, 8, 1), O.REMAINED_AT_HOME, None),
        (kids[1], north, d(2024, 6, 1), d(2024, 9, 1), O.REMAINED_AT_HOME, d(2024, 12, 1)),
        (kids[2], south, d(2024, 7, 1), d(2024, 10, 1), O.REMAINED_AT_HOME, d(2025, 8, 1)),
        (kids[3], south, d(2025, 2, 1), d(2025, 4, 1), O.LOOKED_AFTER, d(2025, 3, 20)),
        (kids[4], north, d(2025, 6, 1), d(2025, 9, 1), O.REMAINED_AT_HOME, None),
        (kids[5], north, d(2025, 8, 1), d(2025, 12, 1), O.OTHER, None),
    ]
    for child, team, referred, ended, outcome, looked_after in rows:
        ended_intervention(
            child=child, team=team, referred_on=referred, ended_on=ended, outcome=outcome
        )
        if looked_after:
            LookedAfterPeriodFactory(child=child, started_on=looked_after)
    for child, team, referred in [
        (kids[6], south, d(2025, 10, 1)),
        (kids[0], north, d(2025, 11, 1)),
    ]:
        InterventionFactory(
            referral=AcceptedReferralFactory(child=child, team=team, referred_on=referred)
        )


def _cells(figures):
    return (
        figures.supported,
        figures.ended,
        figures.at_home_end,
        figures.share_end,
        figures.at_home[6],
        figures.due[6],
        figures.share_after(6),
        figures.at_home[12],
        figures.due[12],
        figures.share_after(12),
    )


def test_report_by_financial_year_and_team(fixture, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        report = service_report(today=TODAY, by="year")
    first, second = report.cohorts
    assert first.label == "2024 to 2025"
    # #1-#4: all ended; at home at end #1-#3 (3 of 4 = 75%); 6 months known for all four:
    # #1 home, #2 looked after at 3 months, #3 home (care only at 10 months), #4 not (75%, 50%);
    # 12 months known for #1-#3: #1 home only (1 of 3 = 33%).
    assert _cells(first.total) == (4, 4, 3, 75, 2, 4, 50, 1, 3, 33)
    teams = dict(first.teams)
    assert _cells(teams["North locality"]) == (2, 2, 2, 100, 1, 2, 50, 1, 2, 50)
    assert _cells(teams["South locality"]) == (2, 2, 1, 50, 1, 2, 50, 0, 1, 0)
    assert second.label == "2025 to 2026"
    # #5-#8: #5 and #6 ended (#5 home), #7 and #8 open; 6 months known for #5 only (home).
    assert _cells(second.total) == (4, 2, 1, 50, 1, 1, 100, 0, 0, None)
    assert _cells(dict(second.teams)["South locality"]) == (1, 0, 0, None, 0, 0, None, 0, 0, None)
    # The service: 7 children (child 1 twice), 6 ended, 4 at home at the end.
    assert _cells(report.total) == (7, 6, 4, 67, 3, 5, 60, 1, 3, 33)


def test_report_by_quarter(fixture):
    report = service_report(today=TODAY, by="quarter")
    assert [(c.label, c.total.supported) for c in report.cohorts] == [
        ("April to June 2024", 2),
        ("July to September 2024", 1),
        ("January to March 2025", 1),
        ("April to June 2025", 1),
        ("July to September 2025", 1),
        ("October to December 2025", 2),
    ]


def test_report_as_of_an_earlier_date_leaves_out_what_came_after(fixture):
    report = service_report(today=d(2024, 9, 30), by="year")
    (cohort,) = report.cohorts
    # #1 ended 1 Aug (home), #2 ended 1 Sep (home), #3 started 1 Jul and not ended by then.
    assert _cells(cohort.total) == (3, 2, 2, 100, 0, 0, None, 0, 0, None)


@pytest.mark.parametrize(
    ("outcome", "periods", "months", "expected"),
    [
        (O.REMAINED_AT_HOME, [], 6, True),
        (O.REMAINED_AT_HOME, [(d(2025, 6, 1), d(2025, 6, 20))], 6, False),
        (O.REMAINED_AT_HOME, [(d(2025, 7, 2), None)], 6, True),  # the day after 6 months
        (O.REMAINED_AT_HOME, [(d(2025, 7, 1), None)], 6, False),  # on the day
        (O.REMAINED_AT_HOME, [(d(2020, 1, 1), d(2020, 6, 1))], 6, True),  # care long before
        (O.OTHER, [], 6, False),
        (O.REMAINED_AT_HOME, [], 12, None),  # 1 January 2026 is after today (1 Dec 2025)
    ],
)
def test_at_home_after(outcome, periods, months, expected):
    assert (
        at_home_after(
            outcome=outcome,
            ended_on=d(2025, 1, 1),
            months=months,
            periods=periods,
            today=d(2025, 12, 1),
        )
        is expected
    )


def test_cohort_labels():
    assert cohort_of(d(2025, 3, 31), by="year")[1] == "2024 to 2025"
    assert cohort_of(d(2025, 4, 1), by="year")[1] == "2025 to 2026"
    assert cohort_of(d(2026, 2, 1), by="quarter") == ((2025, 4), "January to March 2026")
