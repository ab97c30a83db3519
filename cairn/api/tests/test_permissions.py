"""The role x endpoint matrix (docs/permissions.md): the integration's service user is held to
the pages' rules, so each role gets exactly what it gets on the pages. Guessed ids of another
team's child or of a restricted child are refused and logged; search never leaks a restricted
name."""

import pytest

from cairn.accounts.roles import Role
from cairn.core.models import AccessEvent, AccessOutcome
from cairn.frontdoor.models import Contact
from cairn.governance import services as governance
from cairn.testing.audit import assert_access_logged

pytestmark = pytest.mark.django_db

ALL_SEEING = {
    Role.CP_CHAIR,
    Role.QA_OFFICER,
    Role.PERFORMANCE_ANALYST,
    Role.SENIOR_LEADER,
    Role.IG_OFFICER,
}
NORTH_SCOPED = {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER}
WRITERS = {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER}
RETURNS = {Role.PERFORMANCE_ANALYST, Role.SENIOR_LEADER, Role.SYSTEM_ADMIN}
STAFF_ROLES = [role for role in Role if role != Role.SYSTEM]
CHILD_ENDPOINTS = ("read", "plans", "alerts")


def _expected(endpoint: str, role: Role) -> int:
    sees_children = role != Role.SYSTEM_ADMIN
    if endpoint in ("search", "alerts_list"):
        return 200 if sees_children else 403
    if endpoint.endswith("north"):
        return 200 if role in ALL_SEEING | NORTH_SCOPED | {Role.SERVICE_MANAGER} else 403
    if endpoint.endswith("south"):
        return 200 if role in ALL_SEEING | {Role.SERVICE_MANAGER} else 403
    if endpoint.endswith("disabled"):
        return 200 if role in ALL_SEEING else 403
    if endpoint == "contact_create":
        return 201 if role in WRITERS else 403
    if endpoint == "return_runs":
        return 200 if role in RETURNS else 403
    raise AssertionError(endpoint)


ENDPOINTS = [
    "search",
    "alerts_list",
    *[f"{kind}_{where}" for kind in CHILD_ENDPOINTS for where in ("north", "south", "disabled")],
    "contact_create",
    "return_runs",
]
SUFFIX = {"read": "", "plans": "plans/", "alerts": "alerts/"}


@pytest.fixture
def call(child_in_north, child_in_south, child_in_disabled_team):
    children = {
        "north": child_in_north,
        "south": child_in_south,
        "disabled": child_in_disabled_team,
    }

    def do(api, endpoint):
        if endpoint == "search":
            return api.get("/api/children/", {"q": "Okafor"})
        if endpoint == "alerts_list":
            return api.get("/api/alerts/")
        if endpoint == "contact_create":
            body = {
                "children": [child_in_north.pk],
                "received_at": "2026-03-02T09:30:00Z",
                "source": "5A",
                "concerns": "Police attended a domestic incident at the home.",
            }
            return api.post("/api/contacts/", body, format="json")
        if endpoint == "return_runs":
            return api.get("/api/returns/runs/")
        kind, where = endpoint.split("_")
        return api.get(f"/api/children/{children[where].pk}/{SUFFIX[kind]}")

    return do, children


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_role_matrix(api_as, call, role, endpoint):
    do, children = call
    api = api_as(role)
    response = do(api, endpoint)
    expected = _expected(endpoint, role)
    assert response.status_code == expected, response.content
    if "_" in endpoint and endpoint.split("_")[1] in children:
        child = children[endpoint.split("_")[1]]
        outcome = AccessOutcome.GRANTED if expected == 200 else AccessOutcome.DENIED
        assert_access_logged(person=child, actor=api.user, outcome=outcome)
        if expected == 403:
            assert child.family_name not in response.content.decode()
    if endpoint == "contact_create":
        assert Contact.objects.exists() is (expected == 201)


def test_guessing_ids_finds_nothing_outside_the_team_and_every_guess_is_logged(
    api_as, child_in_north, child_in_south, child_in_disabled_team
):
    api = api_as(Role.SOCIAL_WORKER)
    for child in (child_in_south, child_in_disabled_team):
        for suffix in SUFFIX.values():
            response = api.get(f"/api/children/{child.pk}/{suffix}")
            assert response.status_code == 403
            assert child.family_name not in response.content.decode()
    denied = AccessEvent.objects.filter(actor=api.user, outcome=AccessOutcome.DENIED)
    assert denied.count() == 6
    assert {e.person_id for e in denied} == {child_in_south.pk, child_in_disabled_team.pk}


@pytest.fixture
def restricted_north_child(child_in_north, users):
    governance.person_restrict(
        actor=users[Role.IG_OFFICER],
        person=child_in_north,
        category="high_profile",
        reason="High-profile case (synthetic)",
    )
    child_in_north.refresh_from_db()
    return child_in_north


def test_a_restricted_child_is_refused_logged_and_masked_in_search(api_as, restricted_north_child):
    api = api_as(Role.SOCIAL_WORKER)  # in scope: the child is allocated to the North team
    response = api.get(f"/api/children/{restricted_north_child.pk}/")
    assert response.status_code == 403
    assert "restricted" in response.json()["detail"]
    assert "Okafor" not in response.content.decode()
    assert_access_logged(person=restricted_north_child, actor=api.user, outcome="denied")
    for suffix in ("plans/", "alerts/"):
        assert api.get(f"/api/children/{restricted_north_child.pk}/{suffix}").status_code == 403
    search = api.get("/api/children/", {"q": restricted_north_child.la_child_id})
    (row,) = search.json()["results"]
    assert row == {
        "id": restricted_north_child.pk,
        "la_child_id": restricted_north_child.la_child_id,
        "kind": "child",
        "name": "Restricted record",
        "date_of_birth": None,
        "expected_date_of_birth": None,
        "restricted": True,
        "hidden": True,
    }
    assert "Okafor" not in search.content.decode()
    assert "Amara" not in search.content.decode()


def test_a_restricted_child_opens_to_a_named_integration(api_as, restricted_north_child, users):
    api = api_as(Role.SOCIAL_WORKER)
    governance.restriction_allow_user(
        actor=users[Role.IG_OFFICER],
        person=restricted_north_child,
        user=api.user,
        reason="The partner's case worker",
    )
    response = api.get(f"/api/children/{restricted_north_child.pk}/")
    assert response.status_code == 200
    assert response.json()["name"] == "Amara Okafor"
    assert_access_logged(person=restricted_north_child, actor=api.user)
    row = api.get("/api/children/", {"q": "Okafor"}).json()["results"][0]
    assert row["name"] == "Amara Okafor"


def test_a_restricted_childs_alerts_are_listed_as_on_the_alert_pages(
    api_as, restricted_north_child, users
):
    """As the alert pages ("Restricted record", by LA child ID): listed, marked hidden, no name;
    an integration named on the record sees them unmarked."""
    from .world import child_record

    child_record(restricted_north_child)
    chair = api_as(Role.CP_CHAIR)
    response = chair.get("/api/alerts/")
    rows = [a for a in response.json()["results"] if a["child_id"] == restricted_north_child.pk]
    assert rows
    assert all(row["hidden"] for row in rows)
    assert {row["la_child_id"] for row in rows} == {restricted_north_child.la_child_id}
    assert "Okafor" not in response.content.decode()
    assert "Amara" not in response.content.decode()
    assert chair.get(f"/api/children/{restricted_north_child.pk}/alerts/").status_code == 403
    governance.restriction_allow_user(
        actor=users[Role.IG_OFFICER],
        person=restricted_north_child,
        user=chair.user,
        reason="The partner's case worker",
    )
    rows = [
        a
        for a in chair.get("/api/alerts/").json()["results"]
        if a["child_id"] == restricted_north_child.pk
    ]
    assert rows
    assert not any(row["hidden"] for row in rows)
