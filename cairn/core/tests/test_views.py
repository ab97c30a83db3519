"""The home page: the signed-in user's own caseload."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.testing.factories import AllocationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_home_lists_only_the_children_allocated_to_the_user(client, users, teams, child_in_north):
    team_only = PersonFactory(given_name="Unallocated", family_name="Child")
    AllocationFactory(child=team_only, team=teams["north"])
    client.force_login(users[Role.SOCIAL_WORKER])

    response = client.get(reverse("home"))

    page = response.content.decode()
    assert [row.name for row in response.context["rows"]] == ["Amara Okafor"]
    assert reverse("casework:child_detail", args=[child_in_north.pk]) in page
    assert "Unallocated Child" not in page
    assert "Children allocated to you: 1." in page


def test_home_for_a_user_with_no_children_offers_search(client, users, child_in_north):
    client.force_login(users[Role.CP_CHAIR])
    page = client.get(reverse("home")).content.decode()
    assert "No children are allocated to you." in page
    assert reverse("people:search") in page
    assert "Amara Okafor" not in page


def test_an_ended_allocation_leaves_the_caseload(client, users, teams):
    worker = users[Role.SOCIAL_WORKER]
    child = PersonFactory(given_name="Former", family_name="Case")
    AllocationFactory(child=child, team=teams["north"], worker=worker, ended_on="2025-03-01")
    client.force_login(worker)
    assert client.get(reverse("home")).context["rows"] == []


def test_home_is_get_only(client, users):
    client.force_login(users[Role.SOCIAL_WORKER])
    assert client.post(reverse("home")).status_code == 405


def test_home_query_count_does_not_grow_with_the_caseload(
    client, users, teams, django_assert_max_num_queries
):
    worker = users[Role.SOCIAL_WORKER]
    client.force_login(worker)
    AllocationFactory(child=PersonFactory(), team=teams["north"], worker=worker)
    with CaptureQueriesContext(connection) as one_child:
        client.get(reverse("home"))
    for _ in range(15):
        AllocationFactory(child=PersonFactory(), team=teams["north"], worker=worker)

    with django_assert_max_num_queries(len(one_child)):
        response = client.get(reverse("home"))

    assert len(response.context["rows"]) == 16
