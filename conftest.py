"""Fixtures shared by every test: a small council structure and one user per role."""

import pytest

pytest.register_assert_rewrite("cairn.testing.audit")
pytest_plugins = ["cairn.testing.browser"]

from cairn.accounts.roles import Role, TeamKind
from cairn.testing.factories import AllocationFactory, PersonFactory, TeamFactory, UserFactory


@pytest.fixture
def client():
    """Django's test client, whose login/force_login also completes the two-factor step
    (cairn/testing/client.py); the two-factor tests use django.test.Client itself."""
    from cairn.testing.client import VerifiedClient

    return VerifiedClient()


@pytest.fixture
def teams(db):
    """A service area with two locality teams under it, and a team in another service."""
    service = TeamFactory(name="Children in need and protection", kind=TeamKind.SERVICE)
    north = TeamFactory(name="North locality", kind=TeamKind.CIN_CP, parent=service)
    south = TeamFactory(name="South locality", kind=TeamKind.CIN_CP, parent=service)
    other_service = TeamFactory(name="Disabled children's service", kind=TeamKind.SERVICE)
    disabled = TeamFactory(
        name="Disabled children's team", kind=TeamKind.DISABLED_CHILDREN, parent=other_service
    )
    return {"service": service, "north": north, "south": south, "disabled": disabled}


@pytest.fixture
def users(teams):
    """One user per role; case holders and their managers sit in the North team or its service."""
    team_for = {
        Role.SOCIAL_WORKER: teams["north"],
        Role.SENIOR_PRACTITIONER: teams["north"],
        Role.TEAM_MANAGER: teams["north"],
        Role.SERVICE_MANAGER: teams["service"],
    }
    return {
        role: UserFactory(username=role.value, role=role, team=team_for.get(role))
        for role in Role
        if role != Role.SYSTEM
    }


@pytest.fixture
def child_in_north(teams, users):
    child = PersonFactory(given_name="Amara", family_name="Okafor")
    AllocationFactory(child=child, team=teams["north"], worker=users[Role.SOCIAL_WORKER])
    return child


@pytest.fixture
def child_in_south(teams):
    child = PersonFactory(given_name="Tyler", family_name="Hughes")
    AllocationFactory(child=child, team=teams["south"])
    return child


@pytest.fixture
def child_in_disabled_team(teams):
    child = PersonFactory(given_name="Priya", family_name="Sharma")
    AllocationFactory(child=child, team=teams["disabled"])
    return child
