"""Child protection, children in need and legal measures against hand-worked figures."""

from decimal import Decimal

import pytest
from django.test import override_settings

from cairn.casework.models import PlanStatus
from cairn.edgeofcare.models import InterventionOutcome
from cairn.insight.measures.base import Figure, Scope
from cairn.insight.tests.measures_world import (
    FEB,
    JAN,
    MAR,
    TODAY,
    D,
    assert_drill_down_matches,
    at,
    behind,
    build_world,
    figure,
)
from cairn.testing.edgeofcare_factories import ended_intervention
from cairn.testing.legal_factories import CareProceedingsFactory, PreProceedingsFactory
from cairn.testing.protection_factories import (
    ConferenceDetailFactory,
    ConferenceMeetingFactory,
    CPPlanFactory,
    S47EnquiryFactory,
)
from cairn.testing.records_factories import EpisodeFactory

pytestmark = pytest.mark.django_db


def fig(value, numerator, denominator=None):
    return Figure(None if value is None else Decimal(value), numerator, denominator)


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY, CAIRN_CHILD_POPULATION=20000):
        yield


@pytest.fixture
def world():
    w = build_world()
    # Episodes (children in need): c1 from 5 Feb 2026; c2 from 20 Nov 2023, closed on 28 Feb
    # (so not open at the end of February); c3 from 10 Jan 2024; c4 from 1 Nov 2025.
    e1 = EpisodeFactory(child=w.c1, referral_date=D(2026, 2, 5))
    e2 = EpisodeFactory(
        child=w.c2, referral_date=D(2023, 11, 20), closed_on=D(2026, 2, 28), closure_reason="RC1"
    )
    e3 = EpisodeFactory(child=w.c3, referral_date=D(2024, 1, 10))
    e4 = EpisodeFactory(child=w.c4, referral_date=D(2025, 11, 1))
    # S47 enquiries: c1 from Mon 2 Feb (team A); c2 from Mon 16 Feb (team B until 14 Feb, so C).
    s1 = S47EnquiryFactory(episode=e1, started_on=D(2026, 2, 2))
    s2 = S47EnquiryFactory(episode=e2, started_on=D(2026, 2, 16))
    # ICPCs: c1 on Fri 20 Feb: due 2 Feb + 15 WD = Mon 23 Feb -> in time.
    #        c2 on Tue 10 Mar: due 16 Feb + 15 WD = Mon 9 Mar -> one day late.
    #        c3 on 12 Mar: a transfer-in (no enquiry): counted, but not in the timeliness share.
    ConferenceDetailFactory(s47=s1, meeting=ConferenceMeetingFactory(held_at=at(D(2026, 2, 20))))
    ConferenceDetailFactory(s47=s2, meeting=ConferenceMeetingFactory(held_at=at(D(2026, 3, 10))))
    ConferenceDetailFactory(
        s47=None,
        child=w.c3,
        transfer_in=True,
        meeting=ConferenceMeetingFactory(held_at=at(D(2026, 3, 12))),
    )
    # CP plans: c1 from 20 Feb 2026 (its second: an earlier one May-Nov 2024);
    # c2 from 1 Dec 2023 to 28 Feb 2026; c3 from 15 Jan 2024 (two years on 15 Jan 2026);
    # c4 from 10 Feb 2026 (its first).
    CPPlanFactory(
        episode=e1, started_on=D(2024, 5, 1), ended_on=D(2024, 11, 1), status=PlanStatus.ENDED
    )
    CPPlanFactory(episode=e1, started_on=D(2026, 2, 20))
    CPPlanFactory(
        episode=e2, started_on=D(2023, 12, 1), ended_on=D(2026, 2, 28), status=PlanStatus.ENDED
    )
    CPPlanFactory(episode=e3, started_on=D(2024, 1, 15))
    CPPlanFactory(episode=e4, started_on=D(2026, 2, 10))
    # Pre-proceedings: c1 decided 5 Jan, letter 12 Jan, outcome 2 Mar (49 days = 7.0 weeks);
    # c2 decided 2 Feb, no letter, open; c3 decided 1 Oct 2025, letter 6 Oct, outcome 16 Mar
    # (161 days = 23.0 weeks).
    PreProceedingsFactory(
        children=[w.c1],
        decided_on=D(2026, 1, 5),
        letter_sent_on=D(2026, 1, 12),
        step_decided_on=D(2026, 3, 2),
        outcome="step_down",
        step_down_to="cin",
    )
    PreProceedingsFactory(children=[w.c2], decided_on=D(2026, 2, 2))
    PreProceedingsFactory(
        children=[w.c3],
        decided_on=D(2025, 10, 1),
        letter_sent_on=D(2025, 10, 6),
        step_decided_on=D(2026, 3, 16),
        outcome="step_down",
        step_down_to="cin",
    )
    # Care proceedings concluded in February: c4 issued 4 Aug 2025, concluded 2 Feb 2026
    # (182 days = 26.0 weeks); c1 and c2 together, issued 1 Sep 2025, concluded 23 Feb 2026
    # (175 days = 25.0 weeks each).
    CareProceedingsFactory(children=[w.c4], issued_on=D(2025, 8, 4), concluded_on=D(2026, 2, 2))
    CareProceedingsFactory(
        children=[w.c1, w.c2], issued_on=D(2025, 9, 1), concluded_on=D(2026, 2, 23)
    )
    # Edge of care (team E): c1 ended 10 Feb at home; c2 ended 24 Feb, became looked after.
    ended_intervention(
        child=w.c1,
        team=w.e,
        referred_on=D(2025, 11, 3),
        ended_on=D(2026, 2, 10),
        outcome=InterventionOutcome.REMAINED_AT_HOME,
    )
    ended_intervention(
        child=w.c2,
        team=w.e,
        referred_on=D(2025, 11, 3),
        ended_on=D(2026, 2, 24),
        outcome=InterventionOutcome.LOOKED_AFTER,
    )
    return w


def test_s47_enquiries(world):
    assert figure("s47_enquiries", FEB).value == 2
    assert figure("s47_enquiries", FEB, Scope.team(world.a.pk)).value == 1
    assert figure("s47_enquiries", FEB, Scope.team(world.c.pk)).value == 1
    assert figure("s47_enquiries", FEB, Scope.team(world.b.pk)).value == 0
    assert figure("s47_enquiries", MAR).value == 0


def test_icpcs_and_the_15_working_day_share(world):
    assert figure("icpcs", FEB).value == 1
    assert figure("icpcs", MAR).value == 2  # c2 and the transfer-in c3
    assert figure("icpcs_15wd", FEB) == fig("100.0", 1, 1)
    assert figure("icpcs_15wd", MAR) == fig("0.0", 0, 1)
    assert behind("icpcs", MAR) == {world.c2.pk, world.c3.pk}


def test_children_in_need_at_month_end_and_the_rate(world):
    # Jan 31: c2, c3, c4 (c1 not yet referred). Feb 28: c1, c3, c4 (c2 closed that day).
    # Mar (today, 20 Mar): c1, c3, c4.
    assert figure("cin_open", JAN).value == 3
    assert behind("cin_open", FEB) == {world.c1.pk, world.c3.pk, world.c4.pk}
    assert figure("cin_open", MAR).value == 3
    # Teams at Feb 28: c1, c4 -> A; c3 -> C.
    assert figure("cin_open", FEB, Scope.team(world.a.pk)).value == 2
    assert figure("cin_open", FEB, Scope.service(world.s.pk)).value == 2
    # 3 children per 20,000 -> 1.5 per 10,000; council only.
    assert figure("cin_rate", FEB) == fig("1.5", 3, 20000)
    assert figure("cin_rate", FEB, Scope.team(world.a.pk)) == fig(None, 2, None)


def test_children_on_cp_plans_at_month_end_and_the_rate(world):
    # Jan 31: c2, c3. Feb 28: c1, c3, c4 (c2's plan ended that day). Mar 20: c1, c3, c4.
    assert behind("cp_open", JAN) == {world.c2.pk, world.c3.pk}
    assert behind("cp_open", FEB) == {world.c1.pk, world.c3.pk, world.c4.pk}
    assert figure("cp_open", MAR).value == 3
    assert figure("cp_rate", FEB) == fig("1.5", 3, 20000)
    assert figure("cp_rate", JAN) == fig("1.0", 2, 20000)


def test_cp_plans_open_two_years_or_more(world):
    # Jan 31: c2 (since Dec 2023) and c3 (two years on 15 Jan 2026). Feb 28: c3 only.
    assert behind("cp_two_years", JAN) == {world.c2.pk, world.c3.pk}
    assert behind("cp_two_years", FEB) == {world.c3.pk}
    assert figure("cp_two_years", FEB, Scope.team(world.c.pk)).value == 1


def test_repeat_cp_plans(world):
    # Started in Feb: c1 (second plan) and c4 (first) -> 1 of 2 = 50.0%.
    assert figure("cp_repeat", FEB) == fig("50.0", 1, 2)
    assert behind("cp_repeat", FEB) == {world.c1.pk}
    assert figure("cp_repeat", MAR) == fig(None, 0, 0)


def test_pre_proceedings(world):
    # Open at Jan 31: c1, c3. Feb 28: c1, c2, c3. Mar 20: c2 (c1 ended 2 Mar, c3 16 Mar).
    assert behind("pre_proceedings", JAN) == {world.c1.pk, world.c3.pk}
    assert figure("pre_proceedings", FEB).value == 3
    assert behind("pre_proceedings", MAR) == {world.c2.pk}
    # Outcomes in March: 7.0 and 23.0 weeks -> 15.0 on average, two children.
    assert figure("pre_proceedings_weeks", MAR) == fig("15.0", 2, 2)
    assert figure("pre_proceedings_weeks", MAR, Scope.team(world.a.pk)) == fig("7.0", 1, 1)
    assert figure("pre_proceedings_weeks", FEB) == fig(None, 0, 0)


def test_care_proceedings_weeks(world):
    # Concluded in Feb: 26.0, 25.0, 25.0 weeks -> 76 / 3 = 25.33 -> 25.3.
    assert figure("proceedings_weeks", FEB) == fig("25.3", 3, 3)
    # Team A on the day: c4 (26.0) and c1 (25.0) -> 25.5.
    assert figure("proceedings_weeks", FEB, Scope.team(world.a.pk)) == fig("25.5", 2, 2)


def test_edge_of_care_outcomes(world):
    assert figure("edge_of_care_ended", FEB).value == 2
    assert figure("edge_of_care_ended", FEB, Scope.team(world.e.pk)).value == 2
    assert figure("edge_of_care_at_home", FEB) == fig("50.0", 1, 2)
    assert behind("edge_of_care_at_home", FEB) == {world.c1.pk}


KEYS = [
    "s47_enquiries",
    "icpcs",
    "icpcs_15wd",
    "cin_open",
    "cin_rate",
    "cp_open",
    "cp_rate",
    "cp_two_years",
    "cp_repeat",
    "pre_proceedings",
    "pre_proceedings_weeks",
    "proceedings_weeks",
    "edge_of_care_ended",
    "edge_of_care_at_home",
]


@pytest.mark.parametrize("key", KEYS)
def test_the_drill_down_list_is_as_long_as_the_figure(world, key):
    assert_drill_down_matches(key, world)
