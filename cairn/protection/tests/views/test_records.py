"""The child protection pages: who may open them, that views are logged, that refusals show
on the form, and that page cost does not grow with the record."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.protection.models import StrategyDiscussion
from cairn.protection.services.conferences import meeting_addendum_add
from cairn.testing.audit import assert_access_logged

pytestmark = pytest.mark.django_db

WRITERS = [Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER]
NOT_WRITERS = [Role.CP_CHAIR, Role.QA_OFFICER, Role.SENIOR_LEADER, Role.SYSTEM_ADMIN]


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("role", WRITERS)
def test_practitioners_and_managers_record_strategy_discussions(client, users, child, role):
    assert (
        _get(client, users[role], reverse("protection:strategy_new", args=[child.pk])).status_code
        == 200
    )


@pytest.mark.parametrize("role", NOT_WRITERS)
def test_others_may_not(client, users, child, role):
    response = _get(client, users[role], reverse("protection:strategy_new", args=[child.pk]))
    assert response.status_code == 403


def test_a_worker_outside_the_childs_team_may_not(client, users, child_in_south):
    url = reverse("protection:strategy_new", args=[child_in_south.pk])
    assert _get(client, users[Role.SOCIAL_WORKER], url).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.CP_CHAIR, 200), (Role.SOCIAL_WORKER, 403), (Role.TEAM_MANAGER, 403)],
)
def test_only_a_cp_chair_records_the_icpc(client, users, s47, role, status):
    url = reverse("protection:icpc_new", args=[s47.pk])
    assert _get(client, users[role], url).status_code == status


def test_the_s47_page_shows_the_icpc_target_and_is_logged(client, worker, s47):
    response = _get(client, worker, reverse("protection:s47_detail", args=[s47.pk]))
    assert "Initial child protection conference due by" in response.text
    assert "26 January 2026" in response.text
    assert_access_logged(person=s47.child, actor=worker)


def test_a_refused_view_is_logged(client, users, s47):
    response = _get(
        client, users[Role.SYSTEM_ADMIN], reverse("protection:s47_detail", args=[s47.pk])
    )
    assert response.status_code == 403
    assert_access_logged(person=s47.child, actor=users[Role.SYSTEM_ADMIN], outcome="denied")


def test_the_strategy_form_shows_the_services_refusal(client, worker, child):
    client.force_login(worker)
    response = client.post(
        reverse("protection:strategy_new", args=[child.pk]),
        {
            "held_on_0": "5",
            "held_on_1": "1",
            "held_on_2": "2026",
            "held_time": "10:00",
            "children": [str(child.pk)],
            "pro_1_name": "Sam",
            "pro_1_kind": "csc",
            "pro_1_took_part": ["attended"],
            "information_shared": "Bruising seen at school",
            "decision": "joint_s47",
        },
    )
    assert response.status_code == 200
    assert "Amara Okafor has no open referral" in response.text
    assert not StrategyDiscussion.objects.exists()


def test_the_icpc_form_refuses_a_date_before_the_s47(client, chair, s47):
    client.force_login(chair)
    response = client.post(
        reverse("protection:icpc_new", args=[s47.pk]),
        {
            "held_on_0": "2",
            "held_on_1": "1",
            "held_on_2": "2026",
            "held_time": "10:00",
            "participation": "too_young",
            "outcome": "no_plan",
        },
    )
    assert "The conference cannot be before the S47 enquiry started on 5 January 2026" in (
        response.text
    )


def test_the_conference_page_shows_quoracy_and_finalise_only_to_its_chair(
    client, chair, users, icpc
):
    url = reverse("protection:conference_detail", args=[icpc.meeting_id])
    response = _get(client, chair, url)
    assert "Quorate: Children&#x27;s social care attended" in response.text
    assert "Finalise the record" in response.text
    response = _get(client, users[Role.TEAM_MANAGER], url)
    assert "Finalise the record" not in response.text


def test_a_finalised_conference_offers_an_addendum_not_a_change(
    client, chair, manager, cp_plan, icpc
):
    meeting_addendum_add(actor=manager, meeting=icpc.meeting, child=icpc.child, text="Corrected")
    response = _get(client, chair, reverse("protection:conference_detail", args=[icpc.meeting_id]))
    assert "Add an addendum" in response.text
    assert "Change the decision" not in response.text
    assert "Corrected" in response.text
    response = client.post(
        reverse("protection:conference_decision", args=[icpc.meeting_id]),
        {"outcome": "no_plan", "version": icpc.version},
    )
    assert "it can only be changed by adding an addendum" in response.text


def test_the_cp_plan_page_in_bounded_queries(
    client, worker, cp_plan, django_assert_max_num_queries
):
    client.force_login(worker)
    url = reverse("protection:cp_plan_detail", args=[cp_plan.pk])
    client.get(url)
    with django_assert_max_num_queries(25):
        response = client.get(url)
    assert "Previous child protection plans" in response.text
    assert "Neglect" in response.text


def test_the_conference_page_in_bounded_queries(client, chair, icpc, django_assert_max_num_queries):
    client.force_login(chair)
    url = reverse("protection:conference_detail", args=[icpc.meeting_id])
    client.get(url)
    with django_assert_max_num_queries(25):
        client.get(url)


def test_the_childs_page_shows_the_cp_plan(client, worker, cp_plan, child):
    response = _get(client, worker, reverse("casework:child_detail", args=[child.pk]))
    assert "Child protection plan" in response.text
    assert reverse("protection:cp_plan_detail", args=[cp_plan.pk]) in response.text


def test_a_core_group_is_recorded_through_its_page(client, worker, cp_plan):
    client.force_login(worker)
    response = client.post(
        reverse("protection:core_group_new", args=[cp_plan.pk]),
        {
            "held_on_0": "29",
            "held_on_1": "1",
            "held_on_2": "2026",
            "held_time": "14:00",
            "pro_1_name": "Sam",
            "pro_1_kind": "csc",
            "pro_1_took_part": ["attended", "direct_contact"],
            "progress": "Improving",
        },
    )
    assert response.status_code == 302
    meeting = cp_plan.meetings.get(kind="core_group")
    assert meeting.held_at.date() == dt.date(2026, 1, 29)


def test_a_chair_records_a_transfer_in_conference(client, chair, child, episode):
    client.force_login(chair)
    page = client.get(reverse("casework:child_detail", args=[child.pk]))
    url = reverse("protection:transfer_in_new", args=[child.pk])
    assert url in page.text
    response = client.post(
        url,
        {
            "held_on_0": "2",
            "held_on_1": "3",
            "held_on_2": "2026",
            "held_time": "10:00",
            "pro_1_name": "Sam",
            "pro_1_kind": "csc",
            "pro_1_took_part": ["attended"],
            "participation": "too_young",
            "outcome": "cp_plan",
            "category": "EMO",
        },
    )
    assert response.status_code == 302
    assert child.conferences.get().transfer_in
