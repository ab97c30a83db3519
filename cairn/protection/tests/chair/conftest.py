"""Fixtures for the chair's oversight: a pinned today, a chair, and a child in the North team on
a CP plan since Monday 26 January 2026 whose ICPC the chair chaired."""

import datetime as dt

import pytest
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.testing.plans_factories import EpisodeFactory
from cairn.testing.protection_factories import cp_plan_with_history

TODAY = dt.date(2026, 3, 16)  # a Monday
PLAN_START = dt.date(2026, 1, 26)  # a Monday: first review due 26 April, midpoint 12 March


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def chair(users):
    return users[Role.CP_CHAIR]


@pytest.fixture
def team_manager(users):
    return users[Role.TEAM_MANAGER]


@pytest.fixture
def service_manager(users):
    return users[Role.SERVICE_MANAGER]


@pytest.fixture
def head_of_service(users):
    return users[Role.SENIOR_LEADER]


@pytest.fixture
def plan(child_in_north, chair):
    episode = EpisodeFactory(child=child_in_north, referral_date=dt.date(2026, 1, 2))
    return cp_plan_with_history(episode=episode, started_on=PLAN_START, chair=chair)


@pytest.fixture
def cp_child(plan):
    return plan.child
