"""Allocation pages: the history with reasons (its view logged), allocating by managers,
and the team's unallocated queue."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from cairn.accounts.roles import Role
from cairn.testing.audit import assert_access_logged
from cairn.testing.factories import AllocationFactory, UserFactory
from cairn.testing.frontdoor_factories import EpisodeFactory
from cairn.workforce.models import Allocation

pytestmark = pytest.mark.django_db

SEES_NORTH = {
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
    Role.CP_CHAIR,
    Role.QA_OFFICER,
    Role.PERFORMANCE_ANALYST,
    Role.SENIOR_LEADER,
    Role.IG_OFFICER,
}
ALLOCATORS = {Role.TEAM_MANAGER, Role.SERVICE_MANAGER}


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM])
def test_history_and_allocation_permissions(client, users, child_in_north, role):
    client.force_login(users[role])
    history = client.get(reverse("workforce:allocation_history", args=[child_in_north.pk]))
    assert history.status_code == (200 if role in SEES_NORTH else 403)
    allocate = client.get(reverse("workforce:child_allocate", args=[child_in_north.pk]))
    assert allocate.status_code == (200 if role in ALLOCATORS else 403)


def test_the_history_shows_each_change_with_its_reason_and_logs_the_view(
    client, users, child_in_north
):
    manager = users[Role.TEAM_MANAGER]
    client.force_login(manager)
    response = client.post(
        reverse("workforce:child_allocate", args=[child_in_north.pk]),
        {
            "team": child_in_north.allocations.get().team_id,
            "worker": users[Role.SENIOR_PRACTITIONER].pk,
            "started_on_0": "2",
            "started_on_1": "3",
            "started_on_2": "2026",
            "reason": "Worker on long-term sick leave",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("workforce:allocation_history", args=[child_in_north.pk]))
    text = page.content.decode()
    assert "Worker on long-term sick leave" in text
    assert "From 2 March 2026 (current)" in text
    assert "Changes of social worker in the last 12 months: <strong>1</strong>" in text
    assert_access_logged(person=child_in_north, actor=manager)


def test_allocating_without_a_reason_is_refused(client, users, child_in_north):
    client.force_login(users[Role.TEAM_MANAGER])
    response = client.post(
        reverse("workforce:child_allocate", args=[child_in_north.pk]),
        {
            "team": child_in_north.allocations.get().team_id,
            "worker": "",
            "started_on_0": "2",
            "started_on_1": "3",
            "started_on_2": "2026",
            "reason": "",
        },
    )
    assert "Enter the reason for the change of allocation" in response.content.decode()
    assert Allocation.objects.filter(child=child_in_north).count() == 1


def test_the_queue_lists_open_cases_waiting_longest_first(client, users, teams):
    waiting = []
    for started in (dt.date(2026, 3, 9), dt.date(2026, 2, 2)):
        allocation = AllocationFactory(team=teams["north"], started_on=started)
        EpisodeFactory(child=allocation.child)
        waiting.append(allocation.child)
    closed = AllocationFactory(team=teams["north"]).child
    client.force_login(users[Role.SOCIAL_WORKER])
    page = client.get(reverse("workforce:my_team_queue"), follow=True).content.decode()
    # Names as the page writes them (a generated name may hold an apostrophe).
    assert page.index(escape(waiting[1].full_name)) < page.index(escape(waiting[0].full_name))
    assert escape(closed.full_name) not in page
    assert ">42<" in page  # days waiting since 2 February 2026


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.SOCIAL_WORKER, True), (Role.TEAM_MANAGER, True), (Role.QA_OFFICER, False)],
)
def test_queue_permissions(client, users, teams, role, allowed):
    client.force_login(users[role])
    response = client.get(reverse("workforce:unallocated_queue", args=[teams["north"].pk]))
    assert response.status_code == (200 if allowed else 403)


def test_a_south_worker_cannot_see_the_north_queue(client, teams):
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER, team=teams["south"]))
    response = client.get(reverse("workforce:unallocated_queue", args=[teams["north"].pk]))
    assert response.status_code == 403
