"""Fixtures for the legal tests: the clock pinned to Monday 16 March 2026, a brother and
sister open to the North team (a referral, level child protection), and the services' story:
legal planning meeting 5 January 2026 deciding to start pre-proceedings."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from cairn.accounts.roles import Role
from cairn.casework.models import AttendeeRole
from cairn.casework.services.meetings import Attendee
from cairn.frontdoor.models import Level
from cairn.frontdoor.services.levels import transition_write
from cairn.legal.models import LegalDecision, RequestedFrom
from cairn.legal.services.legal_planning import legal_planning_record
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.plans_factories import EpisodeFactory

TODAY = dt.date(2026, 3, 16)
LPM_ON = dt.date(2026, 1, 5)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


PARENTS = [Attendee(role=AttendeeRole.PARENT_CARER, name="Efua Mensah", attended=True)]


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def manager(users):
    return users[Role.TEAM_MANAGER]


@pytest.fixture
def children(teams, users, manager):
    result = []
    for given in ("Amara", "Kofi"):
        child = PersonFactory(given_name=given, family_name="Mensah")
        AllocationFactory(child=child, team=teams["north"], worker=users[Role.SOCIAL_WORKER])
        EpisodeFactory(child=child, referral_date=dt.date(2025, 10, 1))
        transition_write(
            actor=manager,
            child=child,
            occurred_on=dt.date(2025, 11, 3),
            to_level=Level.CP,
            reason="CP plan",
        )
        result.append(child)
    return result


def lpm_fields(children, **overrides):
    fields = dict(
        children=children,
        held_at=at(LPM_ON),
        legal_adviser="Hannah Reid",
        manager="Tom Baker",
        social_worker="Sam Whitfield",
        concerns="Neglect continues despite the CP plan",
        decision=LegalDecision.START_PRE_PROCEEDINGS,
        rationale="Threshold met; parents need legal advice to change",
        requested_from=RequestedFrom.MANAGER,
    )
    return fields | overrides


@pytest.fixture
def lpm(manager, children):
    return legal_planning_record(actor=manager, **lpm_fields(children))


@pytest.fixture
def pp(lpm):
    return lpm.pre_proceedings.get()
