"""SUPERVISION_DUE: the standard per team and role (the newly-qualified schedule) and
compliance for every team side by side, in a fixed number of queries."""

import datetime as dt

import pytest

from cairn.accounts.roles import Role
from cairn.core.working_days import council_calendar
from cairn.testing.factories import UserFactory
from cairn.testing.staff_factories import StaffRecordFactory
from cairn.testing.workforce_factories import (
    SupervisionSessionFactory,
    SupervisionStandardFactory,
)
from cairn.timescales.engine import Status as DueStatus
from cairn.workforce.models import SupervisionStandard
from cairn.workforce.selectors.supervision import (
    supervision_compliance,
    supervision_due_workers,
    supervision_next_due,
)

TODAY = dt.date(2026, 3, 16)
STARTED = dt.date(2026, 1, 5)  # a newly qualified worker's first day in post
QUALIFIED = dt.date(2025, 11, 28)


def _due(last, *, qualified_on=QUALIFIED, day=TODAY, standard=None):
    return supervision_next_due(
        last_held_on=last,
        started_on=STARTED,
        qualified_on=qualified_on,
        standard=standard or SupervisionStandard(),
        day=day,
    )


@pytest.mark.parametrize(
    ("last", "due", "basis"),
    [
        # never supervised: the start in post + a week
        (None, dt.date(2026, 1, 12), "Newly qualified: weekly for the first 6 weeks"),
        # in the first 6 weeks (to 16 February): weekly
        (
            dt.date(2026, 2, 9),
            dt.date(2026, 2, 16),
            "Newly qualified: weekly for the first 6 weeks",
        ),
        # from week 7 until 6 months (5 July): fortnightly
        (dt.date(2026, 2, 16), dt.date(2026, 3, 2), "Newly qualified: fortnightly to 6 months"),
        (dt.date(2026, 7, 3), dt.date(2026, 7, 17), "Newly qualified: fortnightly to 6 months"),
        # after 6 months: the team's standard (monthly)
        (dt.date(2026, 7, 6), dt.date(2026, 8, 6), "Council standard: every month"),
    ],
)
def test_a_newly_qualified_worker_is_supervised_weekly_then_fortnightly_then_monthly(
    last, due, basis
):
    assert _due(last, day=max(TODAY, last or TODAY)) == (due, basis)


def test_a_worker_qualified_more_than_a_year_ago_follows_the_standard():
    assert _due(dt.date(2026, 2, 9), qualified_on=dt.date(2024, 7, 1)) == (
        dt.date(2026, 3, 9),
        "Council standard: every month",
    )


def test_the_newly_qualified_schedule_ends_a_year_after_qualifying():
    """Qualified 1 July 2025: from 1 July 2026 the worker is on the standard."""
    last = dt.date(2026, 6, 29)
    assert _due(last, qualified_on=dt.date(2025, 7, 1), day=dt.date(2026, 6, 30))[1] == (
        "Newly qualified: fortnightly to 6 months"
    )
    assert (
        _due(last, qualified_on=dt.date(2025, 7, 1), day=dt.date(2026, 7, 1))[1]
        == "Council standard: every month"
    )


def test_the_teams_standard_and_its_newly_qualified_periods_are_configurable():
    standard = SupervisionStandard(team_id=1, interval_months=2, nq_weekly_weeks=2)
    assert _due(dt.date(2026, 1, 19), standard=standard) == (
        dt.date(2026, 2, 2),
        "Newly qualified: fortnightly to 6 months",
    )
    assert _due(dt.date(2026, 1, 19), qualified_on=None, standard=standard) == (
        dt.date(2026, 3, 19),
        "Team standard: every 2 months",
    )


@pytest.mark.django_db
def test_compliance_compares_every_team_the_disabled_childrens_team_included(teams, users):
    worker, senior = users[Role.SOCIAL_WORKER], users[Role.SENIOR_PRACTITIONER]
    StaffRecordFactory(user=worker, started_on=dt.date(2020, 1, 6))
    StaffRecordFactory(user=senior, started_on=dt.date(2020, 1, 6))
    SupervisionSessionFactory(worker=worker, held_on=dt.date(2026, 3, 2))  # due 2 April
    SupervisionSessionFactory(worker=senior, held_on=dt.date(2026, 1, 12))  # due 12 February
    disabled = UserFactory(role=Role.SOCIAL_WORKER, team=teams["disabled"])
    StaffRecordFactory(user=disabled, started_on=dt.date(2020, 1, 6))
    SupervisionSessionFactory(worker=disabled, held_on=dt.date(2026, 2, 20))  # due 20 March
    SupervisionStandardFactory(team=teams["disabled"], interval_months=2)  # so due 20 April

    result = {
        t.team.name: t
        for t in supervision_compliance(
            teams=[teams["north"], teams["south"], teams["disabled"]],
            day=TODAY,
            calendar=council_calendar(),
        )
    }

    north = result["North locality"]
    assert (len(north.workers), north.within, north.share) == (2, 1, 0.5)
    assert [w.worker for w in north.overdue] == [senior]
    assert north.overdue[0].due == dt.date(2026, 2, 12)
    assert result["South locality"].share is None
    assert result["Disabled children's team"].share == 1.0
    assert result["Disabled children's team"].workers[0].basis == "Team standard: every 2 months"


@pytest.mark.django_db
def test_a_worker_never_supervised_is_due_from_their_start_in_post(teams, users):
    worker = users[Role.SOCIAL_WORKER]
    StaffRecordFactory(user=worker, started_on=dt.date(2026, 2, 2), qualified_on=None)
    [north] = supervision_compliance(teams=[teams["north"]], day=TODAY, calendar=council_calendar())
    row = next(w for w in north.workers if w.worker == worker)
    assert (row.last_held_on, row.due, row.status) == (None, dt.date(2026, 3, 2), DueStatus.OVERDUE)
    assert row.detail == "Not supervised since starting in post"


@pytest.mark.django_db
def test_supervision_due_lists_workers_overdue_or_due_soon(teams, users):
    worker, senior = users[Role.SOCIAL_WORKER], users[Role.SENIOR_PRACTITIONER]
    StaffRecordFactory(user=worker, started_on=dt.date(2020, 1, 6))
    StaffRecordFactory(user=senior, started_on=dt.date(2020, 1, 6))
    SupervisionSessionFactory(worker=worker, held_on=dt.date(2026, 2, 18))  # due 18 March: soon
    SupervisionSessionFactory(worker=senior, held_on=dt.date(2026, 3, 13))  # due 13 April

    due = supervision_due_workers(teams=[teams["north"]], day=TODAY, calendar=council_calendar())

    assert [(w.worker, w.status) for w in due] == [(worker, DueStatus.DUE_SOON)]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 8])
def test_compliance_costs_a_fixed_number_of_queries(teams, size, django_assert_max_num_queries):
    for team in (teams["north"], teams["disabled"]):
        for _ in range(size):
            worker = UserFactory(role=Role.SOCIAL_WORKER, team=team)
            StaffRecordFactory(user=worker)
            SupervisionSessionFactory(worker=worker)
            SupervisionSessionFactory(worker=worker, held_on=dt.date(2026, 2, 2))
    calendar = council_calendar()
    with django_assert_max_num_queries(2):
        result = supervision_compliance(
            teams=[teams["north"], teams["disabled"]], day=TODAY, calendar=calendar
        )
    assert len(result[1].workers) == size
