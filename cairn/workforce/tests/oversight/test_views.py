"""Oversight on the child's record: the list (the view is logged), recording an entry, marking
an action done, and the section on the child's page."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.testing.audit import assert_access_logged
from cairn.testing.workforce_factories import OversightActionFactory, OversightEntryFactory
from cairn.workforce.models import OversightActionStatus, OversightEntry

ALL_ROLES = [r for r in Role if r != Role.SYSTEM]
IN_SCOPE_VIEWERS = {
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


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_oversight_list_is_for_those_who_see_the_child_and_is_logged(
    client, users, child_in_north, role
):
    client.force_login(users[role])
    response = client.get(reverse("workforce:child_oversight", args=[child_in_north.pk]))
    allowed = role in IN_SCOPE_VIEWERS
    assert response.status_code == (200 if allowed else 403)
    assert_access_logged(
        person=child_in_north, actor=users[role], outcome="granted" if allowed else "denied"
    )


@pytest.mark.django_db
def test_the_list_shows_entries_newest_first_with_actions(client, users, child_in_north):
    OversightEntryFactory(child=child_in_north, recorded_on=dt.date(2026, 2, 2), reflection="Old")
    entry = OversightEntryFactory(child=child_in_north, reflection="New")
    OversightActionFactory(entry=entry, what="Ask the school", due_on=dt.date(2026, 3, 13))
    client.force_login(users[Role.SOCIAL_WORKER])

    page = client.get(reverse("workforce:child_oversight", args=[child_in_north.pk])).content
    page = page.decode()

    assert page.index("New") < page.index("Old")
    assert "Ask the school" in page
    assert "Overdue" in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_managers_of_the_childs_team_record_oversight(client, users, child_in_north, role):
    client.force_login(users[role])
    response = client.get(reverse("workforce:oversight_entry_create", args=[child_in_north.pk]))
    assert response.status_code == (
        200 if role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER) else 403
    )


@pytest.mark.django_db
def test_a_manager_records_oversight_with_an_action(client, users, child_in_north):
    worker = users[Role.SOCIAL_WORKER]
    client.force_login(users[Role.TEAM_MANAGER])
    url = reverse("workforce:oversight_entry_create", args=[child_in_north.pk])
    data = {
        "recorded_on_0": "16",
        "recorded_on_1": "3",
        "recorded_on_2": "2026",
        "kind": "decision",
        "reflection": "Drift: no visit for five weeks",
        "plan_making_difference": "no",
        "what_will_change": "Weekly visits until the review",
        "action_1_what": "Visit this week",
        "action_1_owner": str(worker.pk),
    }
    refused = client.post(url, data)
    response = client.post(
        url,
        data | {"action_1_due_on_0": "20", "action_1_due_on_1": "3", "action_1_due_on_2": "2026"},
    )

    assert "Enter the date action 1 is due" in refused.content.decode()
    assert response.status_code == 302
    entry = OversightEntry.objects.get()
    assert entry.actions.get().owner == worker


@pytest.mark.django_db
def test_the_owner_marks_an_action_done_on_the_list(client, users, child_in_north):
    action = OversightActionFactory(
        entry=OversightEntryFactory(child=child_in_north), owner=users[Role.SOCIAL_WORKER]
    )
    client.force_login(users[Role.SOCIAL_WORKER])
    prefix = f"action-{action.pk}"
    client.post(
        reverse("workforce:oversight_action_done", args=[action.pk]),
        {
            f"{prefix}-version": "1",
            f"{prefix}-done_on_0": "16",
            f"{prefix}-done_on_1": "3",
            f"{prefix}-done_on_2": "2026",
        },
    )
    action.refresh_from_db()
    assert (action.status, action.done_on) == (OversightActionStatus.DONE, dt.date(2026, 3, 16))


@pytest.mark.django_db
def test_the_childs_page_shows_the_latest_oversight(client, users, child_in_north):
    entry = OversightEntryFactory(child=child_in_north)
    OversightActionFactory(entry=entry, due_on=dt.date(2026, 3, 13))
    client.force_login(users[Role.TEAM_MANAGER])

    page = client.get(reverse("casework:child_detail", args=[child_in_north.pk])).content.decode()

    assert "Management oversight" in page
    assert "2 March 2026" in page
    assert "1 overdue" in page
    assert reverse("workforce:oversight_entry_create", args=[child_in_north.pk]) in page


@pytest.mark.django_db
@pytest.mark.parametrize("entries", [1, 8])
def test_the_list_costs_the_same_queries_whatever_the_number_of_entries(
    client, users, child_in_north, entries, django_assert_max_num_queries
):
    for _ in range(entries):
        OversightActionFactory(entry=OversightEntryFactory(child=child_in_north))
    client.force_login(users[Role.TEAM_MANAGER])
    with django_assert_max_num_queries(17):  # + the verified second factor (ADR 0024)
        client.get(reverse("workforce:child_oversight", args=[child_in_north.pk]))


def _mark_done(client, action):
    prefix = f"action-{action.pk}"
    return client.post(
        reverse("workforce:oversight_action_done", args=[action.pk]),
        {
            f"{prefix}-version": "1",
            f"{prefix}-done_on_0": "16",
            f"{prefix}-done_on_1": "3",
            f"{prefix}-done_on_2": "2026",
        },
    )


@pytest.mark.django_db
def test_only_the_owner_or_a_manager_marks_an_action_done(client, users, child_in_north):
    action = OversightActionFactory(
        entry=OversightEntryFactory(child=child_in_north), owner=users[Role.SOCIAL_WORKER]
    )
    client.force_login(users[Role.SENIOR_PRACTITIONER])  # sees the child, owns no action

    assert _mark_done(client, action).status_code == 403
    action.refresh_from_db()
    assert action.status != OversightActionStatus.DONE

    client.force_login(users[Role.TEAM_MANAGER])
    assert _mark_done(client, action).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_on) == (OversightActionStatus.DONE, dt.date(2026, 3, 16))


@pytest.mark.django_db
def test_a_refused_press_shows_the_problem_not_success(client, users, child_in_north):
    action = OversightActionFactory(
        entry=OversightEntryFactory(child=child_in_north), owner=users[Role.SOCIAL_WORKER]
    )
    client.force_login(users[Role.SOCIAL_WORKER])
    assert "Success" in client.get(_mark_done(client, action)["Location"]).content.decode()

    again = _mark_done(client, action)  # the version is now 2: someone else's change wins
    page = client.get(again["Location"]).content.decode()

    assert "There is a problem" in page
    assert "Success" not in page
