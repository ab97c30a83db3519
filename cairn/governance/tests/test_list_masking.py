"""Restricted children's names are masked in lists, not only in search (ADR 0023): a user who
may not open the record sees "Restricted record"; a user named on the allow list sees the name.
All lists use governance.presenters.mask_restricted_rows."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.governance import services
from cairn.governance.access import RESTRICTED_NAME
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.frontdoor_factories import EpisodeFactory
from cairn.testing.protection_factories import cp_plan_with_history

pytestmark = pytest.mark.django_db


def _restrict(child, users, named=(Role.TEAM_MANAGER,)):
    ig = users[Role.IG_OFFICER]
    services.person_restrict(actor=ig, person=child, category="staff_family", reason="Staff")
    for role in named:
        services.restriction_allow_user(
            actor=ig, person=child, user=users[role], reason="Manages the case"
        )


def _page(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def allocated(users, teams):
    """Rowan Ashdown, allocated to the North social worker, restricted; only the team manager
    is named."""
    child = PersonFactory(given_name="Rowan", family_name="Ashdown")
    AllocationFactory(child=child, team=teams["north"], worker=users[Role.SOCIAL_WORKER])
    EpisodeFactory(child=child)
    _restrict(child, users)
    return child


def test_the_home_caseload_masks_a_restricted_child_the_worker_may_not_open(
    client, users, allocated
):
    html = _page(client, users[Role.SOCIAL_WORKER], reverse("home"))
    assert RESTRICTED_NAME in html
    assert "Ashdown" not in html


def test_a_named_manager_sees_the_name_on_the_workers_caseload(client, users, allocated):
    url = reverse("casework:worker_caseload", args=[users[Role.SOCIAL_WORKER].pk])
    assert "Rowan Ashdown" in _page(client, users[Role.TEAM_MANAGER], url)
    html = _page(client, users[Role.SERVICE_MANAGER], url)
    assert "Ashdown" not in html
    assert RESTRICTED_NAME in html


def test_the_caseload_page_masks_too(client, users, allocated):
    html = _page(client, users[Role.SOCIAL_WORKER], reverse("casework:caseload"))
    assert "Ashdown" not in html
    assert RESTRICTED_NAME in html


def test_the_unallocated_queue_masks_a_restricted_child(client, users, teams):
    child = PersonFactory(given_name="Rowan", family_name="Ashdown")
    AllocationFactory(child=child, team=teams["north"], worker=None)
    EpisodeFactory(child=child)
    _restrict(child, users)
    url = reverse("workforce:unallocated_queue", args=[teams["north"].pk])

    html = _page(client, users[Role.SOCIAL_WORKER], url)
    assert "Ashdown" not in html
    assert RESTRICTED_NAME in html
    assert child.la_child_id in html  # so a request for access can name it
    assert "Rowan Ashdown" in _page(client, users[Role.TEAM_MANAGER], url)


def test_the_chairs_list_masks_a_restricted_child(client, users, teams):
    chair = users[Role.CP_CHAIR]
    child = PersonFactory(given_name="Rowan", family_name="Ashdown")
    AllocationFactory(child=child, team=teams["north"])
    cp_plan_with_history(child=child, started_on=dt.date(2026, 1, 26), chair=chair)
    url = reverse("protection:chair_list")

    assert "Rowan Ashdown" in _page(client, chair, url, show="all")
    _restrict(child, users)
    html = _page(client, chair, url, show="all")
    assert "Ashdown" not in html
    assert RESTRICTED_NAME in html
    services.restriction_allow_user(
        actor=users[Role.IG_OFFICER], person=child, user=chair, reason="Chairs the conferences"
    )
    assert "Rowan Ashdown" in _page(client, chair, url, show="all")


def test_an_absent_workers_children_are_masked_on_the_absence_page(client, users, allocated):
    from cairn.testing.staff_factories import AbsenceFactory

    absence = AbsenceFactory(worker=users[Role.SOCIAL_WORKER], starts_on=dt.date(2026, 1, 5))
    url = reverse("workforce:absence_detail", args=[absence.pk])
    assert "Rowan Ashdown" in _page(client, users[Role.TEAM_MANAGER], url)  # named
    html = _page(client, users[Role.SERVICE_MANAGER], url)
    assert "Ashdown" not in html
    assert RESTRICTED_NAME in html


def test_the_audit_cycle_list_masks_a_restricted_child(client, users, allocated):
    from cairn.testing.quality_factories import CaseAuditFactory

    audit = CaseAuditFactory(child=allocated, auditor=users[Role.QA_OFFICER])
    url = reverse("quality:cycle_detail", args=[audit.cycle_id])
    html = _page(client, users[Role.QA_OFFICER], url)
    assert "Ashdown" not in html
    assert RESTRICTED_NAME in html
    services.restriction_allow_user(
        actor=users[Role.IG_OFFICER], person=allocated, user=users[Role.QA_OFFICER], reason="Audit"
    )
    assert "Rowan Ashdown" in _page(client, users[Role.QA_OFFICER], url)
