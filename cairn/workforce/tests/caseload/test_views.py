"""Caseload pages: who may open them, what they show, and a number of queries that does not grow
with the number of workers or children."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.casework.models import PlanKind
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.records_factories import ActivePlanFactory
from cairn.workforce.models import CaseloadWeight, CaseType

ALL_ROLES = [r for r in Role if r != Role.SYSTEM]


def _grow(teams, workers: int):
    for _ in range(workers):
        worker = UserFactory(role=Role.SOCIAL_WORKER, team=teams["north"])
        for kind in (PlanKind.CP, PlanKind.CIN):
            child = ActivePlanFactory(kind=kind).child
            AllocationFactory(child=child, team=teams["north"], worker=worker)
        AllocationFactory(child=PersonFactory(), team=teams["south"])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_team_caseload_page_is_for_its_managers_and_senior_leaders(client, teams, users, role):
    client.force_login(users[role])
    response = client.get(reverse("workforce:team_caseload", args=[teams["north"].pk]))
    allowed = role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER)
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_service_caseload_page_is_for_service_managers_and_senior_leaders(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse("workforce:service_caseloads"))
    assert response.status_code == (
        200 if role in (Role.SERVICE_MANAGER, Role.SENIOR_LEADER) else 403
    )


@pytest.mark.django_db
def test_a_team_manager_cannot_open_another_teams_caseloads(client, teams, users):
    client.force_login(users[Role.TEAM_MANAGER])
    response = client.get(reverse("workforce:team_caseload", args=[teams["disabled"].pk]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_team_caseloads_lead_a_team_manager_to_their_team(client, teams, users):
    client.force_login(users[Role.TEAM_MANAGER])
    response = client.get(reverse("workforce:caseloads"))
    assert response.url == reverse("workforce:team_caseload", args=[teams["north"].pk])
    client.force_login(users[Role.SERVICE_MANAGER])
    assert client.get(reverse("workforce:caseloads")).url == reverse("workforce:service_caseloads")


@pytest.mark.django_db
def test_the_team_page_shows_each_worker_with_the_over_threshold_flag(client, teams, users):
    teams["north"].caseload_threshold = 1
    teams["north"].save()
    _grow(teams, 1)
    client.force_login(users[Role.TEAM_MANAGER])

    page = client.get(reverse("workforce:team_caseload", args=[teams["north"].pk])).content.decode()

    assert "Child in need: 1, Child protection: 1" in page
    assert "2.5" in page  # CP 1.5 + CIN 1
    assert "Over threshold" in page


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [1, 8])
def test_the_team_page_costs_the_same_queries_whatever_the_size(
    client, teams, users, workers, django_assert_max_num_queries
):
    _grow(teams, workers)
    client.force_login(users[Role.TEAM_MANAGER])
    with django_assert_max_num_queries(16):  # + the verified second factor (ADR 0024)
        response = client.get(reverse("workforce:team_caseload", args=[teams["north"].pk]))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [1, 8])
def test_the_service_page_costs_the_same_queries_whatever_the_size(
    client, teams, users, workers, django_assert_max_num_queries
):
    _grow(teams, workers)
    client.force_login(users[Role.SERVICE_MANAGER])
    with django_assert_max_num_queries(14):  # + the verified second factor (ADR 0024)
        response = client.get(reverse("workforce:service_caseloads"))
    assert response.status_code == 200
    assert response.content.decode().count("govuk-tag--red") == 0


@pytest.mark.django_db
def test_a_team_manager_changes_the_threshold(client, teams, users):
    client.force_login(users[Role.TEAM_MANAGER])
    url = reverse("workforce:team_threshold", args=[teams["north"].pk])
    bad = client.post(url, {"threshold": "0"})
    assert "The caseload threshold must be between 1 and 100" in bad.content.decode()
    response = client.post(url, {"threshold": "18"})
    assert response.status_code == 302
    teams["north"].refresh_from_db()
    assert teams["north"].caseload_threshold == 18


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_system_administrators_open_the_weights_page(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse("workforce:caseload_weights"))
    assert response.status_code == (200 if role == Role.SYSTEM_ADMIN else 403)


@pytest.mark.django_db
def test_a_system_administrator_changes_a_weight(client, users):
    client.force_login(users[Role.SYSTEM_ADMIN])
    data = {"assessment": "1", "early_help": "0.5", "cin": "1", "cp": "2", "pre_proceedings": "2"}
    missing = client.post(reverse("workforce:caseload_weights"), data)
    assert "Enter the weight for looked after" in missing.content.decode()
    response = client.post(reverse("workforce:caseload_weights"), data | {"looked_after": "1"})
    assert response.status_code == 302
    assert CaseloadWeight.objects.get(case_type=CaseType.CP).weight == Decimal("2")
    assert CaseloadWeight.objects.count() == 1
