"""Scope: which children and adults each role may see."""

import pytest

from cairn.accounts.roles import Role
from cairn.accounts.selectors import team_ids_managed_by
from cairn.people.selectors import (
    child_list_visible_to,
    person_get,
    person_is_visible_to,
    person_list_visible_to,
)
from cairn.people.services import relationship_create
from cairn.testing.factories import AdultFactory, UserFactory

pytestmark = pytest.mark.django_db

NORTH, SOUTH, DISABLED = "child_in_north", "child_in_south", "child_in_disabled_team"
EXPECTED = {
    Role.SOCIAL_WORKER: {NORTH},
    Role.SENIOR_PRACTITIONER: {NORTH},
    Role.TEAM_MANAGER: {NORTH},
    Role.SERVICE_MANAGER: {NORTH, SOUTH},
    Role.CP_CHAIR: {NORTH, SOUTH, DISABLED},
    Role.QA_OFFICER: {NORTH, SOUTH, DISABLED},
    Role.PERFORMANCE_ANALYST: {NORTH, SOUTH, DISABLED},
    Role.SENIOR_LEADER: {NORTH, SOUTH, DISABLED},
    Role.IG_OFFICER: {NORTH, SOUTH, DISABLED},
    Role.SYSTEM_ADMIN: set(),
}


@pytest.fixture
def children(child_in_north, child_in_south, child_in_disabled_team):
    return {NORTH: child_in_north, SOUTH: child_in_south, DISABLED: child_in_disabled_team}


@pytest.mark.parametrize("role", list(EXPECTED), ids=lambda r: r.value)
def test_child_list_visible_to_each_role(users, children, role):
    visible = set(child_list_visible_to(user=users[role]))
    assert visible == {children[name] for name in EXPECTED[role]}


def test_an_inactive_user_sees_no_one(users, children):
    chair = users[Role.CP_CHAIR]
    chair.is_active = False
    chair.save()
    assert not child_list_visible_to(user=chair).exists()


def test_a_social_worker_without_a_team_sees_only_children_allocated_to_them(children, teams):
    from cairn.testing.factories import AllocationFactory, PersonFactory

    loner = UserFactory(username="loner", role=Role.SOCIAL_WORKER, team=None)
    mine = PersonFactory()
    AllocationFactory(child=mine, team=teams["south"], worker=loner)
    assert list(child_list_visible_to(user=loner)) == [mine]


def test_team_ids_managed_by_walks_down_the_hierarchy(users, teams):
    managed = set(team_ids_managed_by(user=users[Role.SERVICE_MANAGER]))
    assert managed == {teams["service"].pk, teams["north"].pk, teams["south"].pk}
    assert team_ids_managed_by(user=users[Role.TEAM_MANAGER]) == [teams["north"].pk]
    assert team_ids_managed_by(user=users[Role.CP_CHAIR]) == []


def test_adults_are_visible_through_a_visible_childs_family(users, children):
    worker = users[Role.SOCIAL_WORKER]
    mother = AdultFactory()
    other = AdultFactory()
    relationship_create(actor=worker, person=children[NORTH], relative=mother, type="mother")
    relationship_create(actor=worker, person=children[SOUTH], relative=other, type="mother")

    visible = set(person_list_visible_to(user=worker))

    assert visible == {children[NORTH], mother}
    assert person_is_visible_to(user=worker, person=mother)
    assert not person_is_visible_to(user=worker, person=other)
    assert person_is_visible_to(user=users[Role.CP_CHAIR], person=other)


def test_person_get_returns_none_for_an_unknown_person(db):
    assert person_get(pk=424242) is None
