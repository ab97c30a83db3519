"""Fixtures for the edge-of-care tests: the clock pinned to Monday 16 March 2026, an edge-of-care
team (a practitioner and its manager) and a child allocated to the North team (whose social
worker refers)."""

import datetime as dt

import pytest
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.testing.edgeofcare_factories import EdgeOfCareTeamFactory, EdgeOfCareWorkerFactory

TODAY = dt.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def eoc_team(db):
    return EdgeOfCareTeamFactory(name="Edge of care team")


@pytest.fixture
def eoc_worker(eoc_team):
    return EdgeOfCareWorkerFactory(
        username="eoc.worker", first_name="Jade", last_name="Fisher", team=eoc_team
    )


@pytest.fixture
def eoc_manager(eoc_team):
    return EdgeOfCareWorkerFactory(
        username="eoc.manager",
        first_name="Owen",
        last_name="Price",
        role=Role.TEAM_MANAGER,
        team=eoc_team,
    )


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]
