"""The pages for interim orders, hearing outcomes, each child's care plans, the conclusion with
final care plans, and looked-after periods: managers write, others are refused, refusals show
on the form and nothing changes."""

import datetime as dt

import pytest

from cairn.accounts.roles import Role
from cairn.frontdoor.models import Level
from cairn.frontdoor.selectors import child_current_level
from cairn.legal.models import (
    CareProceedingsChild,
    InterimOrder,
    LegalDecision,
    LookedAfterPeriod,
)
from cairn.legal.services.legal_planning import legal_planning_record
from cairn.legal.tests.conftest import lpm_fields
from cairn.testing.audit import assert_audited
from cairn.testing.legal_factories import (
    CareProceedingsFactory,
    HearingFactory,
    LookedAfterPeriodFactory,
)

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def cp(children):
    return CareProceedingsFactory(children=children)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.mark.parametrize(("role", "status"), [(Role.SOCIAL_WORKER, 403), (Role.TEAM_MANAGER, 200)])
def test_order_pages_are_for_managers(client, users, children, cp, role, status):
    hearing = HearingFactory(proceedings=cp)
    row = cp.children.first()
    period = LookedAfterPeriodFactory(child=children[0])
    client.force_login(users[role])
    for url in (
        f"/legal/proceedings/{cp.pk}/interim-orders/new/",
        f"/legal/hearings/{hearing.pk}/outcome/",
        f"/legal/proceedings/{cp.pk}/children/{row.pk}/care-plans/",
        f"/legal/children/{children[1].pk}/looked-after/new/",
        f"/legal/looked-after/{period.pk}/cease/",
    ):
        assert client.get(url).status_code == status, url


def test_interim_order_is_recorded_for_the_chosen_child(manager_client, manager, children, cp):
    url = f"/legal/proceedings/{cp.pk}/interim-orders/new/"
    response = manager_client.post(
        url, {"child": children[1].pk, "kind": "ico", **_date("made_on", dt.date(2026, 1, 20))}
    )
    assert "cannot be before the proceedings were issued (2 February 2026)" in (
        response.content.decode()
    )
    assert not InterimOrder.objects.exists()
    response = manager_client.post(
        url, {"child": children[1].pk, "kind": "ico", **_date("made_on", dt.date(2026, 2, 3))}
    )
    assert response.status_code == 302
    order = InterimOrder.objects.get()
    assert order.child == children[1]
    assert_audited(instance=order, action="create", actor=manager)
    page = manager_client.get(f"/legal/proceedings/{cp.pk}/").content.decode()
    assert "Interim care order for Kofi Mensah, 3 February 2026" in page


def test_hearing_outcome_is_recorded_once_held(manager_client, cp):
    held = HearingFactory(proceedings=cp, held_on=dt.date(2026, 2, 16))
    to_come = HearingFactory(proceedings=cp, held_on=dt.date(2026, 4, 20))
    page = manager_client.get(f"/legal/proceedings/{cp.pk}/").content.decode()
    assert f"/legal/hearings/{held.pk}/outcome/" in page
    assert f"/legal/hearings/{to_come.pk}/outcome/" not in page
    response = manager_client.post(
        f"/legal/hearings/{to_come.pk}/outcome/", {"outcome": "ICO", "version": to_come.version}
    )
    assert "A hearing still to come has no outcome yet" in response.content.decode()
    response = manager_client.post(
        f"/legal/hearings/{held.pk}/outcome/",
        {"outcome": "Interim care order renewed", "version": held.version},
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.outcome == "Interim care order renewed"
    stale = manager_client.post(
        f"/legal/hearings/{held.pk}/outcome/", {"outcome": "Changed", "version": 1}
    )
    assert "changed by someone else" in stale.content.decode()
    held.refresh_from_db()
    assert held.outcome == "Interim care order renewed"


def test_care_plans_are_recorded_per_child(manager_client, children, cp):
    row = cp.children.get(child=children[0])
    url = f"/legal/proceedings/{cp.pk}/children/{row.pk}/care-plans/"
    data = {
        "initial_care_plan": "fostering",
        **_date("initial_plan_approved_on", dt.date(2026, 2, 10)),
        "final_care_plan": "adoption",
        **_date("final_plan_approved_on", dt.date(2026, 2, 5)),
        "version": row.version,
    }
    response = manager_client.post(url, data)
    assert "cannot be before the initial care plan was approved (10 February 2026)" in (
        response.content.decode()
    )
    response = manager_client.post(
        url, {**data, **_date("final_plan_approved_on", dt.date(2026, 3, 9))}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.initial_care_plan, row.final_care_plan) == ("fostering", "adoption")
    page = manager_client.get(f"/legal/proceedings/{cp.pk}/").content.decode()
    assert "Long-term fostering (approved 10 February 2026)" in page
    assert "Adoption (approved 9 March 2026)" in page


def test_conclusion_records_final_orders_and_keeps_or_sets_final_care_plans(
    manager_client, children, cp
):
    amara = cp.children.get(child=children[0])
    CareProceedingsChild.objects.filter(pk=amara.pk).update(
        final_care_plan="adoption", final_plan_approved_on=dt.date(2026, 3, 2)
    )
    url = f"/legal/proceedings/{cp.pk}/conclude/"
    response = manager_client.post(
        url,
        {
            **_date("concluded_on", dt.date(2026, 3, 13)),
            f"order_{children[0].pk}": "placement_order",
        },
    )
    assert "Choose the final order for Kofi Mensah" in response.content.decode()
    response = manager_client.post(
        url,
        {
            **_date("concluded_on", dt.date(2026, 3, 13)),
            f"order_{children[0].pk}": "placement_order",
            f"plan_{children[0].pk}": "adoption",
            f"order_{children[1].pk}": "care_order",
            f"plan_{children[1].pk}": "fostering",
        },
    )
    assert response.status_code == 302
    rows = {r.child_id: r for r in CareProceedingsChild.objects.all()}
    assert rows[children[0].pk].final_plan_approved_on == dt.date(2026, 3, 2)  # kept
    assert rows[children[1].pk].final_care_plan == "fostering"
    assert rows[children[1].pk].final_plan_approved_on == dt.date(2026, 3, 13)  # at conclusion
    assert rows[children[1].pk].final_order == "care_order"


def test_looked_after_start_and_cease(manager_client, manager, children):
    child = children[0]
    response = manager_client.post(
        f"/legal/children/{child.pk}/looked-after/new/",
        {**_date("started_on", dt.date(2026, 3, 2)), "legal_status": ""},
    )
    assert "Choose the legal status" in response.content.decode()
    response = manager_client.post(
        f"/legal/children/{child.pk}/looked-after/new/",
        {**_date("started_on", dt.date(2026, 3, 2)), "legal_status": "C1"},
    )
    assert response.status_code == 302
    period = LookedAfterPeriod.objects.get()
    assert child_current_level(child=child) == Level.LOOKED_AFTER
    page = manager_client.get(f"/children/{child.pk}/").content.decode()
    assert "Looked after from 2 March 2026 (Interim care order)" in page
    assert f"/legal/looked-after/{period.pk}/cease/" in page
    assert f"/legal/children/{child.pk}/looked-after/new/" not in page
    url = f"/legal/looked-after/{period.pk}/cease/"
    response = manager_client.post(
        url,
        {
            **_date("ceased_on", dt.date(2026, 2, 1)),
            "reason_ceased": "E13",
            "version": period.version,
        },
    )
    assert "cannot be before the child became looked after (2 March 2026)" in (
        response.content.decode()
    )
    response = manager_client.post(
        url,
        {
            **_date("ceased_on", dt.date(2026, 3, 13)),
            "reason_ceased": "E13",
            "version": period.version,
        },
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert (period.ceased_on, period.reason_ceased) == (dt.date(2026, 3, 13), "E13")
    assert_audited(instance=period, action="update", actor=manager)


def test_legal_planning_that_decided_to_issue_leads_to_the_application(
    manager_client, manager, children
):
    detail = legal_planning_record(
        actor=manager, **lpm_fields([children[0]], decision=LegalDecision.ISSUE_PROCEEDINGS)
    )
    page = manager_client.get(f"/legal/legal-planning/{detail.meeting_id}/").content.decode()
    url = f"/legal/legal-planning/{detail.meeting_id}/issue/"
    assert url in page
    data = {"court": "Family Court at Riverside", "case_number": "RV26C00042"}
    response = manager_client.post(url, {**data, **_date("issued_on", dt.date(2026, 1, 2))})
    assert "cannot be before the legal planning meeting (5 January 2026)" in (
        response.content.decode()
    )
    response = manager_client.post(url, {**data, **_date("issued_on", dt.date(2026, 1, 7))})
    assert response.status_code == 302
    cp = detail.care_proceedings.get()
    assert [r.child for r in cp.children.all()] == [children[0]]
    page = manager_client.get(f"/legal/legal-planning/{detail.meeting_id}/").content.decode()
    assert url not in page
    assert f"/legal/proceedings/{cp.pk}/" in page
