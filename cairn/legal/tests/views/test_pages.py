"""Permissions on the legal pages (managers and above for trackers and writes; social
workers see the child's legal records in scope), access logging, and the flow by the pages."""

import datetime as dt

import pytest

from cairn.accounts.roles import Role
from cairn.legal.models import CareProceedings, PreProceedings
from cairn.testing.audit import assert_access_logged
from cairn.testing.legal_factories import CareProceedingsFactory, PreProceedingsFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SOCIAL_WORKER, 403),
        (Role.SENIOR_PRACTITIONER, 403),
        (Role.CP_CHAIR, 403),
        (Role.TEAM_MANAGER, 200),
        (Role.SERVICE_MANAGER, 200),
        (Role.SENIOR_LEADER, 200),
    ],
)
@pytest.mark.parametrize("name", ["pre_proceedings_tracker", "proceedings_tracker"])
def test_trackers_for_managers_and_above(client, users, children, role, status, name):
    PreProceedingsFactory(children=children)
    CareProceedingsFactory(children=children)
    client.force_login(users[role])
    response = client.get(
        f"/legal/trackers/{'pre-proceedings' if 'pre' in name else 'proceedings'}/"
    )
    assert response.status_code == status
    if status == 200:
        assert "Amara Mensah" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "view", "write"),
    [
        (Role.SOCIAL_WORKER, 200, 403),
        (Role.TEAM_MANAGER, 200, 200),
        (Role.SYSTEM_ADMIN, 403, 403),
    ],
)
def test_legal_records_seen_in_scope_written_by_managers(
    client, users, children, role, view, write
):
    pp = PreProceedingsFactory(children=children)
    client.force_login(users[role])
    assert client.get(f"/legal/pre-proceedings/{pp.pk}/").status_code == view
    if view == 200:
        assert_access_logged(person=children[0], actor=users[role])
    assert client.get(f"/legal/pre-proceedings/{pp.pk}/letter/").status_code == write
    assert client.get(f"/legal/children/{children[0].pk}/legal-planning/new/").status_code == write
    if write == 403:  # a refused form is logged too (governance/refusals.py)
        assert_access_logged(person=children[0], actor=users[role], outcome="denied")


def test_child_outside_scope_is_refused_and_logged(client, users, child_in_south):
    pp = PreProceedingsFactory(children=[child_in_south])
    client.force_login(users[Role.TEAM_MANAGER])
    assert client.get(f"/legal/pre-proceedings/{pp.pk}/").status_code == 403
    assert_access_logged(person=child_in_south, actor=users[Role.TEAM_MANAGER], outcome="denied")


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_legal_planning_page_starts_pre_proceedings_and_shows_refusals(client, users, children):
    manager = users[Role.TEAM_MANAGER]
    client.force_login(manager)
    url = f"/legal/children/{children[0].pk}/legal-planning/new/"
    data = {
        **_date("held_on", dt.date(2026, 1, 5)),
        "held_time": "10:00",
        "children": [str(children[0].pk)],
        "legal_adviser": "Hannah Reid",
        "manager": "Tom Baker",
        "social_worker": "Sam Whitfield",
        "concerns": "Neglect",
        "decision": "start_pre_proceedings",
        "rationale": "Threshold met",
    }
    response = client.post(url, {**data, **_date("held_on", dt.date(2026, 4, 1))})
    assert "must be today or in the past" in response.content.decode()
    assert not PreProceedings.objects.exists()
    response = client.post(url, data)
    assert response.status_code == 302
    pp = PreProceedings.objects.get()
    page = client.get(f"/children/{children[0].pk}/").content.decode()
    assert f"/legal/pre-proceedings/{pp.pk}/" in page
    response = client.post(
        f"/legal/pre-proceedings/{pp.pk}/meetings/pp_initial/",
        {**_date("held_on", dt.date(2026, 1, 19)), "held_time": "10:00", "parents_legal_rep": "Y"},
    )
    assert "Record the letter before proceedings before the initial meeting" in (
        response.content.decode()
    )


def test_hearing_before_issue_shows_on_the_form(client, users, children):
    cp = CareProceedingsFactory(children=children)
    client.force_login(users[Role.TEAM_MANAGER])
    response = client.post(
        f"/legal/proceedings/{cp.pk}/hearings/new/",
        {"kind": "cmh", **_date("held_on", dt.date(2026, 1, 5))},
    )
    assert "A hearing cannot be before the proceedings were issued (2 February 2026)" in (
        response.content.decode()
    )
    assert not CareProceedings.objects.get().hearings.exists()
