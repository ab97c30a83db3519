"""A North team worker with two children (open referrals, assessments due on different days),
their team manager, and a social worker in the South team who can cover."""

import datetime as dt

import pytest

from cairn.accounts.roles import Role
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.frontdoor_factories import AssessmentFactory, EpisodeFactory


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def manager(users):
    return users[Role.TEAM_MANAGER]


@pytest.fixture
def cover_worker(teams):
    return UserFactory(
        username="south.worker",
        first_name="Priya",
        last_name="Naidoo",
        role=Role.SOCIAL_WORKER,
        team=teams["south"],
    )


def open_case(*, team, worker, target: dt.date, given: str, family: str):
    child = PersonFactory(given_name=given, family_name=family)
    AllocationFactory(child=child, team=team, worker=worker, started_on=dt.date(2026, 1, 5))
    episode = EpisodeFactory(child=child, referral_date=dt.date(2026, 1, 5))
    AssessmentFactory(episode=episode, target_date=target)
    return child


@pytest.fixture
def later_child(teams, worker):
    return open_case(
        team=teams["north"],
        worker=worker,
        target=dt.date(2026, 5, 29),
        given="Leo",
        family="Barnes",
    )


@pytest.fixture
def sooner_child(teams, worker):
    return open_case(
        team=teams["north"],
        worker=worker,
        target=dt.date(2026, 3, 20),
        given="Ava",
        family="Patel",
    )
