"""Fixtures for assessment tests: "today" pinned, a referral for the North child, the worker
and the manager."""

import datetime as dt

import pytest
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.testing.assessments_factories import ReferralFactory

TODAY = dt.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def manager(users):
    return users[Role.TEAM_MANAGER]


@pytest.fixture
def referral(child_in_north):
    """Referral on Monday 5 January 2026: 45 working days run to Monday 9 March 2026."""
    return ReferralFactory(child=child_in_north, referral_date=dt.date(2026, 1, 5))
