"""The chair's pages: the chair's list (scope, query bound), midpoint review and practice alert
pages, the recipient's page, the alert log, the child page's section; chairs cannot record or
change social workers' visits; views of a child's record are logged."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.protection.models import MidpointReview, PracticeAlert, PracticeAlertStatus
from cairn.protection.services.oversight import practice_alert_raise
from cairn.testing.audit import assert_access_logged
from cairn.testing.factories import UserFactory
from cairn.testing.plans_factories import EpisodeFactory
from cairn.testing.protection_factories import cp_plan_with_history
from cairn.testing.records_factories import CaseNoteFactory

from .conftest import PLAN_START, TODAY

pytestmark = pytest.mark.django_db
LIST = reverse("protection:chair_list")


def _client(client, user):
    client.force_login(user)
    return client


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def other_chairs_child(child_in_south):
    other = UserFactory(role=Role.CP_CHAIR, username="other.chair")
    episode = EpisodeFactory(child=child_in_south, referral_date=dt.date(2026, 1, 2))
    return cp_plan_with_history(episode=episode, started_on=PLAN_START, chair=other).child


def test_chair_list_shows_the_children_whose_conference_they_chaired(
    client, chair, cp_child, other_chairs_child
):
    page = _client(client, chair).get(LIST).content.decode()
    assert cp_child.full_name in page
    assert other_chairs_child.full_name not in page
    assert "12 March 2026" in page  # the midpoint review due
    assert "26 April 2026" in page  # the next review due


def test_chairs_see_every_cp_child_in_their_service(client, chair, cp_child, other_chairs_child):
    page = _client(client, chair).get(LIST, {"show": "all"}).content.decode()
    assert cp_child.full_name in page
    assert other_chairs_child.full_name in page
    child_page = client.get(reverse("casework:child_detail", args=[other_chairs_child.pk]))
    assert child_page.status_code == 200


def test_chair_list_query_count_does_not_grow(client, chair, django_assert_max_num_queries):
    for _ in range(8):
        cp_plan_with_history(chair=chair, started_on=PLAN_START)
    _client(client, chair)
    with django_assert_max_num_queries(10):  # constant: 9 with 8 children
        response = client.get(LIST, {"show": "all"})
    assert response.content.decode().count("Record the midpoint review") == 8


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.CP_CHAIR, Role.SYSTEM)])
def test_only_chairs_open_the_chair_list(client, users, role):
    assert _client(client, users[role]).get(LIST).status_code == 403


def test_chairs_cannot_record_or_change_social_workers_records(client, chair, cp_child):
    _client(client, chair)
    create = reverse("casework:visit_create", args=[cp_child.pk])
    assert client.get(create).status_code == 403
    post = {"kind": "cp", "location": "Home", "child_seen": "yes"} | _date("visited_on", TODAY)
    assert client.post(create, post).status_code == 403
    note = CaseNoteFactory(child=cp_child)
    assert client.get(reverse("casework:case_note_edit", args=[note.pk])).status_code == 403


def test_midpoint_review_page_then_raise_an_alert(client, chair, cp_child, team_manager):
    _client(client, chair)
    url = reverse("protection:midpoint_review_create", args=[cp_child.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _date("reviewed_on", TODAY)
        | {"progress": "none", "concerns": "No visits", "actions": "", "alert_raised": "yes"},
    )
    review = MidpointReview.objects.get()
    raise_url = reverse("protection:practice_alert_raise", args=[cp_child.pk])
    assert response.url == f"{raise_url}?midpoint={review.pk}"

    page = client.get(response.url).content.decode()
    assert "No visits" in page  # the concerns carried over
    response = client.post(
        response.url,
        {"concern": "visits_missed", "concern_detail": "No visits", "recipient": team_manager.pk},
    )
    alert = PracticeAlert.objects.get()
    assert alert.midpoint_review == review
    assert response.url == reverse("protection:practice_alert_detail", args=[alert.pk])


def test_midpoint_review_errors_are_shown_and_nothing_saved(client, chair, cp_child):
    url = reverse("protection:midpoint_review_create", args=[cp_child.pk])
    response = _client(client, chair).post(
        url, _date("reviewed_on", TODAY) | {"progress": "worse", "alert_raised": "no"}
    )
    assert "Enter the concerns: the plan is not progressing" in response.content.decode()
    assert not MidpointReview.objects.exists()


@pytest.fixture
def alert(chair, cp_child):
    return practice_alert_raise(
        actor=chair, child=cp_child, concern="drift", concern_detail="Plan drifting"
    )


def test_recipient_sees_and_answers_the_alert(client, alert, team_manager, cp_child):
    _client(client, team_manager)
    mine = client.get(reverse("protection:practice_alerts_for_me")).content.decode()
    assert cp_child.full_name in mine
    detail = client.get(reverse("protection:practice_alert_detail", args=[alert.pk]))
    assert "Respond" in detail.content.decode()
    assert_access_logged(person=cp_child, actor=team_manager)
    url = reverse("protection:practice_alert_respond", args=[alert.pk])
    refused = client.post(url, {"response": "", "agreed_actions": "", "version": 1})
    assert refused.status_code == 400
    assert "Enter your response" in refused.content.decode()
    client.post(url, {"response": "Agreed", "agreed_actions": "Visit Friday", "version": 1})
    assert alert.stages.get().responded_on == TODAY


def test_a_stale_form_shows_the_concurrent_edit_message(client, alert, chair):
    url = reverse("protection:practice_alert_resolve", args=[alert.pk])
    response = _client(client, chair).post(url, {"resolution": "Sorted", "version": 7})
    assert "changed by someone else" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == PracticeAlertStatus.OPEN


def test_others_cannot_respond_escalate_or_resolve(client, alert, users):
    _client(client, users[Role.SOCIAL_WORKER])
    for name in ("respond", "escalate", "resolve"):
        url = reverse(f"protection:practice_alert_{name}", args=[alert.pk])
        assert client.get(url).status_code == 403
    detail = client.get(reverse("protection:practice_alert_detail", args=[alert.pk]))
    assert detail.status_code == 403
    assert_access_logged(person=alert.child, actor=users[Role.SOCIAL_WORKER], outcome="denied")


def test_chair_escalates_and_resolves_through_the_pages(client, alert, chair, service_manager):
    _client(client, chair)
    client.post(reverse("protection:practice_alert_escalate", args=[alert.pk]), {"version": 1})
    alert.refresh_from_db()
    assert alert.stage == 2
    client.post(
        reverse("protection:practice_alert_resolve", args=[alert.pk]),
        {"resolution": "Visits restarted", "version": alert.version},
    )
    alert.refresh_from_db()
    assert alert.status == PracticeAlertStatus.RESOLVED
    log = client.get(reverse("protection:practice_alert_log"), {"status": "resolved"})
    assert service_manager.get_full_name() in log.content.decode()


def test_child_page_shows_alerts_and_the_chairs_links(client, alert, chair, cp_child):
    page = _client(client, chair).get(reverse("casework:child_detail", args=[cp_child.pk]))
    text = page.content.decode()
    assert "Open practice alert" in text
    assert "Record a midpoint review" in text


def test_child_page_for_a_social_worker_has_no_chair_links(client, alert, users, cp_child):
    page = _client(client, users[Role.SOCIAL_WORKER]).get(
        reverse("casework:child_detail", args=[cp_child.pk])
    )
    text = page.content.decode()
    assert "Open practice alert" in text
    assert "Record a midpoint review" not in text


@pytest.mark.parametrize(
    ("role", "perm", "allowed"),
    [
        (Role.CP_CHAIR, "protection.view_alert_log", True),
        (Role.SENIOR_LEADER, "protection.view_alert_log", True),
        (Role.SOCIAL_WORKER, "protection.view_alert_log", False),
        (Role.TEAM_MANAGER, "protection.receive_alerts", True),
        (Role.SERVICE_MANAGER, "protection.receive_alerts", True),
        (Role.SENIOR_LEADER, "protection.receive_alerts", True),
        (Role.CP_CHAIR, "protection.receive_alerts", False),
        (Role.CP_CHAIR, "protection.chair_oversight", True),
        (Role.TEAM_MANAGER, "protection.chair_oversight", False),
    ],
)
def test_permission_matrix(users, role, perm, allowed):
    assert users[role].has_perm(perm) is allowed


def test_navigation_for_chairs_and_recipients(client, chair, team_manager):
    page = _client(client, chair).get(LIST).content.decode()
    assert "Your conferences" in page
    page = (
        _client(client, team_manager)
        .get(reverse("protection:practice_alerts_for_me"))
        .content.decode()
    )
    assert "Practice alerts" in page
