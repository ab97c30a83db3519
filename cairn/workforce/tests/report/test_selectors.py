"""The workforce report: headcount, FTE, agency share, vacancies, turnover, caseloads and
supervision compliance by team and over time, in a fixed number of queries per day."""

import datetime as dt
from decimal import Decimal

import pytest

from cairn.accounts.roles import Role
from cairn.casework.models import PlanKind
from cairn.core.working_days import council_calendar
from cairn.testing.factories import AllocationFactory, UserFactory
from cairn.testing.records_factories import ActivePlanFactory
from cairn.testing.staff_factories import StaffRecordFactory
from cairn.testing.workforce_factories import (
    SupervisionSessionFactory,
    TeamEstablishmentFactory,
)
from cairn.workforce.selectors.report import (
    council_total,
    report_days,
    workforce_measures,
    workforce_over_time,
)

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def north_staff(teams, users):
    """North: three social workers in post (one agency, one part time), one who left in
    November, and a team manager; 5 established posts, 4 from April 2025."""
    team = teams["north"]
    worker, senior = users[Role.SOCIAL_WORKER], users[Role.SENIOR_PRACTITIONER]
    StaffRecordFactory(user=worker, started_on=dt.date(2020, 1, 6))
    StaffRecordFactory(user=senior, started_on=dt.date(2024, 9, 2))
    agency = UserFactory(role=Role.SOCIAL_WORKER, team=team, is_agency=True, fte=Decimal("0.5"))
    StaffRecordFactory(user=agency, started_on=dt.date(2025, 10, 6))
    leaver = UserFactory(role=Role.SOCIAL_WORKER, team=team, is_active=False)
    StaffRecordFactory(user=leaver, started_on=dt.date(2021, 1, 4), left_on=dt.date(2025, 11, 28))
    StaffRecordFactory(user=users[Role.TEAM_MANAGER], started_on=dt.date(2019, 4, 1))
    TeamEstablishmentFactory(team=team, from_on=dt.date(2024, 4, 1), posts_fte=Decimal("5"))
    TeamEstablishmentFactory(team=team, from_on=dt.date(2025, 4, 1), posts_fte=Decimal("4"))
    for kind in (PlanKind.CP, PlanKind.CIN):
        AllocationFactory(child=ActivePlanFactory(kind=kind).child, team=team, worker=worker)
    SupervisionSessionFactory(worker=worker, held_on=dt.date(2026, 3, 2))
    SupervisionSessionFactory(worker=senior, held_on=dt.date(2026, 3, 9))
    return {"agency": agency, "leaver": leaver}


@pytest.mark.django_db
def test_the_measures_of_a_team_on_a_day(teams, north_staff):
    north = workforce_measures(teams=[teams["north"]], day=TODAY, calendar=council_calendar())[
        teams["north"].pk
    ]

    assert north.headcount == 4  # 3 social workers and the manager
    assert north.fte == Decimal("3.5")
    assert north.agency_share == 0.25
    assert (north.posts, north.vacancies) == (Decimal("4"), Decimal("0.5"))
    # 1 leaver; headcount 4 now and 4 a year ago (the leaver, not yet the agency worker)
    assert (north.leavers, north.headcount_year_before) == (1, 4)
    assert north.turnover == 0.25
    assert (north.workers, north.children) == (3, 2)
    assert north.average_caseload == Decimal(2) / 3
    assert north.weighted_caseload == Decimal("2.5") / 3
    # the agency worker started in October and was never supervised: overdue
    assert (north.supervised_within, north.supervised_workers) == (2, 3)


@pytest.mark.django_db
def test_a_team_with_no_staff_and_no_posts_has_no_shares(teams):
    south = workforce_measures(teams=[teams["south"]], day=TODAY, calendar=council_calendar())[
        teams["south"].pk
    ]
    assert (south.headcount, south.agency_share, south.vacancies, south.turnover) == (
        0,
        None,
        None,
        None,
    )


@pytest.mark.django_db
def test_over_time_the_leaver_is_counted_until_they_left(teams, north_staff):
    points = dict(
        workforce_over_time(teams=[teams["north"]], today=TODAY, calendar=council_calendar())
    )

    assert list(points) == report_days(today=TODAY)
    assert points[dt.date(2025, 10, 31)].headcount == 5
    assert points[dt.date(2025, 11, 30)].headcount == 4
    assert points[dt.date(2025, 4, 30)].headcount == 4  # before the agency worker started


def test_the_report_days_are_the_last_twelve_month_ends_ending_today():
    days = report_days(today=TODAY)
    assert (len(days), days[0], days[-2], days[-1]) == (
        12,
        dt.date(2025, 4, 30),
        dt.date(2026, 2, 28),
        TODAY,
    )


@pytest.mark.django_db
def test_the_council_total_adds_the_teams(teams, north_staff):
    StaffRecordFactory(user=UserFactory(role=Role.SOCIAL_WORKER, team=teams["south"]))
    measures = workforce_measures(
        teams=[teams["north"], teams["south"]], day=TODAY, calendar=council_calendar()
    )
    total = council_total(measures.values())
    assert (total.headcount, total.fte, total.posts) == (5, Decimal("4.5"), Decimal("4"))


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 6])
def test_a_day_costs_a_fixed_number_of_queries(
    teams, north_staff, extra, django_assert_max_num_queries
):
    for _ in range(extra):
        worker = UserFactory(role=Role.SOCIAL_WORKER, team=teams["south"])
        StaffRecordFactory(user=worker)
        SupervisionSessionFactory(worker=worker)
        AllocationFactory(child=ActivePlanFactory().child, team=teams["south"], worker=worker)
    calendar = council_calendar()
    with django_assert_max_num_queries(8):
        workforce_measures(teams=[teams["north"], teams["south"]], day=TODAY, calendar=calendar)
