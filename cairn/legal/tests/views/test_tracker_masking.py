"""The legal trackers mask a restricted child's name (ADR 0023): a manager who may not open the
record sees "Restricted record" in place of the name; a manager named on the allow list sees it.
Kofi is restricted; his sister Amara, in the same pre-proceedings and proceedings, is not."""

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.governance import services
from cairn.governance.access import RESTRICTED_NAME
from cairn.testing.legal_factories import CareProceedingsFactory, PreProceedingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kofi_restricted(users, children):
    PreProceedingsFactory(children=children, outcome="")
    CareProceedingsFactory(children=children)
    kofi = children[1]
    ig = users[Role.IG_OFFICER]
    services.person_restrict(actor=ig, person=kofi, category="staff_family", reason="Staff")
    services.restriction_allow_user(
        actor=ig, person=kofi, user=users[Role.TEAM_MANAGER], reason="Manages the case"
    )
    return kofi


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", ["legal:pre_proceedings_tracker", "legal:proceedings_tracker"])
def test_a_tracker_masks_a_restricted_child_the_manager_may_not_open(
    client, users, kofi_restricted, name
):
    html = _page(client, users[Role.SERVICE_MANAGER], reverse(name))
    assert "Kofi" not in html
    assert RESTRICTED_NAME in html
    assert "Amara Mensah" in html  # the sister's name is not hidden


@pytest.mark.parametrize("name", ["legal:pre_proceedings_tracker", "legal:proceedings_tracker"])
def test_a_named_manager_sees_the_restricted_childs_name_on_a_tracker(
    client, users, kofi_restricted, name
):
    html = _page(client, users[Role.TEAM_MANAGER], reverse(name))
    assert "Kofi Mensah" in html
    assert "Amara Mensah" in html
    assert RESTRICTED_NAME not in html
