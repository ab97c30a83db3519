"""Restricted records (ADR 0023): only named users open them; everyone else whose scope would
allow it sees that a restricted record exists and may ask for access or break glass."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.models import AccessEvent, AuditEvent
from cairn.governance import services
from cairn.governance.models import (
    AccessRequest,
    AccessRequestStatus,
    BreakGlassAccess,
    Restriction,
    RestrictionAllowance,
    RestrictionChange,
)
from cairn.people.models import Person
from cairn.testing.factories import AllocationFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Every page below takes the child's id; each must refuse a restricted child by guessed id.
CHILD_PAGES = [
    "casework:child_detail",
    "people:person_detail",
    "casework:assessment_list",
    "casework:case_note_list",
    "casework:chronology",
    "casework:visit_create",
    "casework:case_note_create",
    "workforce:allocation_history",
    "casework:plan_start",
    "legal:legal_planning_new",
    "protection:strategy_new",
]


def _at(day: dt.date, hour: int = 11):
    return time_machine.travel(
        dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC), tick=False
    )


@pytest.fixture
def ig(users):
    return users[Role.IG_OFFICER]


@pytest.fixture
def restricted_child(users, teams, child_in_north, ig):
    """Amara (North team) restricted on 1 March 2026: a member of staff's family. Only the team
    manager is named."""
    with _at(dt.date(2026, 3, 1)):
        services.person_restrict(
            actor=ig, person=child_in_north, category="staff_family", reason="Daughter of a worker"
        )
        services.restriction_allow_user(
            actor=ig,
            person=child_in_north,
            user=users[Role.TEAM_MANAGER],
            reason="Manages the case",
        )
    child_in_north.refresh_from_db()
    return child_in_north


def test_restricting_sets_the_flag_with_history_and_audit(restricted_child, ig, users):
    assert Person.objects.get(pk=restricted_child.pk).is_restricted is True
    restriction = Restriction.objects.get(person=restricted_child)
    assert restriction.reason == "Daughter of a worker"
    history = list(RestrictionChange.objects.filter(person=restricted_child).order_by("at", "id"))
    assert [(c.kind, c.subject_user) for c in history] == [
        ("restricted", None),
        ("user_added", users[Role.TEAM_MANAGER]),
    ]
    audited = AuditEvent.objects.filter(person=restricted_child)
    assert audited.filter(content_type__model="restriction", action="create").exists()
    assert audited.filter(content_type__model="person", changes__has_key="is_restricted").exists()


def test_only_ig_or_admin_may_restrict(child_in_north, users):
    with pytest.raises(PermissionDenied):
        services.person_restrict(
            actor=users[Role.TEAM_MANAGER], person=child_in_north, category="other", reason="x"
        )
    services.person_restrict(
        actor=users[Role.SYSTEM_ADMIN], person=child_in_north, category="other", reason="Press"
    )
    assert Person.objects.get(pk=child_in_north.pk).is_restricted


def test_a_reason_is_required_and_nothing_changes_without_one(child_in_north, ig):
    with pytest.raises(ValidationError):
        services.person_restrict(actor=ig, person=child_in_north, category="other", reason=" ")
    assert not Person.objects.get(pk=child_in_north.pk).is_restricted
    assert not Restriction.all_objects.exists()


@pytest.mark.parametrize(
    ("role", "opens"),
    [
        (Role.TEAM_MANAGER, True),  # named
        (Role.SOCIAL_WORKER, False),  # allocated worker, not named
        (Role.SENIOR_PRACTITIONER, False),  # same team
        (Role.SERVICE_MANAGER, False),  # manages the team
        (Role.CP_CHAIR, False),  # sees every child
        (Role.QA_OFFICER, False),
        (Role.SENIOR_LEADER, False),
        (Role.IG_OFFICER, False),  # manages restrictions, is not named
    ],
)
def test_only_named_users_open_the_child_page(client, users, restricted_child, role, opens):
    client.force_login(users[role])
    response = client.get(reverse("casework:child_detail", args=[restricted_child.pk]))
    page = response.content.decode()
    if opens:
        assert response.status_code == 200
        assert "Amara" in page
    else:
        assert response.status_code == 403
        assert "This record is restricted" in page
        assert "Amara" not in page
        assert "Okafor" not in page
        assert reverse("governance:break_glass", args=[restricted_child.pk]) in page
        assert reverse("governance:request_access", args=[restricted_child.pk]) in page
        assert AccessEvent.objects.filter(
            actor=users[role], person=restricted_child, outcome="denied"
        ).exists()


@pytest.mark.parametrize("url_name", CHILD_PAGES)
def test_guessing_the_id_of_any_child_page_is_refused_and_logged(
    client, users, restricted_child, url_name
):
    worker = users[Role.SOCIAL_WORKER]
    client.force_login(worker)
    response = client.get(reverse(url_name, args=[restricted_child.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Amara" not in page
    assert "Okafor" not in page
    assert AccessEvent.objects.filter(
        actor=worker, person=restricted_child, outcome="denied"
    ).exists()


def test_the_named_user_opens_other_child_pages(client, users, restricted_child):
    client.force_login(users[Role.TEAM_MANAGER])
    for url_name in ("casework:chronology", "casework:case_note_list", "people:person_detail"):
        assert client.get(reverse(url_name, args=[restricted_child.pk])).status_code == 200


def test_a_user_outside_scope_gets_the_plain_refusal(client, teams, ig, child_in_south, users):
    services.person_restrict(
        actor=ig, person=child_in_south, category="high_profile", reason="Press"
    )
    client.force_login(users[Role.SOCIAL_WORKER])  # North team
    response = client.get(reverse("casework:child_detail", args=[child_in_south.pk]))
    assert response.status_code == 403
    assert "This record is restricted" not in response.content.decode()
    # ... and may not break glass on it either
    response = client.post(
        reverse("governance:break_glass", args=[child_in_south.pk]), {"reason": "Curious"}
    )
    assert response.status_code == 403
    assert not BreakGlassAccess.objects.exists()


def test_search_shows_a_restricted_record_without_its_name(client, users, restricted_child):
    client.force_login(users[Role.SOCIAL_WORKER])
    response = client.get(reverse("people:search"), {"q": "Okafor"})
    rows = response.context["rows"]
    assert [r.name for r in rows] == ["Restricted record"]
    assert rows[0].born == "Hidden"
    assert "Amara" not in response.content.decode()
    # The named manager sees the name
    client.force_login(users[Role.TEAM_MANAGER])
    response = client.get(reverse("people:search"), {"q": "Okafor"})
    assert [r.name for r in response.context["rows"]] == ["Amara Okafor"]


def test_break_glass_opens_the_record_until_midnight_with_its_audit(
    client, users, restricted_child
):
    worker = users[Role.SOCIAL_WORKER]
    client.force_login(worker)
    url = reverse("governance:break_glass", args=[restricted_child.pk])
    with _at(dt.date(2026, 3, 10), hour=10):
        # no reason: a field error, nothing recorded
        response = client.post(url, {"reason": ""})
        assert response.status_code == 200
        assert response.context["form"].errors["reason"] == [
            "Enter why you need to open this record now"
        ]
        assert not BreakGlassAccess.objects.exists()

        response = client.post(url, {"reason": "Police call about a missing child"})
        assert response.status_code == 302
        assert response.url == reverse("casework:child_detail", args=[restricted_child.pk])
        access = BreakGlassAccess.objects.get()
        assert access.user == worker
        assert access.reason == "Police call about a missing child"
        assert access.access_event.actor == worker
        assert access.access_event.person == restricted_child
        assert access.access_event.outcome == "granted"
        assert access.access_event.page.startswith("break-glass")
        # midnight at the end of 10 March, London time (GMT in March)
        assert access.expires_at == dt.datetime(2026, 3, 11, 0, 0, tzinfo=dt.UTC)
        assert client.get(response.url).status_code == 200
    with _at(dt.date(2026, 3, 11), hour=9):
        client.force_login(worker)
        response = client.get(reverse("casework:child_detail", args=[restricted_child.pk]))
        assert response.status_code == 403


def test_break_glass_is_on_the_unusual_access_report(client, users, restricted_child):
    worker = users[Role.SOCIAL_WORKER]
    with _at(dt.date(2026, 3, 10)):
        services.break_glass(
            actor=worker, person=restricted_child, reason="Out of hours emergency", page="/x/"
        )
    client.force_login(users[Role.IG_OFFICER])
    with _at(dt.date(2026, 3, 12)):
        response = client.get(
            reverse("governance:unusual_access"),
            {
                "start_0": 1,
                "start_1": 3,
                "start_2": 2026,
                "end_0": 12,
                "end_1": 3,
                "end_2": 2026,
            },
        )
    assert list(response.context["break_glass"])[0].reason == "Out of hours emergency"
    restricted = response.context["report"]["restricted"]
    assert [(r.username, r.detail) for r in restricted] == [
        (worker.username, "Break glass: Out of hours emergency")
    ]
    assert "Out of hours emergency" in response.content.decode()


def test_a_request_granted_names_the_requester(client, users, restricted_child):
    worker = users[Role.SOCIAL_WORKER]
    client.force_login(worker)
    response = client.post(
        reverse("governance:request_access", args=[restricted_child.pk]),
        {"reason": "I am the allocated worker"},
    )
    assert response.status_code == 302
    request = AccessRequest.objects.get()
    assert request.status == AccessRequestStatus.PENDING

    client.force_login(users[Role.IG_OFFICER])
    listing = client.get(reverse("governance:request_list"))
    assert list(listing.context["pending"]) == [request]
    response = client.post(
        reverse("governance:request_decide", args=[request.pk]), {"decision": "grant"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.GRANTED
    assert request.decided_by == users[Role.IG_OFFICER]
    assert RestrictionAllowance.objects.filter(user=worker).exists()

    client.force_login(worker)
    assert (
        client.get(reverse("casework:child_detail", args=[restricted_child.pk])).status_code == 200
    )


def test_a_request_refused_needs_a_note_and_leaves_the_record_closed(
    client, users, restricted_child
):
    worker = users[Role.SOCIAL_WORKER]
    request = services.access_request_make(actor=worker, person=restricted_child, reason="Audit")
    client.force_login(users[Role.IG_OFFICER])
    url = reverse("governance:request_decide", args=[request.pk])
    response = client.post(url, {"decision": "refuse", "note": ""})
    assert response.context["form"].errors["note"] == ["Enter why the request is refused"]
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.PENDING

    client.post(url, {"decision": "refuse", "note": "Not needed for your role"})
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.REFUSED
    assert not RestrictionAllowance.objects.filter(user=worker).exists()
    client.force_login(worker)
    assert (
        client.get(reverse("casework:child_detail", args=[restricted_child.pk])).status_code == 403
    )


def test_only_ig_decides_requests(client, users, restricted_child):
    request = services.access_request_make(
        actor=users[Role.SOCIAL_WORKER], person=restricted_child, reason="Audit"
    )
    client.force_login(users[Role.TEAM_MANAGER])
    response = client.post(
        reverse("governance:request_decide", args=[request.pk]), {"decision": "grant"}
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.PENDING


def test_the_allow_list_page_adds_and_removes_named_users(client, users, restricted_child):
    ig = users[Role.IG_OFFICER]
    client.force_login(ig)
    url = reverse("governance:restriction_detail", args=[restricted_child.pk])
    response = client.post(url, {"username": "nobody", "reason": "x"})
    assert response.context["allow_form"].errors["username"] == ["No user has that username"]
    client.post(url, {"username": users[Role.SOCIAL_WORKER].username, "reason": "Allocated"})
    allowance = RestrictionAllowance.objects.get(user=users[Role.SOCIAL_WORKER])
    page = client.get(url).content.decode()
    assert users[Role.SOCIAL_WORKER].get_full_name() in page

    client.post(
        reverse("governance:allowance_remove", args=[allowance.pk]), {"reason": "Case moved"}
    )
    assert not RestrictionAllowance.objects.filter(user=users[Role.SOCIAL_WORKER]).exists()
    assert RestrictionAllowance.all_objects.filter(pk=allowance.pk, removal_reason="Case moved")
    kinds = list(
        RestrictionChange.objects.filter(person=restricted_child).values_list("kind", flat=True)
    )
    assert kinds[0] == "user_removed"


def test_lifting_the_restriction_opens_the_record_to_its_team(client, users, restricted_child):
    ig = users[Role.IG_OFFICER]
    client.force_login(ig)
    client.post(
        reverse("governance:restriction_detail", args=[restricted_child.pk]),
        {"lift-reason": "Worker has left the council"},
    )
    assert not Person.objects.get(pk=restricted_child.pk).is_restricted
    assert RestrictionChange.objects.filter(person=restricted_child, kind="lifted").exists()
    client.force_login(users[Role.SOCIAL_WORKER])
    assert (
        client.get(reverse("casework:child_detail", args=[restricted_child.pk])).status_code == 200
    )


def test_restricting_by_the_page(client, users, teams):
    child = PersonFactory(given_name="Zara", family_name="Bloggs")
    AllocationFactory(child=child, team=teams["north"])
    client.force_login(users[Role.IG_OFFICER])
    url = reverse("governance:restrictions")
    response = client.post(url, {"reference": "", "category": "", "reason": ""})
    errors = response.context["form"].errors
    assert set(errors) == {"reference", "category", "reason"}
    response = client.post(
        url, {"reference": child.la_child_id, "category": "high_profile", "reason": "In the news"}
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=child.pk).is_restricted
    response = client.post(
        url, {"reference": child.la_child_id, "category": "high_profile", "reason": "Again"}
    )
    assert response.context["form"].errors["reference"] == ["This record is already restricted"]


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.CP_CHAIR, Role.SENIOR_LEADER]
)
def test_restriction_pages_are_for_ig_and_admin_only(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("governance:restrictions")).status_code == 403
    assert client.get(reverse("governance:request_list")).status_code == 403
