"""The analysis figures against a hand-computed fixture (as of 16 March 2026):

audit  child  team      submitted    overall  domains                          themes
A0     c1     North     1 Jun 2025   RI       all RI                           -
A1     c1     North     15 Jan 2026  Good     all Good but oversight RI        neglect
A2     c2     North     10 Feb 2026  RI       all RI                           -
A3     c3     Disabled  20 Feb 2026  Inad     oversight Inad, the rest RI      neglect, oversight
A4     c4     North     not yet      Good     all Good (not submitted: left out)

recommendation  made          due          status     recorded     verified
R1 (A1)         15 Jan 2026   15 Feb 2026  verified   1 Feb 2026   5 Feb 2026
R2 (A2)         10 Feb 2026   1 Mar 2026   open (overdue on 16 March)
R3 (A3)         20 Feb 2026   1 Apr 2026   awaiting   1 Mar 2026

follow-ups: A1 yes, A2 partly.
"""

import datetime as dt

import pytest

from cairn.quality.models import Grade, RecommendationStatus
from cairn.quality.selectors.analysis import AnalysisFilter, analysis_tables
from cairn.testing.factories import PersonFactory
from cairn.testing.quality_factories import (
    AuditFindingFactory,
    CaseAuditFactory,
    CycleFactory,
    ImpactFollowUpFactory,
    RecommendationFactory,
    ThemeFactory,
    graded,
)

G, RI, INAD = Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE
TODAY = dt.date(2026, 3, 16)
PERIOD = AnalysisFilter(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))


@pytest.fixture
def programme(teams, cycle):
    c1, c2, c3, c4 = (PersonFactory() for _ in range(4))
    north, disabled = teams["north"], teams["disabled"]

    def audit(child, team, on, overall, **domains):
        a = CaseAuditFactory(cycle=cycle, child=child, team=team)
        graded(a, domains.pop("grade", overall), **domains)
        a.overall_grade, a.audited_on = overall, on
        a.save()
        return a

    other = CycleFactory(name="June 2025")
    a0 = CaseAuditFactory(cycle=other, child=c1, team=north)
    graded(a0, RI)
    a0.audited_on = dt.date(2025, 6, 1)
    a0.save()
    a1 = audit(c1, north, dt.date(2026, 1, 15), G, oversight=RI)
    a2 = audit(c2, north, dt.date(2026, 2, 10), RI)
    a3 = audit(c3, disabled, dt.date(2026, 2, 20), INAD, grade=RI, oversight=INAD)
    audit(c4, north, None, G)
    neglect = ThemeFactory(name="Response to neglect")
    AuditFindingFactory(audit=a1, theme=neglect, finding="Neglect seen early")
    AuditFindingFactory(audit=a3, theme=neglect, finding="Neglect drifted")
    AuditFindingFactory(audit=a3, theme=ThemeFactory(name="Management oversight"), finding="None")
    evidence = {"evidence_kind": "visit", "evidence_id": 1, "evidence_label": "Visit"}
    RecommendationFactory(
        audit=a1,
        made_on=dt.date(2026, 1, 15),
        due_on=dt.date(2026, 2, 15),
        status=RecommendationStatus.VERIFIED,
        completed_on=dt.date(2026, 2, 1),
        verified_on=dt.date(2026, 2, 5),
        **evidence,
    )
    RecommendationFactory(audit=a2, made_on=dt.date(2026, 2, 10), due_on=dt.date(2026, 3, 1))
    RecommendationFactory(
        audit=a3,
        made_on=dt.date(2026, 2, 20),
        due_on=dt.date(2026, 4, 1),
        status=RecommendationStatus.AWAITING_VERIFICATION,
        completed_on=dt.date(2026, 3, 1),
        **evidence,
    )
    ImpactFollowUpFactory(audit=a1, answer="yes")
    ImpactFollowUpFactory(audit=a2, answer="partly")


def _tables(f=PERIOD):
    return {t.name: t for t in analysis_tables(f, TODAY)}


def test_grades_by_domain(programme):
    rows = {row[0]: row[1:] for row in _tables()["grades-by-domain"].rows}
    # columns: outstanding, good, requires improvement, inadequate, total
    assert rows["The child's voice and participation"] == [0, 1, 2, 0, 3]
    assert rows["Management oversight and supervision"] == [0, 0, 2, 1, 3]
    assert rows["Overall grade"] == [0, 1, 1, 1, 3]


def test_grades_by_team_and_month(programme):
    tables = _tables()
    assert tables["grades-by-team"].rows == [
        ["Disabled children's team", 0, 0, 0, 1, 1],
        ["North locality", 0, 1, 1, 0, 2],
    ]
    assert tables["grades-by-month"].rows == [
        ["January 2026", 0, 1, 0, 0, 1],
        ["February 2026", 0, 0, 1, 1, 2],
    ]


def test_a_team_filter(programme, teams):
    tables = _tables(AnalysisFilter(start=PERIOD.start, end=PERIOD.end, team_id=teams["north"].pk))
    rows = {row[0]: row[1:] for row in tables["grades-by-domain"].rows}
    assert rows["The child's voice and participation"] == [0, 1, 1, 0, 2]


def test_themes_with_counts_and_latest_examples(programme):
    assert _tables()["themes"].rows == [
        ["Response to neglect", 2, "Neglect drifted | Neglect seen early"],
        ["Management oversight", 1, "None"],
    ]


def test_recommendation_completion(programme):
    rows = dict(_tables()["recommendations"].rows)
    assert rows["Made"] == 3
    assert rows["Open"] == 1
    assert rows["Open and overdue"] == 1
    assert rows["Done, awaiting verification"] == 1
    assert rows["Completed and verified"] == 1
    assert rows["Verified, done by the due date"] == 1
    assert rows["Completion rate (verified of made)"] == "33%"
    assert rows["Median days to the action being recorded"] == "13"  # 17 and 9 days
    assert rows["Median days to verification"] == "21"


def test_impact_and_reaudits(programme):
    tables = _tables()
    assert tables["impact"].rows == [
        ["Yes", 1, "50%"],
        ["Partly", 1, "50%"],
        ["No", 0, "0%"],
        ["Checked", 2, ""],
    ]
    # c1: requires improvement in June 2025, good in January 2026
    assert tables["re-audits"].rows == [
        ["Improved", 1],
        ["The same", 0],
        ["Declined", 0],
        ["Re-audited", 1],
    ]


def test_the_analysis_runs_in_a_bounded_number_of_queries(programme, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        _tables()
