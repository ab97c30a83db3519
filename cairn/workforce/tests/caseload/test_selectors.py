"""Caseloads: the case type of each child on a day, weights, thresholds, team and service views,
and a bounded number of queries whatever the size of the teams."""

import datetime as dt
from decimal import Decimal

import pytest

from cairn.accounts.roles import Role
from cairn.casework.models import PlanKind, PlanStatus
from cairn.frontdoor.models import Level
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.records_factories import (
    ActivePlanFactory,
    AssessmentFactory,
    EarlyHelpEpisodeFactory,
    EpisodeFactory,
    LevelTransitionFactory,
)
from cairn.testing.staff_factories import StaffRecordFactory
from cairn.testing.workforce_factories import CaseloadWeightFactory
from cairn.workforce.models import CaseType
from cairn.workforce.selectors.caseload import (
    caseload_high_workers,
    service_caseloads,
    team_caseload,
    team_caseloads,
)

TODAY = dt.date(2026, 3, 16)


def _allocate(child, team, worker, started_on=dt.date(2025, 12, 19)):
    return AllocationFactory(child=child, team=team, worker=worker, started_on=started_on)


def _child_of_type(case_type: str, team, worker):
    """A child allocated to `worker` whose open records make them `case_type`."""
    if case_type in (CaseType.CP, CaseType.CIN):
        kind = PlanKind.CP if case_type == CaseType.CP else PlanKind.CIN
        child = ActivePlanFactory(kind=kind).child
    elif case_type == CaseType.ASSESSMENT:
        child = AssessmentFactory().child
    elif case_type == CaseType.EARLY_HELP:
        child = EarlyHelpEpisodeFactory().child
    else:
        level = {
            CaseType.PRE_PROCEEDINGS: Level.PRE_PROCEEDINGS,
            CaseType.LOOKED_AFTER: Level.LOOKED_AFTER,
        }[case_type]
        child = LevelTransitionFactory(to_level=level, occurred_on=dt.date(2026, 1, 5)).child
    _allocate(child, team, worker)
    return child


def _worker(caseload, user):
    return next(w for w in caseload.workers if w.worker.pk == user.pk)


@pytest.mark.django_db
def test_each_child_counts_once_by_its_case_type_and_weight(teams, users):
    worker = users[Role.SOCIAL_WORKER]
    for case_type in CaseType.values:
        _child_of_type(case_type, teams["north"], worker)
    _allocate(EpisodeFactory().child, teams["north"], worker)  # a referral, nothing started

    row = _worker(team_caseload(team=teams["north"], day=TODAY), worker)

    assert row.children == 7
    assert row.by_type == {
        "assessment": 2,
        "cin": 1,
        "cp": 1,
        "pre_proceedings": 1,
        "early_help": 1,
        "looked_after": 1,
    }
    # assessment 1 x2, CIN 1, CP 1.5, pre-proceedings 2, early help 0.5, looked after 1
    assert row.weighted == Decimal("8.0")


@pytest.mark.django_db
def test_pre_proceedings_comes_before_a_cp_plan(teams, users):
    worker = users[Role.SOCIAL_WORKER]
    child = ActivePlanFactory(kind=PlanKind.CP).child
    LevelTransitionFactory(child=child, to_level=Level.PRE_PROCEEDINGS)
    _allocate(child, teams["north"], worker)

    row = _worker(team_caseload(team=teams["north"], day=TODAY), worker)

    assert row.by_type == {"pre_proceedings": 1}


@pytest.mark.django_db
def test_the_councils_weights_replace_the_defaults(teams, users):
    worker = users[Role.SOCIAL_WORKER]
    _child_of_type(CaseType.CP, teams["north"], worker)
    _child_of_type(CaseType.CIN, teams["north"], worker)
    CaseloadWeightFactory(case_type=CaseType.CP, weight=Decimal("3"))

    row = _worker(team_caseload(team=teams["north"], day=TODAY), worker)

    assert row.weighted == Decimal("4")


@pytest.mark.django_db
def test_a_case_type_on_an_earlier_day_reads_the_records_open_then(teams, users):
    worker = users[Role.SOCIAL_WORKER]
    plan = ActivePlanFactory(kind=PlanKind.CP, started_on=dt.date(2026, 2, 2))
    plan.status, plan.ended_on = PlanStatus.ENDED, dt.date(2026, 3, 1)
    plan.save()
    _allocate(plan.child, teams["north"], worker)

    on_plan = _worker(team_caseload(team=teams["north"], day=dt.date(2026, 2, 20)), worker)
    after = _worker(team_caseload(team=teams["north"], day=TODAY), worker)
    before_allocation = _worker(
        team_caseload(team=teams["north"], day=dt.date(2025, 12, 1)), worker
    )

    assert on_plan.by_type == {"cp": 1}
    assert after.by_type == {"assessment": 1}
    assert before_allocation.children == 0


@pytest.mark.django_db
def test_an_ended_allocation_leaves_the_caseload_on_the_day_the_next_starts(teams, users):
    worker, other = users[Role.SOCIAL_WORKER], users[Role.SENIOR_PRACTITIONER]
    child = PersonFactory()
    AllocationFactory(
        child=child,
        team=teams["north"],
        worker=worker,
        started_on=dt.date(2026, 1, 5),
        ended_on=dt.date(2026, 3, 2),
    )
    AllocationFactory(
        child=child, team=teams["north"], worker=other, started_on=dt.date(2026, 3, 2)
    )

    caseload = team_caseload(team=teams["north"], day=dt.date(2026, 3, 2))

    assert _worker(caseload, worker).children == 0
    assert _worker(caseload, other).children == 1


@pytest.mark.django_db
def test_caseload_high_flags_workers_over_the_team_threshold(teams, users):
    teams["north"].caseload_threshold = 2
    teams["north"].save()
    worker, senior = users[Role.SOCIAL_WORKER], users[Role.SENIOR_PRACTITIONER]
    for _ in range(3):
        _child_of_type(CaseType.CIN, teams["north"], worker)
    for _ in range(2):
        _child_of_type(CaseType.CIN, teams["north"], senior)  # at the threshold: not over

    caseload = team_caseload(team=teams["north"], day=TODAY)

    assert _worker(caseload, worker).over_threshold
    assert not _worker(caseload, senior).over_threshold
    assert caseload.over_threshold == 1
    assert [w.worker for w in caseload_high_workers(day=TODAY)] == [worker]


@pytest.mark.django_db
def test_team_members_count_as_workers_when_they_hold_cases_or_are_case_holders(teams, users):
    manager = users[Role.TEAM_MANAGER]
    leaver = UserFactory(role=Role.SOCIAL_WORKER, team=teams["north"], is_active=False)
    StaffRecordFactory(user=leaver, started_on=dt.date(2024, 1, 8), left_on=dt.date(2026, 2, 27))
    starter = UserFactory(role=Role.SOCIAL_WORKER, team=teams["north"])
    StaffRecordFactory(user=starter, started_on=dt.date(2026, 4, 6))

    now = {w.worker for w in team_caseload(team=teams["north"], day=TODAY).workers}
    in_january = {
        w.worker for w in team_caseload(team=teams["north"], day=dt.date(2026, 1, 15)).workers
    }

    assert now == {users[Role.SOCIAL_WORKER], users[Role.SENIOR_PRACTITIONER]}
    assert manager not in now  # a team manager holding no child is not a case holder
    assert leaver in in_january
    assert starter not in in_january
    _child_of_type(CaseType.CIN, teams["north"], manager)
    assert manager in {w.worker for w in team_caseload(team=teams["north"], day=TODAY).workers}


@pytest.mark.django_db
def test_the_service_view_shows_each_team_it_manages_with_unallocated_children(teams, users):
    worker = users[Role.SOCIAL_WORKER]
    _child_of_type(CaseType.CP, teams["north"], worker)
    _child_of_type(CaseType.CIN, teams["north"], worker)
    _allocate(PersonFactory(), teams["south"], None)
    _allocate(PersonFactory(), teams["disabled"], None)

    caseloads = {
        c.team.name: c for c in service_caseloads(user=users[Role.SERVICE_MANAGER], day=TODAY)
    }
    everything = service_caseloads(user=users[Role.SENIOR_LEADER], day=TODAY)

    assert set(caseloads) == {"North locality", "South locality"}
    north, south = caseloads["North locality"], caseloads["South locality"]
    assert (north.worker_count, north.team_children, north.unallocated) == (2, 2, 0)
    assert north.average == Decimal("1")
    assert north.weighted_average == Decimal("1.25")
    assert (south.worker_count, south.team_children, south.unallocated) == (0, 1, 1)
    assert south.average is None
    assert "Disabled children's team" in {c.team.name for c in everything}


def _grow(teams, workers: int, children_each: int):
    for _ in range(workers):
        worker = UserFactory(role=Role.SOCIAL_WORKER, team=teams["north"])
        StaffRecordFactory(user=worker)
        for case_type in (CaseType.CP, CaseType.CIN, CaseType.ASSESSMENT)[:children_each]:
            _child_of_type(case_type, teams["north"], worker)
        _allocate(PersonFactory(), teams["south"], None)


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [1, 6])
def test_team_caseloads_cost_a_fixed_number_of_queries(
    teams, users, workers, django_assert_max_num_queries
):
    _grow(teams, workers, 3)
    with django_assert_max_num_queries(4):
        result = team_caseloads(teams=[teams["north"], teams["south"]], day=TODAY)
    assert result[0].worker_count == workers + 2
