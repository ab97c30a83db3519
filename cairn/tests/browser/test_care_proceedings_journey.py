"""The care proceedings journey in a browser, with the axe check (WCAG 2.2 AA) on every page
visited: a legal planning meeting decides the risk to a baby is too high for pre-proceedings
-> the application for care proceedings -> a case management hearing and its outcome -> an
interim care order, and the baby becomes looked after -> the council's care plan -> the
issues resolution hearing -> the tracker flags no hearing listed -> the final hearing -> the
conclusion with the final order and final care plan -> the looked-after period ceases.

The team manager records it; the service manager reads the proceedings tracker. The given
(users and the baby at the child protection level) is set up directly; every step after that
is done through the pages. The clock is pinned to 1 June 2026.
"""

import datetime as dt

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.frontdoor.models import Level
from cairn.frontdoor.selectors import child_current_level
from cairn.frontdoor.services.levels import transition_write
from cairn.testing.browser import new_page_in_context
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.plans_factories import EpisodeFactory
from cairn.tests.browser.helpers import check_page, fill_date, open_oversight_page, sign_in

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


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
def leo(teams, users):
    """Leo Carter, four months old, open to the North team on a child protection plan."""
    child = PersonFactory(
        given_name="Leo", family_name="Carter", date_of_birth=dt.date(2025, 9, 20)
    )
    AllocationFactory(child=child, team=teams["north"], worker=users[Role.SOCIAL_WORKER])
    EpisodeFactory(child=child, referral_date=dt.date(2025, 11, 3))
    transition_write(
        actor=users[Role.TEAM_MANAGER],
        child=child,
        occurred_on=dt.date(2025, 12, 1),
        to_level=Level.CP,
        reason="Child protection plan",
    )
    return child


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _heading(page):
    return page.get_by_role("heading", level=1)


def _record_hearing(page, kind: str, day: dt.date, outcome: str = "") -> None:
    page.get_by_role("link", name="Record a hearing").click()
    page.get_by_label(kind).check()
    fill_date(page, "Date of the hearing", day)
    if outcome:
        page.get_by_label("Outcome (when it has been held)").fill(outcome)
    _submit(page, "Record the hearing")


def test_the_care_proceedings_journey(open_page, users, leo):  # noqa: PLR0915
    manager = open_page(users[Role.TEAM_MANAGER].username)

    # --- Legal planning decides to issue -----------------------------------------------------
    manager.goto(f"/children/{leo.pk}/")
    manager.get_by_role("link", name="Record a legal planning meeting").click()
    check_page(manager, "cp26-lpm-form")
    fill_date(manager, "Date of the legal planning meeting", dt.date(2026, 2, 2))
    manager.get_by_label("Time it started").fill("09:30")
    manager.get_by_label("Legal adviser").fill("Hannah Reid")
    manager.get_by_label("Manager").fill("Helen Marsh")
    manager.get_by_label("Social worker").fill("Sam Whitfield")
    manager.get_by_label("Concerns").fill("Unexplained fracture; parents' accounts differ.")
    manager.get_by_label("Issue care proceedings").check()
    manager.get_by_label("Reasons for the decision").fill(
        "Risk of significant harm too high for pre-proceedings."
    )
    _submit(manager, "Record the legal planning meeting")
    expect(_heading(manager)).to_have_text("Legal planning meeting")
    check_page(manager, "cp26-lpm-detail")

    # --- The application ------------------------------------------------------------------------
    manager.get_by_role("link", name="Record the application for care proceedings").click()
    check_page(manager, "cp26-issue-form")
    fill_date(manager, "Date of issue", dt.date(2026, 1, 30))
    manager.get_by_label("Court").fill("Family Court at Riverside")
    manager.get_by_label("Case number").fill("RV26C00042")
    _submit(manager, "Record the application")
    expect(manager.get_by_role("alert")).to_contain_text(
        "cannot be before the legal planning meeting (2 February 2026)"
    )
    check_page(manager, "cp26-issue-refused")
    fill_date(manager, "Date of issue", dt.date(2026, 2, 4))
    _submit(manager, "Record the application")
    expect(_heading(manager)).to_have_text("Care proceedings RV26C00042")
    proceedings_url = manager.url
    check_page(manager, "cp26-detail-issued")

    # --- Case management hearing, its outcome, the interim care order --------------------------
    _record_hearing(manager, "Case management hearing", dt.date(2026, 2, 11))
    hearings = manager.get_by_role("table", name="Hearings")
    expect(hearings).to_contain_text("Outcome not recorded")
    check_page(manager, "cp26-cmh-listed")
    manager.get_by_role("link", name="Record outcome of the case management hearing").click()
    expect(manager.get_by_test_id("intro")).to_contain_text("Held on 11 February 2026")
    check_page(manager, "cp26-outcome-form")
    manager.get_by_label("What the hearing decided").fill(
        "Interim care order; Leo placed with his grandmother; timetable to final hearing set."
    )
    _submit(manager, "Record the outcome")
    expect(hearings).to_contain_text("Leo placed with his grandmother")
    check_page(manager, "cp26-cmh-outcome")

    manager.get_by_role("link", name="Record an interim order").click()
    check_page(manager, "cp26-interim-form")
    manager.get_by_label("Leo Carter").check()
    manager.get_by_label("Interim care order").check()
    fill_date(manager, "Date the order was made", dt.date(2026, 2, 11))
    _submit(manager, "Record the interim order")
    expect(
        manager.get_by_text("Interim care order for Leo Carter, 11 February 2026")
    ).to_be_visible()
    check_page(manager, "cp26-interim-recorded")

    # And Leo becomes looked after under the interim care order (SSDA903 C1)
    manager.get_by_role("link", name="Back to Leo Carter").click()
    manager.get_by_role("link", name="Record that the child became looked after").click()
    check_page(manager, "cp26-lac-form")
    fill_date(manager, "Date the child became looked after", dt.date(2026, 2, 11))
    manager.get_by_label("Legal status (SSDA903)").select_option("C1")
    _submit(manager, "Record that the child is looked after")
    legal = manager.get_by_test_id("child-legal")
    expect(legal).to_contain_text("Looked after from 11 February 2026 (Interim care order)")
    check_page(manager, "cp26-child-looked-after")
    assert child_current_level(child=leo) == Level.LOOKED_AFTER

    # --- The council's care plan and the issues resolution hearing ------------------------------
    manager.goto(proceedings_url)
    manager.get_by_role("link", name="Change care plans for Leo Carter").click()
    check_page(manager, "cp26-care-plan-form")
    manager.get_by_label("Initial care plan").select_option("family_friends")
    fill_date(manager, "Date the initial care plan was approved", dt.date(2026, 2, 9))
    _submit(manager, "Save the care plans")
    children = manager.get_by_role("table", name="Children, care plans and final orders")
    expect(children).to_contain_text("Placement with family or friends (approved 9 February 2026)")
    check_page(manager, "cp26-care-plan-saved")

    _record_hearing(
        manager,
        "Issues resolution hearing",
        dt.date(2026, 5, 6),
        "Parents do not oppose a special guardianship order to the grandmother.",
    )
    expect(hearings).to_contain_text("Parents do not oppose")

    # --- The service manager's tracker flags no hearing listed ------------------------------------
    service = open_page(users[Role.SERVICE_MANAGER].username)
    open_oversight_page(service, "Proceedings tracker")
    expect(_heading(service)).to_have_text("Care proceedings tracker")
    row = (
        service.get_by_test_id("proceedings-tracker")
        .get_by_role("row")
        .filter(has_text="Leo Carter")
    )
    expect(row).to_contain_text("16 weeks 5 days")
    expect(row).to_contain_text("5 August 2026")  # issue + 26 weeks
    expect(row).to_contain_text("No hearing listed")
    check_page(service, "cp26-tracker")

    # --- Final hearing and conclusion -------------------------------------------------------------
    _record_hearing(
        manager,
        "Final hearing",
        dt.date(2026, 5, 27),
        "Special guardianship order to the grandmother.",
    )
    manager.get_by_role("link", name="Record the conclusion and final orders").click()
    check_page(manager, "cp26-conclude-form")
    _submit(manager, "Record the conclusion")
    expect(manager.get_by_role("alert")).to_contain_text("Choose the final order for Leo Carter")
    check_page(manager, "cp26-conclude-refused")
    fill_date(manager, "Date the proceedings concluded", dt.date(2026, 5, 27))
    manager.get_by_label("Final order for Leo Carter").select_option("special_guardianship")
    manager.get_by_label("Final care plan for Leo Carter").select_option("family_friends")
    _submit(manager, "Record the conclusion")
    expect(manager.get_by_text("27 May 2026").first).to_be_visible()
    expect(children).to_contain_text("Special guardianship order")
    expect(manager.get_by_role("link", name="Record a hearing")).to_have_count(0)
    check_page(manager, "cp26-concluded")

    # And the looked-after period ceases with the SSDA903 reason
    manager.get_by_role("link", name="Back to Leo Carter").click()
    manager.get_by_role("link", name="record that the period ceased").click()
    check_page(manager, "cp26-lac-cease-form")
    fill_date(manager, "Date the child ceased to be looked after", dt.date(2026, 5, 27))
    manager.get_by_label("Reason the period ceased (SSDA903)").select_option("E45")
    _submit(manager, "Record that the period ceased")
    expect(manager.get_by_test_id("child-legal")).to_contain_text("ceased 27 May 2026")
    check_page(manager, "cp26-child-after")

    # Then the tracker no longer lists the proceedings
    service.reload()
    expect(service.get_by_text("No care proceedings are open.")).to_be_visible()
    check_page(service, "cp26-tracker-empty")
