"""Front-door fixtures: a MASH team and worker, and a clock pinned to a working Monday."""

import datetime as dt

import pytest
import time_machine

from cairn.accounts.roles import Role, TeamKind
from cairn.testing.factories import TeamFactory, UserFactory

TODAY = dt.date(2026, 3, 16)  # a Monday


def travel_to(day: dt.date, hour: int = 12):
    """Move the one clock (today and now) to `day` at `hour` UTC."""
    return time_machine.travel(
        dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC), tick=False
    )


@pytest.fixture(autouse=True)
def pinned_today(settings):
    settings.CAIRN_TODAY = None
    with travel_to(TODAY):
        yield TODAY


@pytest.fixture
def mash(db):
    return TeamFactory(name="MASH", kind=TeamKind.FRONT_DOOR)


@pytest.fixture
def mash_worker(mash):
    return UserFactory(username="mash.worker", role=Role.SOCIAL_WORKER, team=mash)


@pytest.fixture
def mash_manager(mash):
    return UserFactory(username="mash.manager", role=Role.TEAM_MANAGER, team=mash)


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]
