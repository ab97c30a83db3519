"""The edge-of-care pages: who may open each, that views of the record are logged, the forms
show the services' refusals, and the lists cost a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.edgeofcare.models import ReferralStatus
from cairn.governance import services
from cairn.governance.access import RESTRICTED_NAME
from cairn.testing.audit import assert_access_logged
from cairn.testing.edgeofcare_factories import (
    AcceptedReferralFactory,
    InterventionFactory,
    ReferralFactory,
    SessionFactory,
)
from cairn.testing.factories import PersonFactory, UserFactory


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.fixture
def referral(child_in_north, teams):
    return ReferralFactory(child=child_in_north, team=teams["north"])


REPORT_ALLOWED = {
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
    Role.SENIOR_LEADER,
    Role.PERFORMANCE_ANALYST,
}


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM])
def test_service_report_permissions(client, users, role):
    response = _get(client, users[role], reverse("edgeofcare:service_report"))
    assert response.status_code == (200 if role in REPORT_ALLOWED else 403)


def test_edge_of_care_team_sees_the_report_and_its_list(client, eoc_worker, referral):
    assert _get(client, eoc_worker, reverse("edgeofcare:service_report")).status_code == 200
    response = client.get(reverse("edgeofcare:referral_list"))
    assert response.status_code == 200
    assert "Amara Okafor" in response.content.decode()


def test_others_may_not_open_the_service_list(client, users):
    response = _get(client, users[Role.TEAM_MANAGER], reverse("edgeofcare:referral_list"))
    assert response.status_code == 403


def test_referral_page_is_logged_for_the_childs_worker(client, worker, referral):
    response = _get(client, worker, reverse("edgeofcare:referral_detail", args=[referral.pk]))
    assert response.status_code == 200
    assert_access_logged(person=referral.child, actor=worker)


def test_edge_of_care_team_sees_referred_children_only(client, eoc_worker, referral):
    url = reverse("edgeofcare:referral_detail", args=[referral.pk])
    assert _get(client, eoc_worker, url).status_code == 200
    assert_access_logged(person=referral.child, actor=eoc_worker)
    other = PersonFactory()
    assert not eoc_worker.has_perm("edgeofcare.view_record", other)


def test_worker_of_another_team_is_refused_and_logged(client, referral, child_in_south, teams):
    outsider = UserFactory(team=teams["south"])
    url = reverse("edgeofcare:referral_detail", args=[referral.pk])
    assert _get(client, outsider, url).status_code == 403
    assert_access_logged(person=referral.child, actor=outsider, outcome="denied")


@pytest.mark.parametrize(
    ("who", "perm", "allowed"),
    [
        ("worker", "edgeofcare.refer", True),
        ("eoc_worker", "edgeofcare.refer", False),
        ("eoc_manager", "edgeofcare.decide", True),
        ("eoc_worker", "edgeofcare.decide", False),
        ("manager", "edgeofcare.decide", False),
        ("eoc_worker", "edgeofcare.work", True),
        ("worker", "edgeofcare.work", False),
    ],
)
def test_permission_matrix(request, users, referral, who, perm, allowed):
    user = users[Role.TEAM_MANAGER] if who == "manager" else request.getfixturevalue(who)
    assert user.has_perm(perm, referral.child) is allowed


def test_referral_form_shows_the_services_refusal(client, worker, referral):
    url = reverse("edgeofcare:referral_new", args=[referral.child.pk])
    client.force_login(worker)
    response = client.post(
        url,
        {
            "referred_on_0": "2",
            "referred_on_1": "3",
            "referred_on_2": "2026",
            "reason": "Another",
            "risk_of_care": "high",
        },
    )
    assert response.status_code == 200
    assert "already has an edge-of-care referral that is not finished" in response.content.decode()
    assert referral.child.edge_of_care_referrals.count() == 1


def test_decision_page_is_for_the_edge_of_care_manager(client, worker, eoc_manager, referral):
    url = reverse("edgeofcare:referral_decide", args=[referral.pk])
    assert _get(client, worker, url).status_code == 403
    client.force_login(eoc_manager)
    response = client.post(
        url,
        {
            "decision": "accepted",
            "decided_on_0": "6",
            "decided_on_1": "1",
            "decided_on_2": "2026",
            "reason": "Care likely",
            "version": referral.version,
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED


def test_child_page_shows_the_section(client, worker, referral):
    response = _get(client, worker, reverse("casework:child_detail", args=[referral.child.pk]))
    body = response.content.decode()
    assert 'data-testid="child-edge-of-care"' in body
    assert "Awaiting decision" in body


def test_referral_list_costs_fixed_queries(
    client, eoc_worker, teams, django_assert_max_num_queries
):
    for _ in range(4):
        InterventionFactory(referral=AcceptedReferralFactory(team=teams["north"]))
    ReferralFactory(team=teams["south"])
    client.force_login(eoc_worker)
    with django_assert_max_num_queries(9):  # + the verified second factor (ADR 0024)
        response = client.get(reverse("edgeofcare:referral_list"))
    assert response.content.decode().count("govuk-table__row") == 6


def test_referral_page_costs_fixed_queries(
    client, worker, child_in_north, teams, django_assert_max_num_queries
):
    intervention = InterventionFactory(
        referral=AcceptedReferralFactory(child=child_in_north, team=teams["north"])
    )
    for day in (6, 7, 8):
        SessionFactory(intervention=intervention, held_on=dt.date(2026, 1, day))
    client.force_login(worker)
    url = reverse("edgeofcare:referral_detail", args=[intervention.referral.pk])
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.content.decode().count("Worked on a family agreement") == 3


def test_a_restricted_child_is_closed_to_the_service_unless_it_is_named(
    client, users, eoc_worker, referral
):
    ig = users[Role.IG_OFFICER]
    services.person_restrict(
        actor=ig, person=referral.child, category="staff_family", reason="A staff member's child"
    )
    url = reverse("edgeofcare:referral_detail", args=[referral.pk])

    assert _get(client, eoc_worker, url).status_code == 403
    listed = client.get(reverse("edgeofcare:referral_list")).content.decode()
    assert "Amara Okafor" not in listed
    assert RESTRICTED_NAME in listed

    services.restriction_allow_user(
        actor=ig, person=referral.child, user=eoc_worker, reason="Works with the family"
    )
    assert client.get(url).status_code == 200
    listed = client.get(reverse("edgeofcare:referral_list")).content.decode()
    assert "Amara Okafor" in listed
    assert RESTRICTED_NAME not in listed
