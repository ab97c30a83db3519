"""Fixtures for plans and CIN reviews: a child open to the service with an authorised
assessment whose outcome is a CIN plan, and plans at each stage."""

import datetime as dt

import pytest
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.casework.models import FgcStatus, MeasureSource
from cairn.casework.services.plans import (
    contingency_network_add,
    contingency_update,
    outcome_add,
    plan_create,
    plan_version_authorise,
)
from cairn.testing.factories import AdultFactory, RelationshipFactory
from cairn.testing.plans_factories import AuthorisedAssessmentFactory, EpisodeFactory

TODAY = dt.date(2026, 3, 16)  # a Monday


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
def child(child_in_north):
    return child_in_north


@pytest.fixture
def episode(child):
    return EpisodeFactory(child=child, referral_date=dt.date(2026, 1, 5))


@pytest.fixture
def assessed_episode(episode):
    AuthorisedAssessmentFactory(episode=episode, authorised_on=dt.date(2026, 2, 2))
    return episode


@pytest.fixture
def mother(child):
    mum = AdultFactory(given_name="Grace", family_name="Okafor")
    RelationshipFactory(person=child, relative=mum, type="mother")
    return mum


@pytest.fixture
def aunt(child):
    aunt = AdultFactory(given_name="Ngozi", family_name="Eze")
    RelationshipFactory(person=child, relative=aunt, type="other", same_household=False)
    return aunt


PLAN_MADE_ON = dt.date(2026, 2, 3)
PLAN_STARTED_ON = dt.date(2026, 2, 4)


@pytest.fixture
def draft_plan(worker, child, assessed_episode):
    """A draft CIN plan whose first version was made on 3 February 2026."""
    with override_settings(CAIRN_TODAY=PLAN_MADE_ON.isoformat()):
        return plan_create(actor=worker, child=child, episode=assessed_episode)


def complete_version(*, actor, version, network_person):
    """Give a draft version a measured outcome and a complete contingency."""
    outcome_add(
        actor=actor,
        version=version,
        text="Amara gets to school on time every day",
        measure_source=MeasureSource.CHILD,
        baseline=3,
    )
    outcome_add(
        actor=actor,
        version=version,
        text="Amara has a safe adult to talk to",
        measure_source=MeasureSource.INDICATOR,
        indicator="Amara names an adult she trusts",
    )
    contingency_update(
        actor=actor,
        version=version,
        triggers="Amara misses school two days in a week",
        response="A strategy discussion the next working day",
        who_acts="Allocated social worker",
        fgc_status=FgcStatus.HELD,
        fgc_on=dt.date(2026, 2, 20),
    )
    contingency_network_add(
        actor=actor,
        version=version,
        person=network_person,
        how_considered="Can look after Amara at short notice",
    )


@pytest.fixture
def ready_plan(worker, draft_plan, aunt):
    complete_version(actor=worker, version=draft_plan.versions.get(), network_person=aunt)
    return draft_plan


@pytest.fixture
def active_plan(manager, ready_plan):
    plan_version_authorise(
        actor=manager, version=ready_plan.versions.get(), authorised_on=PLAN_STARTED_ON
    )
    ready_plan.refresh_from_db()
    return ready_plan
