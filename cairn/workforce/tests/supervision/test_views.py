"""Supervision pages: compliance for every team, recording a session through the form (one
oversight entry per child discussed) and who may open each page."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.staff_factories import StaffRecordFactory
from cairn.testing.workforce_factories import SupervisionSessionFactory
from cairn.workforce.models import OversightEntry, SupervisionSession

ALL_ROLES = [r for r in Role if r != Role.SYSTEM]
VIEWERS = {Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_compliance_page_is_for_managers_leaders_and_analysts(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse("workforce:supervision"))
    assert response.status_code == (200 if role in VIEWERS else 403)


@pytest.mark.django_db
def test_the_compliance_page_puts_every_team_side_by_side(client, teams, users):
    disabled = UserFactory(role=Role.SOCIAL_WORKER, team=teams["disabled"], last_name="Okoye")
    StaffRecordFactory(user=disabled)
    client.force_login(users[Role.SENIOR_LEADER])

    page = client.get(reverse("workforce:supervision")).content.decode()

    for name in ("North locality", "South locality", "Disabled children&#x27;s team"):
        assert name in page
    assert "Okoye" in page  # never supervised since 2020: overdue


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 6])
def test_the_compliance_page_costs_the_same_queries_whatever_the_size(
    client, teams, users, size, django_assert_max_num_queries
):
    for team in (teams["north"], teams["disabled"]):
        for _ in range(size):
            worker = UserFactory(role=Role.SOCIAL_WORKER, team=team)
            StaffRecordFactory(user=worker)
            SupervisionSessionFactory(worker=worker)
    client.force_login(users[Role.SERVICE_MANAGER])
    with django_assert_max_num_queries(15):  # + the verified second factor (ADR 0024)
        assert client.get(reverse("workforce:supervision")).status_code == 200


def _post_data(children, discussed):
    data = {
        "held_on_0": "16",
        "held_on_1": "3",
        "held_on_2": "2026",
        "kind": "formal",
        "notes": "Wellbeing good",
    }
    for child in children:
        if child in discussed:
            data[f"child_{child.pk}_discussed"] = "on"
            data[f"child_{child.pk}_reflection"] = f"Talked about {child.given_name}"
    return data


@pytest.mark.django_db
def test_recording_supervision_through_the_form_writes_an_entry_per_child(client, teams, users):
    worker, manager = users[Role.SOCIAL_WORKER], users[Role.TEAM_MANAGER]
    children = [PersonFactory() for _ in range(4)]
    for child in children:
        AllocationFactory(child=child, team=teams["north"], worker=worker)
    client.force_login(manager)
    url = reverse("workforce:supervision_record", args=[worker.pk])

    form = client.get(url).content.decode()
    missing = _post_data(children, children[:1])
    missing[f"child_{children[1].pk}_discussed"] = "on"
    refused = client.post(url, missing)
    response = client.post(url, _post_data(children, children[:3]))

    assert all(child.full_name in form for child in children)
    assert f"Enter your reflection on {children[1].full_name}" in refused.content.decode()
    session = SupervisionSession.objects.get()
    assert response.url == reverse("workforce:supervision_session", args=[session.pk])
    assert {e.child for e in OversightEntry.objects.all()} == set(children[:3])
    detail = client.get(response.url).content.decode()
    assert all(child.full_name in detail for child in children[:3])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_workers_managers_open_the_record_page(client, users, role):
    client.force_login(users[role])
    url = reverse("workforce:supervision_record", args=[users[Role.SOCIAL_WORKER].pk])
    assert client.get(url).status_code == (
        200 if role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER) else 403
    )


@pytest.mark.django_db
def test_a_worker_sees_their_own_sessions_but_not_a_colleagues(client, users):
    worker, colleague = users[Role.SOCIAL_WORKER], users[Role.SENIOR_PRACTITIONER]
    session = SupervisionSessionFactory(worker=worker, held_on=dt.date(2026, 3, 2))
    client.force_login(worker)
    own = client.get(reverse("workforce:worker_supervision", args=[worker.pk]))
    assert "2 March 2026" in own.content.decode()
    assert (
        client.get(reverse("workforce:supervision_session", args=[session.pk])).status_code == 200
    )
    assert (
        client.get(reverse("workforce:worker_supervision", args=[colleague.pk])).status_code == 403
    )
    client.force_login(colleague)
    assert (
        client.get(reverse("workforce:supervision_session", args=[session.pk])).status_code == 403
    )


@pytest.mark.django_db
def test_a_team_manager_sets_the_teams_standard(client, teams, users):
    client.force_login(users[Role.TEAM_MANAGER])
    url = reverse("workforce:supervision_standard", args=[teams["north"].pk])
    response = client.post(
        url, {"interval_months": "2", "nq_weekly_weeks": "6", "nq_fortnightly_months": "6"}
    )
    assert response.status_code == 302
    assert teams["north"].supervision_standards.get().interval_months == 2
    other = reverse("workforce:supervision_standard", args=[teams["disabled"].pk])
    assert client.get(other).status_code == 403


@pytest.mark.django_db
def test_a_line_manager_in_another_team_opens_the_record_page(client, teams, users):
    manager = UserFactory(role=Role.TEAM_MANAGER, team=teams["south"])
    worker = UserFactory(role=Role.SOCIAL_WORKER, team=teams["north"], manager=manager)
    client.force_login(manager)
    assert client.get(reverse("workforce:supervision_record", args=[worker.pk])).status_code == 200
    assert client.get(reverse("workforce:worker_supervision", args=[worker.pk])).status_code == 200
