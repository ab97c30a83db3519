"""The role x page matrix (docs/permissions.md), checked through real requests.

Social workers and senior practitioners see their own team's (North) children; the team manager
sees North; the service manager sees North and South (its service); CP chairs, QA officers,
performance analysts, senior leaders and IG officers see every child; system administrators see
no child records. Only case-holding roles and their managers register children; only the IG
officer reviews access.
"""

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role, TeamKind
from cairn.core.models import AccessEvent, AccessOutcome
from cairn.people.selectors import child_list_visible_to
from cairn.testing.audit import assert_access_logged
from cairn.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

OK, DENIED = 200, 403
ALL_SEEING = {
    Role.CP_CHAIR,
    Role.QA_OFFICER,
    Role.PERFORMANCE_ANALYST,
    Role.SENIOR_LEADER,
    Role.IG_OFFICER,
}
NORTH_SCOPED = {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER}
WRITERS = {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER}
STAFF_ROLES = [role for role in Role if role != Role.SYSTEM]


def _expected(page: str, role: Role) -> int:
    if page == "home":
        return OK
    if page == "search":
        return DENIED if role == Role.SYSTEM_ADMIN else OK
    if page == "register_child":
        return OK if role in WRITERS else DENIED
    if page == "child_in_north":
        return OK if role in ALL_SEEING | NORTH_SCOPED | {Role.SERVICE_MANAGER} else DENIED
    if page == "child_in_south":
        return OK if role in ALL_SEEING | {Role.SERVICE_MANAGER} else DENIED
    if page == "child_in_disabled_team":
        return OK if role in ALL_SEEING else DENIED
    if page == "access_review":
        return OK if role == Role.IG_OFFICER else DENIED
    raise AssertionError(page)


PAGES = [
    "home",
    "search",
    "register_child",
    "child_in_north",
    "child_in_south",
    "child_in_disabled_team",
    "access_review",
]


@pytest.fixture
def page_urls(child_in_north, child_in_south, child_in_disabled_team):
    def child_url(child):
        return reverse("people:person_detail", args=[child.pk])

    return {
        "home": reverse("home"),
        "search": reverse("people:search"),
        "register_child": reverse("people:register_child"),
        "child_in_north": child_url(child_in_north),
        "child_in_south": child_url(child_in_south),
        "child_in_disabled_team": child_url(child_in_disabled_team),
        "access_review": reverse("governance:access_review"),
    }


def test_the_matrix_covers_every_staff_role(users):
    assert set(users) == set(STAFF_ROLES)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
def test_role_page_matrix(client, users, page_urls, role, page):
    client.force_login(users[role])
    response = client.get(page_urls[page])
    assert response.status_code == _expected(page, role)


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_users_are_sent_to_sign_in(client, page_urls, page):
    url = page_urls[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:sign_in')}?next={url}"


def test_a_denied_view_by_url_is_refused_and_logged(client, users, child_in_south):
    worker = users[Role.SOCIAL_WORKER]
    client.force_login(worker)

    response = client.get(reverse("people:person_detail", args=[child_in_south.pk]))

    assert response.status_code == 403
    assert "Tyler" not in response.content.decode()
    event = assert_access_logged(person=child_in_south, actor=worker, outcome="denied")
    assert event.page == reverse("people:person_detail", args=[child_in_south.pk])


def test_a_granted_view_is_logged(client, users, child_in_north):
    worker = users[Role.SOCIAL_WORKER]
    client.force_login(worker)

    response = client.get(reverse("people:person_detail", args=[child_in_north.pk]))

    assert response.status_code == 200
    assert_access_logged(person=child_in_north, actor=worker, outcome="granted")
    assert not AccessEvent.objects.filter(outcome=AccessOutcome.DENIED).exists()


def test_a_system_administrator_opening_a_child_is_refused_and_logged(
    client, users, child_in_north
):
    admin = users[Role.SYSTEM_ADMIN]
    client.force_login(admin)
    response = client.get(reverse("people:person_detail", args=[child_in_north.pk]))
    assert response.status_code == 403
    assert_access_logged(person=child_in_north, actor=admin, outcome="denied")


def test_a_child_reallocated_away_from_the_team_drops_out_of_scope(client, users, teams):
    from cairn.testing.factories import AllocationFactory, PersonFactory

    child = PersonFactory()
    AllocationFactory(child=child, team=teams["north"], ended_on="2025-02-01")
    AllocationFactory(child=child, team=teams["south"], started_on="2025-02-01")
    client.force_login(users[Role.SOCIAL_WORKER])
    assert client.get(reverse("people:person_detail", args=[child.pk])).status_code == 403


def test_a_child_allocated_to_the_worker_in_another_team_is_visible(client, users, teams):
    from cairn.testing.factories import AllocationFactory, PersonFactory

    worker = users[Role.SOCIAL_WORKER]
    child = PersonFactory()
    AllocationFactory(child=child, team=teams["disabled"], worker=worker)
    client.force_login(worker)
    assert client.get(reverse("people:person_detail", args=[child.pk])).status_code == 200


MANAGERS = {Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER}

# The service navigation: the primary pages (accounts/navigation.py), then "Oversight".
NAVIGATION = {
    "Your children": NORTH_SCOPED,
    "Your alerts": NORTH_SCOPED,
    "Search": set(STAFF_ROLES) - {Role.SYSTEM_ADMIN},
    "Register a child": WRITERS,
    "Record a contact": WRITERS,
    "Your conferences": {Role.CP_CHAIR},
    "Case audits": {Role.QA_OFFICER, Role.CP_CHAIR},
    "Access review": {Role.IG_OFFICER},
    "Oversight": set(STAFF_ROLES),
}

# The oversight page's links, by who may open them.
OVERSIGHT = {
    "Practice alerts for you": MANAGERS,
    "Team alerts": MANAGERS,
    "Service alerts": {Role.SERVICE_MANAGER, Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST},
    "Alerts for your conferences": {Role.CP_CHAIR},
    "Your audit actions": WRITERS,
    "Team caseloads": MANAGERS,
    "Absence and cover": {Role.TEAM_MANAGER, Role.SERVICE_MANAGER},
    "Supervision": MANAGERS | {Role.PERFORMANCE_ANALYST},
    "Staff": {Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SYSTEM_ADMIN},
    "Workforce report": {Role.SERVICE_MANAGER, Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST},
    "Pre-proceedings tracker": MANAGERS,
    "Proceedings tracker": MANAGERS,
    "Edge-of-care report": MANAGERS | {Role.PERFORMANCE_ANALYST},
    "Audit analysis": {
        Role.QA_OFFICER,
        Role.SENIOR_LEADER,
        Role.SERVICE_MANAGER,
        Role.PERFORMANCE_ANALYST,
    },
    "Unusual access": {Role.IG_OFFICER},
    "Restricted records": {Role.IG_OFFICER, Role.SYSTEM_ADMIN},
    "Requests for access": {Role.IG_OFFICER},
    "Subject access export": {Role.IG_OFFICER},
    "Statutory returns": {Role.PERFORMANCE_ANALYST, Role.SENIOR_LEADER, Role.SYSTEM_ADMIN},
    "Scorecard": MANAGERS | {Role.PERFORMANCE_ANALYST, Role.QA_OFFICER},
    "Reports for members and leaders": MANAGERS | {Role.PERFORMANCE_ANALYST, Role.QA_OFFICER},
    "Caseload weights": {Role.SYSTEM_ADMIN},
    "Timescale rules": {Role.SYSTEM_ADMIN},
    "API integrations": {Role.SYSTEM_ADMIN, Role.IG_OFFICER},
}


@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
def test_navigation_shows_only_the_pages_the_role_may_open(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse("home"))
    labels = {item.label for item in response.context["navigation"]}
    assert labels == {label for label, roles in NAVIGATION.items() if role in roles}


@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
def test_the_oversight_page_lists_only_pages_the_role_may_open(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse("oversight"))
    expected = {label for label, roles in OVERSIGHT.items() if role in roles}
    if not expected:
        assert response.status_code == 403
        return
    links = {item.label: item.url for _, items in response.context["groups"] for item in items}
    assert set(links) == expected
    for label, url in links.items():
        assert client.get(url, follow=True).status_code == 200, label


def test_front_door_staff_see_every_child(teams, child_in_south, child_in_disabled_team):
    mash = TeamFactory(name="MASH", kind=TeamKind.FRONT_DOOR)
    worker = UserFactory(username="mash.worker", role=Role.SOCIAL_WORKER, team=mash)
    visible = set(child_list_visible_to(user=worker))
    assert {child_in_south, child_in_disabled_team} <= visible
