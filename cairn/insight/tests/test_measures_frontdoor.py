"""Front door and assessment measures against hand-worked figures (ADR 0027)."""

from decimal import Decimal

import pytest
from django.test import override_settings

from cairn.core.working_days import council_calendar
from cairn.insight.measures.base import Scope
from cairn.insight.measures.periods import Responsibility
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
from cairn.testing.records_factories import (
    AuthorisedAssessmentFactory,
    ContactChildFactory,
    ContactFactory,
    EpisodeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY):
        yield


@pytest.fixture
def world():
    w = build_world()
    # Contacts (attributed to the team that received them, F or C):
    #   3 Feb to F about c1 and c2; 20 Feb to F about c1 again; 5 Mar to C about c5.
    first = ContactFactory(received_at=at(D(2026, 2, 3)), team=w.f)
    ContactChildFactory(contact=first, child=w.c1)
    ContactChildFactory(contact=first, child=w.c2)
    ContactChildFactory(
        contact=ContactFactory(received_at=at(D(2026, 2, 20)), team=w.f), child=w.c1
    )
    ContactChildFactory(contact=ContactFactory(received_at=at(D(2026, 3, 5)), team=w.c), child=w.c5)
    # Referrals (episodes): c1 on 5 Feb (team A); c2 on 20 Feb, a re-referral (team C since
    # 14 Feb); c5 on 10 Feb, a re-referral (no allocation: council only).
    w.e1 = EpisodeFactory(child=w.c1, referral_date=D(2026, 2, 5))
    EpisodeFactory(child=w.c2, referral_date=D(2026, 2, 20), is_re_referral=True)
    EpisodeFactory(child=w.c5, referral_date=D(2026, 2, 10), is_re_referral=True)
    # c2's earlier episode: referred Mon 3 Nov 2025, closed 30 Jan 2026.
    old = EpisodeFactory(
        child=w.c2, referral_date=D(2025, 11, 3), closed_on=D(2026, 1, 30), closure_reason="RC1"
    )
    # Assessments authorised:
    #  c2 (old episode) on 20 Jan: 45 WD from 3 Nov 2025 is Thu 8 Jan 2026 (Nov 4-28: 19,
    #    Dec 1-24: 37, Dec 25/26 bank holidays, Dec 29-31: 40, Jan 1 bank holiday, Jan 2: 41,
    #    Jan 5-8: 45) -> late. Team B on 20 Jan.
    #  c4 on 5 Feb, referred Mon 1 Dec 2025: 45 WD is Thu 5 Feb (Dec 2-24: 17, Dec 29-31: 20,
    #    Jan 2: 21, Jan 5-30: 41, Feb 2-5: 45) -> on the deadline, in time. Team A.
    #  c1 on 10 Mar, referred 5 Feb -> well within. Team A.
    AuthorisedAssessmentFactory(
        episode=old,
        started_on=D(2025, 11, 5),
        authorised_on=D(2026, 1, 20),
        target_date=D(2026, 1, 8),
    )
    e4 = EpisodeFactory(
        child=w.c4, referral_date=D(2025, 12, 1), closed_on=D(2026, 3, 1), closure_reason="RC1"
    )
    AuthorisedAssessmentFactory(
        episode=e4,
        started_on=D(2025, 12, 2),
        authorised_on=D(2026, 2, 5),
        target_date=D(2026, 2, 5),
    )
    AuthorisedAssessmentFactory(
        episode=w.e1,
        started_on=D(2026, 2, 6),
        authorised_on=D(2026, 3, 10),
        target_date=D(2026, 4, 9),
    )
    return w


def test_the_hand_worked_deadlines_match_the_council_calendar():
    calendar = council_calendar()
    assert calendar.add_working_days(D(2025, 11, 3), 45) == D(2026, 1, 8)
    assert calendar.add_working_days(D(2025, 12, 1), 45) == D(2026, 2, 5)


def test_responsibility_follows_the_allocation_history(world):
    r = Responsibility()
    assert r.team_on(world.c2.pk, D(2026, 2, 13)) == world.b.pk
    # Handover day: both allocations cover 14 Feb; the later-started one wins.
    assert r.team_on(world.c2.pk, D(2026, 2, 14)) == world.c.pk
    # Before the first allocation, within 30 days: the team the child is about to go to.
    assert r.team_on(world.c1.pk, D(2025, 5, 20)) == world.a.pk
    assert r.team_on(world.c1.pk, D(2025, 4, 1)) is None
    assert r.team_on(world.c5.pk, D(2026, 2, 10)) is None


def test_contacts(world):
    council, s, f, c = (
        Scope.council(),
        Scope.service(world.s.pk),
        Scope.team(world.f.pk),
        Scope.team(world.c.pk),
    )
    # Feb: c1 (twice) and c2 -> 2 children, all through F (in S).
    assert figure("contacts", FEB, council).value == 2
    assert figure("contacts", FEB, f).value == 2
    assert figure("contacts", FEB, s).value == 2
    assert figure("contacts", FEB, c).value == 0
    # Mar: c5 through C (in no service).
    assert figure("contacts", MAR, council).value == 1
    assert figure("contacts", MAR, c).value == 1
    assert figure("contacts", MAR, s).value == 0
    assert behind("contacts", FEB) == {world.c1.pk, world.c2.pk}


def test_referrals_and_re_referrals(world):
    council, s = Scope.council(), Scope.service(world.s.pk)
    a, c = Scope.team(world.a.pk), Scope.team(world.c.pk)
    # Feb: c1 (A), c2 (C), c5 (no team) -> 3; S holds only A's.
    assert figure("referrals", FEB, council).value == 3
    assert figure("referrals", FEB, a).value == 1
    assert figure("referrals", FEB, c).value == 1
    assert figure("referrals", FEB, s).value == 1
    assert figure("referrals", JAN, council).value == 0
    # Re-referrals: c2 and c5 of 3 -> 66.7%; A 0 of 1; C 1 of 1.
    assert figure("re_referral_rate", FEB, council) == figure_of("66.7", 2, 3)
    assert figure("re_referral_rate", FEB, a) == figure_of("0.0", 0, 1)
    assert figure("re_referral_rate", FEB, c) == figure_of("100.0", 1, 1)
    assert figure("re_referral_rate", JAN, council).value is None
    assert behind("re_referral_rate", FEB) == {world.c2.pk, world.c5.pk}


def test_assessments_and_the_45_working_day_share(world):
    council, a, b = Scope.council(), Scope.team(world.a.pk), Scope.team(world.b.pk)
    assert figure("assessments", JAN, council).value == 1  # c2
    assert figure("assessments", JAN, b).value == 1
    assert figure("assessments", FEB, council).value == 1  # c4
    assert figure("assessments", MAR, a).value == 1  # c1
    assert figure("assessments_45wd", JAN, council) == figure_of("0.0", 0, 1)  # c2 late
    assert figure("assessments_45wd", FEB, council) == figure_of("100.0", 1, 1)  # on the day
    assert figure("assessments_45wd", MAR, a) == figure_of("100.0", 1, 1)
    assert behind("assessments_45wd", JAN) == set()
    assert behind("assessments_45wd", FEB) == {world.c4.pk}


@pytest.mark.parametrize(
    "key", ["contacts", "referrals", "re_referral_rate", "assessments", "assessments_45wd"]
)
def test_the_drill_down_list_is_as_long_as_the_figure(world, key):
    assert_drill_down_matches(key, world)


def figure_of(value: str, numerator: int, denominator: int):
    from cairn.insight.measures.base import Figure

    return Figure(Decimal(value), numerator, denominator)
