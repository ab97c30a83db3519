"""Staff pages: who may see and change them, the newly qualified tag, bad input."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.testing.factories import UserFactory
from cairn.testing.staff_factories import StaffRecordFactory
from cairn.workforce.models import StaffRecord

pytestmark = pytest.mark.django_db

KEEPERS = {Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SYSTEM_ADMIN}


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM])
def test_staff_pages_for_managers_and_administrators(client, users, role):
    worker = users[Role.SOCIAL_WORKER]
    StaffRecordFactory(user=worker, qualified_on=dt.date(2025, 9, 1))
    client.force_login(users[role])
    expected = 200 if role in KEEPERS else 403
    assert client.get(reverse("workforce:staff_list")).status_code == expected
    assert client.get(reverse("workforce:staff_edit", args=[worker.pk])).status_code == expected
    detail = client.get(reverse("workforce:staff_detail", args=[worker.pk]))
    assert detail.status_code == (200 if role in KEEPERS or role == Role.SOCIAL_WORKER else 403)


def test_the_list_flags_newly_qualified_workers(client, users):
    StaffRecordFactory(user=users[Role.SOCIAL_WORKER], qualified_on=dt.date(2025, 9, 1))
    client.force_login(users[Role.TEAM_MANAGER])
    page = client.get(reverse("workforce:staff_list")).content.decode()
    assert "Newly qualified" in page


def test_the_manager_sets_a_leaving_date(client, users):
    worker = users[Role.SOCIAL_WORKER]
    record = StaffRecordFactory(user=worker)
    client.force_login(users[Role.TEAM_MANAGER])
    data = {
        "role": worker.role,
        "team": worker.team_id,
        "manager": "",
        "fte": "1",
        "is_agency": "False",
        "swe_number": record.swe_number,
        "started_on_0": "6",
        "started_on_1": "1",
        "started_on_2": "2020",
        "left_on_0": "31",
        "left_on_1": "3",
        "left_on_2": "2026",
        "version": record.version,
    }
    response = client.post(reverse("workforce:staff_edit", args=[worker.pk]), data)
    assert response.status_code == 302
    assert StaffRecord.objects.get(user=worker).left_on == dt.date(2026, 3, 31)

    data["left_on_2"] = "2019"
    response = client.post(reverse("workforce:staff_edit", args=[worker.pk]), data)
    assert "The leaving date must be on or after the start date" in response.content.decode()


def test_a_manager_cannot_change_staff_of_another_team(client, users, teams):
    other = UserFactory(role=Role.SOCIAL_WORKER, team=teams["disabled"])
    client.force_login(users[Role.TEAM_MANAGER])
    assert client.get(reverse("workforce:staff_edit", args=[other.pk])).status_code == 403


def test_staff_list_queries_do_not_grow(client, users, teams, django_assert_max_num_queries):
    for n in range(8):
        StaffRecordFactory(user=UserFactory(username=f"extra{n}", team=teams["north"]))
    client.force_login(users[Role.TEAM_MANAGER])
    with django_assert_max_num_queries(10):  # 9 today, whatever the number of staff
        client.get(reverse("workforce:staff_list"))
