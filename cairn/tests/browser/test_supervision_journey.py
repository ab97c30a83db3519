"""Supervision in a browser, with the axe check (WCAG 2.2 AA) on every page visited: a team
manager finds who is due supervision, records a session with a social worker in which three of
the worker's children are discussed, and each child's record then shows the discussion as
management oversight (nothing typed twice). A service manager then looks at caseloads by team
and the workforce report.

Given (set up through factories): the North team with its manager and a social worker holding
four children. Everything after that is done through the pages.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.core import clock
from cairn.people.presenters import format_date
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.staff_factories import StaffRecordFactory
from cairn.tests.browser.helpers import (
    check_page,
    fill_date,
    open_oversight_page,
    sign_in,
    sign_out,
)
from cairn.workforce.models import OversightEntry, OversightKind, SupervisionSession

pytestmark = pytest.mark.browser


@pytest.fixture
def north(teams):
    manager = UserFactory(
        username="north.manager",
        first_name="Helen",
        last_name="Marsh",
        role=Role.TEAM_MANAGER,
        team=teams["north"],
    )
    worker = UserFactory(
        username="north.worker",
        first_name="Sam",
        last_name="Whitfield",
        role=Role.SOCIAL_WORKER,
        team=teams["north"],
    )
    StaffRecordFactory(user=worker, started_on=dt.date(2021, 9, 6), qualified_on=None)
    names = [("Jayden", "Clarke"), ("Amara", "Okafor"), ("Leo", "Nowak"), ("Isla", "Grant")]
    children = [PersonFactory(given_name=g, family_name=f) for g, f in names]
    for child in children:
        AllocationFactory(child=child, team=teams["north"], worker=worker)
    return {"manager": manager, "worker": worker, "children": children}


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_a_supervision_session_writes_oversight_on_each_child_discussed(page, north, users):
    today = clock.today()
    children = north["children"]
    discussed = children[:3]

    # Given the team manager, when they open Supervision, Sam is overdue (never supervised)
    sign_in(page, "north.manager")
    open_oversight_page(page, "Supervision")
    check_page(page, "supervision-overview")
    overdue = page.locator("#overdue")
    expect(overdue).to_contain_text("Sam Whitfield")

    # When they record a supervision session in which three children are discussed
    page.locator("#supervisees").get_by_role(
        "link", name="Record supervision of Sam Whitfield"
    ).click()
    check_page(page, "supervision-record")
    _submit(page, "Save supervision")  # nothing filled in: the errors are shown
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date of the supervision"
    )
    check_page(page, "supervision-record-errors")
    fill_date(page, "Date of the supervision", today)
    page.get_by_label("Formal").check()
    page.get_by_label("Wellbeing, learning and development").fill(
        "Managing well; wants to shadow an ICPC"
    )
    for child in discussed:
        section = page.get_by_role("group", name=f"{child.full_name}, {child.la_child_id}")
        section.get_by_label(f"{child.full_name} was discussed").check()
        section.get_by_label("Discussion and your reflection").fill(
            f"Discussed {child.given_name}: school attendance and home conditions"
        )
    first = page.get_by_role("group", name=f"{discussed[0].full_name}, {discussed[0].la_child_id}")
    first.get_by_label("No", exact=True).check()
    first.get_by_label("What will change").fill("Family group conference before the review")
    _submit(page, "Save supervision")

    # Then the session shows the three children, and three oversight entries were written
    check_page(page, "supervision-session")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("3 child records updated")
    for child in discussed:
        expect(page.get_by_role("link", name=child.full_name)).to_be_visible()
    session = SupervisionSession.objects.get()
    assert {e.child for e in OversightEntry.objects.filter(supervision_session=session)} == set(
        discussed
    )

    # And each child's page shows the supervision discussion as management oversight
    for n, child in enumerate(discussed):
        page.goto(f"/children/{child.pk}/")
        section = page.locator("#management-oversight + table")
        expect(section).to_contain_text(format_date(today))
        expect(section).to_contain_text(OversightKind.SUPERVISION.label)
        if n == 0:
            check_page(page, "supervision-child-page")
            page.get_by_role("link", name="All management oversight").click()
            check_page(page, "supervision-child-oversight")
            expect(page.locator("main")).to_contain_text(
                "Family group conference before the review"
            )
    page.goto(f"/children/{children[3].pk}/")
    expect(page.locator("main")).to_contain_text("No management oversight recorded yet.")

    # And the team's caseloads show Sam's four children
    open_oversight_page(page, "Team caseloads")
    check_page(page, "team-caseloads")
    expect(page.get_by_role("row", name="Sam Whitfield")).to_contain_text("4")
    sign_out(page)

    # A service manager sees caseloads by team and the workforce report
    sign_in(page, users[Role.SERVICE_MANAGER].username)
    open_oversight_page(page, "Team caseloads")
    check_page(page, "service-caseloads")
    expect(page.get_by_role("row", name="North locality")).to_be_visible()
    open_oversight_page(page, "Workforce report")
    check_page(page, "workforce-report")
    expect(page.get_by_role("row", name="All teams")).to_be_visible()
