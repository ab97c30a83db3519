"""Fixtures for the audit programme: a pinned today, two QA officers, and Amara Okafor (open in
the North team, allocated to its social worker, whose manager is the North team manager) with
an audit allocated to the first QA officer."""

import datetime as dt

import pytest
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.testing.quality_factories import (
    CaseAuditFactory,
    CycleFactory,
    QaOfficerFactory,
    ThemeFactory,
)
from cairn.testing.records_factories import EpisodeFactory

TODAY = dt.date(2026, 3, 16)  # a Monday


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def manager(users, worker):
    manager = users[Role.TEAM_MANAGER]
    worker.manager = manager
    worker.save()
    return manager


@pytest.fixture
def auditor(db):
    return QaOfficerFactory(username="auditor.one", first_name="Ruth", last_name="Aldous")


@pytest.fixture
def moderator(db):
    return QaOfficerFactory(username="auditor.two", first_name="Kwame", last_name="Mensah")


@pytest.fixture
def open_child(child_in_north):
    EpisodeFactory(child=child_in_north, referral_date=dt.date(2025, 12, 19))
    return child_in_north


@pytest.fixture
def cycle(db):
    return CycleFactory(name="March 2026 audit")


@pytest.fixture
def audit(cycle, open_child, auditor, worker, manager, teams):
    return CaseAuditFactory(
        cycle=cycle,
        child=open_child,
        auditor=auditor,
        worker=worker,
        manager=manager,
        team=teams["north"],
    )


@pytest.fixture
def neglect(db):
    return ThemeFactory(name="Response to neglect")
