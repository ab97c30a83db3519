"""Data for the browser journeys. The browser and page fixtures are in cairn/testing/browser.py
(loaded for the whole suite by the root conftest)."""

import datetime as dt
from dataclasses import dataclass

import pytest

from cairn.accounts.roles import Role
from cairn.people.services import adult_register, relationship_create
from cairn.testing.factories import (
    AllocationFactory,
    PersonFactory,
)


@dataclass
class Caseload:
    worker: object
    child: object  # the child with a family network
    other_child: object
    mother: object
    father: object
    sibling: object


@pytest.fixture
def social_worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def caseload(teams, social_worker, child_in_north):
    """A social worker in the North team with two allocated children; one of them, Jayden
    Clarke, has a family network (mother, father and a sibling) recorded through the services."""
    actor = social_worker
    child = PersonFactory(
        given_name="Jayden", family_name="Clarke", date_of_birth=dt.date(2015, 3, 14)
    )
    AllocationFactory(child=child, team=teams["north"], worker=actor)
    sibling = PersonFactory(
        given_name="Mia", family_name="Clarke", date_of_birth=dt.date(2018, 7, 2)
    )
    AllocationFactory(child=sibling, team=teams["north"])
    mother = adult_register(
        actor=actor,
        given_name="Sarah",
        family_name="Clarke",
        date_of_birth=dt.date(1988, 5, 9),
        sex="F",
    )
    father = adult_register(
        actor=actor,
        given_name="Daniel",
        family_name="Clarke",
        date_of_birth=dt.date(1985, 11, 23),
        sex="M",
    )
    relationship_create(
        actor=actor, person=child, relative=mother, type="mother", same_household=True
    )
    relationship_create(actor=actor, person=child, relative=father, type="father")
    relationship_create(
        actor=actor, person=child, relative=sibling, type="sibling", same_household=True
    )
    return Caseload(
        worker=actor,
        child=child,
        other_child=child_in_north,
        mother=mother,
        father=father,
        sibling=sibling,
    )


@pytest.fixture
def ig_officer(users):
    return users[Role.IG_OFFICER]
