"""The edge-of-care journey in a browser, with the axe check (WCAG 2.2 AA) on every page
visited: the child's social worker refers from the child's page -> the edge-of-care manager
accepts the referral -> the edge-of-care worker starts the intervention with its goals, logs a
session and records the outcome at the end (remained at home) -> the service report counts it.

Given a child allocated to the North team; every step after that is done through the pages.
Every date is today (the clock is not pinned), so the journey happens in one day.
"""

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role, TeamKind
from cairn.core import clock
from cairn.testing.browser import new_page_in_context
from cairn.testing.factories import AllocationFactory, PersonFactory, TeamFactory, UserFactory
from cairn.tests.browser.helpers import check_page, fill_date, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def open_for(username: str):
        context, page = new_page_in_context(browser, live_server)
        contexts.append(context)
        sign_in(page, username)
        return page

    yield open_for
    for context in contexts:
        context.close()


@pytest.fixture
def council(teams):
    eoc = TeamFactory(name="Edge of care team", kind=TeamKind.EDGE_OF_CARE)
    worker = UserFactory(
        username="north.worker", first_name="Sam", last_name="Whitfield", team=teams["north"]
    )
    child = PersonFactory(given_name="Leah", family_name="Carter")
    AllocationFactory(child=child, team=teams["north"], worker=worker)
    return {
        "child": child,
        "worker": worker,
        "eoc_worker": UserFactory(
            username="eoc.worker", first_name="Jade", last_name="Fisher", team=eoc
        ),
        "eoc_manager": UserFactory(
            username="eoc.manager",
            first_name="Owen",
            last_name="Price",
            role=Role.TEAM_MANAGER,
            team=eoc,
        ),
    }


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_edge_of_care_referral_intervention_outcome(open_page, council):
    today = clock.today()
    child = council["child"]

    # Given the child's social worker on the child's page, when they refer to the service
    page = open_page("north.worker")
    page.goto(f"/children/{child.pk}/")
    check_page(page, "eoc-child-page")
    page.get_by_role("link", name="Refer to the edge-of-care service").click()
    check_page(page, "eoc-referral-form")
    _submit(page, "Refer to the edge-of-care service")
    check_page(page, "eoc-referral-errors")
    expect(page.get_by_role("link", name="Enter the reason for the referral")).to_be_visible()
    fill_date(page, "Date of the referral", today)
    page.get_by_label("Reason for the referral").fill(
        "Mother has asked for Leah to be accommodated after repeated missing episodes"
    )
    page.get_by_label("Imminent (within weeks)").check()
    _submit(page, "Refer to the edge-of-care service")
    # then the referral awaits the service's decision
    expect(page.get_by_test_id("status")).to_have_text("Awaiting decision")
    check_page(page, "eoc-referral-awaiting")

    # When the edge-of-care manager finds it in the service's list and accepts it
    manager = open_page("eoc.manager")
    manager.get_by_role("link", name="Oversight").click()
    check_page(manager, "eoc-oversight")
    manager.get_by_role("link", name="Edge-of-care referrals").click()
    check_page(manager, "eoc-referral-list")
    manager.get_by_role("link", name="Leah Carter").click()
    check_page(manager, "eoc-referral-for-manager")
    manager.get_by_role("link", name="Decide on the referral").click()
    check_page(manager, "eoc-decision-form")
    manager.get_by_label("Accepted").check()
    fill_date(manager, "Date of the decision", today)
    manager.get_by_label("Reason for the decision").fill("Care is likely within weeks")
    _submit(manager, "Record the decision")
    expect(manager.get_by_test_id("status")).to_have_text("Accepted")
    check_page(manager, "eoc-referral-accepted")

    # When the edge-of-care worker starts the intervention, logs a session and ends it
    eoc = open_page("eoc.worker")
    eoc.get_by_role("link", name="Oversight").click()
    eoc.get_by_role("link", name="Edge-of-care referrals").click()
    eoc.get_by_role("link", name="Leah Carter").click()
    eoc.get_by_role("link", name="Start the intervention").click()
    check_page(eoc, "eoc-intervention-form")
    fill_date(eoc, "Start date of the intervention", today)
    eoc.get_by_label("Edge-of-care worker").select_option(label="Jade Fisher")
    eoc.get_by_label("Goals of the intervention").fill("Leah stays safely at home; no missing")
    _submit(eoc, "Start the intervention")
    expect(eoc.get_by_test_id("status")).to_have_text("Intervention under way")
    check_page(eoc, "eoc-intervention-started")
    eoc.get_by_role("link", name="Add a session").click()
    check_page(eoc, "eoc-session-form")
    fill_date(eoc, "Date of the session", today)
    eoc.get_by_label("Session with the child").check()
    eoc.get_by_label("What happened in the session").fill("Safety plan agreed with Leah")
    _submit(eoc, "Add the session")
    expect(eoc.get_by_test_id("sessions")).to_contain_text("Safety plan agreed with Leah")
    eoc.get_by_role("link", name="Record the outcome").click()
    check_page(eoc, "eoc-outcome-form")
    fill_date(eoc, "End date of the intervention", today)
    eoc.get_by_label("Remained at home").check()
    _submit(eoc, "Record the outcome")
    # then the referral is ended, and the 6 and 12 months are still to come
    expect(eoc.get_by_test_id("status")).to_have_text("Intervention ended")
    expect(eoc.get_by_test_id("follow-up")).to_contain_text("Not known until")
    check_page(eoc, "eoc-outcome-recorded")

    # And the service report counts the child as supported and at home at the end
    manager.get_by_role("link", name="Oversight").click()
    manager.get_by_role("link", name="Edge-of-care report").click()
    check_page(manager, "eoc-report")
    expect(manager.get_by_test_id("service-total")).to_contain_text("100% (1 of 1)")

    # And the child's page lists the referral
    page.goto(f"/children/{child.pk}/")
    expect(page.get_by_test_id("child-edge-of-care")).to_contain_text("Intervention ended")
