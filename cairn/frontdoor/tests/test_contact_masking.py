"""Recording a contact lists the children found as checkboxes; a restricted child the user may
not open is "Restricted record" there, with no name or birth date, only the LA child ID (ADR
0023). A user named on the allow list sees the name and birth date."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.governance import services
from cairn.governance.access import RESTRICTED_NAME
from cairn.testing.factories import AllocationFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("frontdoor:contact_record")


@pytest.fixture
def rowan(users, teams):
    """Rowan Ashdown, born 14 May 2015, open to North, restricted; only the team manager is
    named on the allow list."""
    child = PersonFactory(
        given_name="Rowan", family_name="Ashdown", date_of_birth=dt.date(2015, 5, 14)
    )
    AllocationFactory(child=child, team=teams["north"], worker=users[Role.SOCIAL_WORKER])
    ig = users[Role.IG_OFFICER]
    services.person_restrict(actor=ig, person=child, category="staff_family", reason="Staff")
    services.restriction_allow_user(
        actor=ig, person=child, user=users[Role.TEAM_MANAGER], reason="Manages the case"
    )
    return child


def _page(client, user, params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("how", ["chosen", "searched"])
def test_a_restricted_child_the_user_may_not_open_is_masked(client, users, rowan, how):
    params = {"child": rowan.pk} if how == "chosen" else {"q": rowan.la_child_id}
    html = _page(client, users[Role.SOCIAL_WORKER], params)
    assert f'value="{rowan.pk}"' in html  # the contact can still be recorded for them
    assert f"{RESTRICTED_NAME} ({rowan.la_child_id})" in html
    assert "Rowan" not in html
    assert "Ashdown" not in html
    assert "14 May 2015" not in html


def test_a_named_user_sees_the_restricted_childs_name_and_birth_date(client, users, rowan):
    html = _page(client, users[Role.TEAM_MANAGER], {"child": rowan.pk})
    assert f"Rowan Ashdown, born 14 May 2015 ({rowan.la_child_id})" in html
    assert RESTRICTED_NAME not in html
