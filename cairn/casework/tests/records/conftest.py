"""Fixtures for the RECORDS area: a pinned today, and a child open to children's social care."""

import datetime as dt

import pytest
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.testing.records_factories import EpisodeFactory

TODAY = dt.date(2026, 3, 16)  # a Monday
REFERRAL = dt.date(2025, 12, 19)  # a Friday before Christmas


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def episode(child_in_north):
    return EpisodeFactory(child=child_in_north, referral_date=REFERRAL)


@pytest.fixture
def open_child(child_in_north, episode):
    """Amara Okafor, allocated to the North team's social worker, open since 19 Dec 2025."""
    return child_in_north


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client
