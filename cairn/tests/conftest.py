"""The page world shared by the page matrix and the guessed-id tests."""

import pytest
from django.db import transaction

from cairn.accounts.roles import Role, TeamKind
from cairn.testing.factories import TeamFactory, UserFactory
from cairn.testing.page_world import build_world
from cairn.tests.page_params import STAFF_ROLES


@pytest.fixture(scope="module")
def page_world(django_db_setup, django_db_blocker):
    """One council for the whole module, built once inside a transaction rolled back at the
    end (each test runs in a savepoint within it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        service = TeamFactory(name="Children in need and protection", kind=TeamKind.SERVICE)
        teams = {
            "service": service,
            "north": TeamFactory(name="North locality", kind=TeamKind.CIN_CP, parent=service),
            "south": TeamFactory(name="South locality", kind=TeamKind.CIN_CP, parent=service),
        }
        team_for = {
            Role.SOCIAL_WORKER: teams["north"],
            Role.SENIOR_PRACTITIONER: teams["north"],
            Role.TEAM_MANAGER: teams["north"],
            Role.SERVICE_MANAGER: service,
        }
        users = {
            role: UserFactory(username=role.value, role=role, team=team_for.get(role))
            for role in STAFF_ROLES
        }
        ids = build_world(users, teams)
        yield {"users": users, "teams": teams, **ids}
        transaction.set_rollback(True)
