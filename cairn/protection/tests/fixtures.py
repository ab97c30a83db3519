"""Fixtures for the child protection record tests (imported by each test folder's conftest):
a child in the North team with an open referral, the people who work on it, and helpers that
take the record through strategy discussion, S47 enquiry and conferences by the services."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from cairn.accounts.roles import Role
from cairn.casework.models import AgencyKind, AttendeeRole, MeetingKind, ParticipationMode
from cairn.casework.services.meetings import Attendee, ChildParticipation
from cairn.protection.models import ConferenceOutcome, StrategyDecision
from cairn.protection.services.conferences import conference_finalise, conference_record
from cairn.protection.services.strategy import strategy_discussion_record
from cairn.testing.plans_factories import EpisodeFactory

TODAY = dt.date(2026, 3, 16)  # a Monday
STRATEGY_ON = dt.date(2026, 1, 5)  # a Monday; ICPC target 26 January 2026
ICPC_ON = dt.date(2026, 1, 22)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def professional(kind: str, *, attended=True, direct=True, name="") -> Attendee:
    return Attendee(
        role=AttendeeRole.PROFESSIONAL,
        name=name or f"{AgencyKind(kind).label} worker",
        agency=AgencyKind(kind).label,
        agency_kind=kind,
        direct_contact=direct,
        attended=attended,
    )


QUORATE = [
    professional(AgencyKind.CHILDRENS_SOCIAL_CARE),
    professional(AgencyKind.HEALTH),
    professional(AgencyKind.EDUCATION),
]


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
def chair(users):
    return users[Role.CP_CHAIR]


@pytest.fixture
def child(child_in_north):
    return child_in_north


@pytest.fixture
def episode(child):
    return EpisodeFactory(child=child, referral_date=dt.date(2026, 1, 2))


@pytest.fixture
def strategy(worker, child, episode):
    """A strategy discussion on 5 January 2026 deciding a joint S47 enquiry."""
    return strategy_discussion_record(
        actor=worker,
        children=[child],
        held_at=at(STRATEGY_ON),
        attendance=[professional(AgencyKind.CHILDRENS_SOCIAL_CARE), professional("police")],
        information_shared="Police attended a domestic abuse incident; the child was present.",
        decision=StrategyDecision.JOINT_S47,
    )


@pytest.fixture
def s47(strategy):
    return strategy.meeting.s47_enquiries.get()


def record_icpc(chair, s47, *, day=ICPC_ON, outcome=ConferenceOutcome.CP_PLAN, **kwargs):
    return conference_record(
        actor=chair,
        kind=MeetingKind.ICPC,
        child=s47.child,
        held_at=at(day),
        chair=chair,
        attendance=kwargs.pop("attendance", QUORATE),
        participation=[ChildParticipation(child=s47.child, mode=ParticipationMode.VIA_WORKER)],
        s47=s47,
        outcome=outcome,
        category=kwargs.pop("category", "NEG" if outcome == ConferenceOutcome.CP_PLAN else ""),
        **kwargs,
    )


@pytest.fixture
def icpc(chair, s47):
    return record_icpc(chair, s47)


@pytest.fixture
def cp_plan(chair, icpc):
    """The CP plan the finalised ICPC of 22 January 2026 started."""
    conference_finalise(actor=chair, conference=icpc)
    icpc.meeting.refresh_from_db()
    return icpc.meeting.plan


def record_review(chair, plan, *, day, outcome, category="", **kwargs):
    return conference_record(
        actor=chair,
        kind=MeetingKind.RCPC,
        child=plan.child,
        held_at=at(day),
        chair=chair,
        attendance=kwargs.pop("attendance", QUORATE),
        participation=[ChildParticipation(child=plan.child, mode=ParticipationMode.IN_WRITING)],
        plan=plan,
        outcome=outcome,
        category=category,
        **kwargs,
    )
