"""The CP chair's oversight journey in a browser, with the axe check (WCAG 2.2 AA) on every
page visited: the chair's list -> a midpoint review finding no progress -> a practice alert to
the team manager -> escalation to the service manager -> their response -> the chair resolves
it, then the child's page and the alert log show its history.

Two people, each in their own browser context: the CP chair who chaired the child's ICPC, and
the service manager of the child's team. The given (users, teams, the child's CP history) is
built with factories; every step after that is done through the pages. The clock is not
pinned: the plan started 50 days ago and everything happens today.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.core import clock
from cairn.testing.browser import new_page_in_context
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.plans_factories import EpisodeFactory
from cairn.testing.protection_factories import cp_plan_with_history
from cairn.tests.browser.helpers import check_page, fill_date, open_oversight_page, sign_in

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


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


@pytest.fixture
def council(teams):
    people = {
        "chair": ("cp.chair", "Ruth", "Okonkwo", Role.CP_CHAIR, None),
        "team_manager": ("north.manager", "Helen", "Marsh", Role.TEAM_MANAGER, teams["north"]),
        "service_manager": ("cin.service", "Imran", "Shah", Role.SERVICE_MANAGER, teams["service"]),
    }
    users = {
        key: UserFactory(username=u, first_name=f, last_name=la, role=r, team=t)
        for key, (u, f, la, r, t) in people.items()
    }
    child = PersonFactory(given_name="Leo", family_name="Barnes", date_of_birth=dt.date(2019, 6, 1))
    AllocationFactory(child=child, team=teams["north"])
    started = clock.today() - dt.timedelta(days=50)
    episode = EpisodeFactory(child=child, referral_date=started - dt.timedelta(days=30))
    cp_plan_with_history(episode=episode, started_on=started, chair=users["chair"])
    return users | {"child": child}


def test_the_chairs_oversight_journey(open_page, council):  # noqa: PLR0915
    today = clock.today()

    # --- The chair's list and a midpoint review -----------------------------------------------
    # Given the chair who chaired Leo's ICPC, when they open their conferences
    chair = open_page("cp.chair")
    chair.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Your conferences"
    ).click()
    expect(chair.get_by_test_id("chair-list")).to_contain_text("Leo Barnes")
    check_page(chair, "chair-list")

    # Then record the midpoint review: no progress, and an alert is needed
    chair.get_by_role("link", name="Record the midpoint review for Leo Barnes").click()
    check_page(chair, "chair-midpoint-form")
    _submit(chair, "Save the midpoint review")
    expect(chair.locator(".govuk-error-summary")).to_contain_text("Enter the date of the review")
    check_page(chair, "chair-midpoint-errors")
    fill_date(chair, "Date of the review", today)
    chair.get_by_label("No progress").check()
    chair.get_by_label("Concerns").fill("No child protection visit for four weeks.")
    chair.get_by_label("Actions").fill("Visit this week; core group to meet.")
    chair.get_by_role("group", name="Do you need to raise a practice alert?").get_by_label(
        "Yes"
    ).check()
    _submit(chair, "Save the midpoint review")

    # --- The practice alert, to the team manager --------------------------------------------
    expect(chair.get_by_role("heading", level=1)).to_have_text("Raise a practice alert")
    expect(chair.get_by_label("Details of the concern")).to_have_value(
        "No child protection visit for four weeks."
    )
    check_page(chair, "chair-alert-raise")
    chair.get_by_label("Visits missed").check()
    _submit(chair, "Raise the practice alert")
    alert = chair.get_by_test_id("practice-alert")
    expect(alert).to_contain_text("Response from Helen Marsh due by")
    check_page(chair, "chair-alert-detail")

    # --- Escalation to the service manager ---------------------------------------------------
    chair.get_by_role("link", name="Escalate").click()
    expect(chair.get_by_text("It will go to the service manager (Imran Shah)")).to_be_visible()
    check_page(chair, "chair-alert-escalate")
    _submit(chair, "Escalate to the service manager")
    expect(alert).to_contain_text("Response from Imran Shah due by")
    check_page(chair, "chair-alert-escalated")

    # --- The service manager responds ---------------------------------------------------------
    manager = open_page("cin.service")
    open_oversight_page(manager, "Practice alerts for you")
    check_page(manager, "chair-alerts-for-you")
    manager.get_by_role("link", name="Visits missed about Leo Barnes").click()
    check_page(manager, "chair-alert-for-manager")
    manager.get_by_role("link", name="Respond").click()
    check_page(manager, "chair-alert-respond")
    _submit(manager, "Send the response")
    expect(manager.locator(".govuk-error-summary")).to_contain_text("Enter your response")
    check_page(manager, "chair-alert-respond-errors")
    manager.get_by_label("Your response").fill("The worker was off sick; a cover worker visits.")
    manager.get_by_label("Remedial actions agreed").fill("Visit by Friday; weekly visits after.")
    _submit(manager, "Send the response")
    expect(manager.get_by_test_id("practice-alert")).to_contain_text(
        "Response received: waiting for the chair"
    )

    # --- The chair resolves it ----------------------------------------------------------------
    chair.reload()
    chair.get_by_role("link", name="Resolve").click()
    check_page(chair, "chair-alert-resolve")
    chair.get_by_label("How was the concern resolved?").fill(
        "Visits back on track; core group met."
    )
    _submit(chair, "Resolve the practice alert")
    expect(chair.get_by_test_id("practice-alert")).to_contain_text("Resolved")
    check_page(chair, "chair-alert-resolved")

    # --- The child's page and the alert log show its history ----------------------------------
    chair.get_by_role("link", name="Back to Leo Barnes").click()
    expect(chair.get_by_test_id("latest-midpoint")).to_contain_text("No progress")
    expect(chair.get_by_role("table", name="Past practice alerts")).to_contain_text("Imran Shah")
    check_page(chair, "chair-child-page")
    chair.goto("/child-protection/practice-alerts/")
    expect(chair.get_by_role("table")).to_contain_text("Team manager (Helen Marsh)")
    check_page(chair, "chair-alert-log")
