"""The workforce report page and its CSV download."""

import csv
import io

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role

ALL_ROLES = [r for r in Role if r != Role.SYSTEM]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_report_is_for_service_managers_leaders_and_analysts(client, users, role):
    client.force_login(users[role])
    allowed = role in (Role.SERVICE_MANAGER, Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST)
    assert client.get(reverse("workforce:workforce_report")).status_code == (
        200 if allowed else 403
    )
    assert client.get(reverse("workforce:workforce_report_csv")).status_code == (
        200 if allowed else 403
    )


@pytest.mark.django_db
def test_the_csv_has_a_row_per_team_and_per_month(client, teams, users):
    client.force_login(users[Role.SENIOR_LEADER])
    response = client.get(reverse("workforce:workforce_report_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert response["Content-Disposition"] == (
        'attachment; filename="workforce-report-2026-03-16.csv"'
    )
    assert rows[0][:3] == ["Team", "Headcount", "FTE"]
    teams_part = [r[0] for r in rows[1 : rows.index([])]]
    assert teams_part == [
        "Disabled children's team",
        "North locality",
        "South locality",
        "All teams",
    ]
    months = rows[rows.index([]) + 2 :]
    assert [m[0] for m in months][-1] == "16 March 2026"
    assert len(months) == 12


@pytest.mark.django_db
def test_a_service_manager_sees_the_teams_of_their_service(client, users):
    client.force_login(users[Role.SERVICE_MANAGER])
    page = client.get(reverse("workforce:workforce_report")).content.decode()
    assert "North locality" in page
    assert "Disabled children" not in page
