"""A CIN plan in the browser, with the accessibility check on every page: a worker writes the
draft (outcome, contingency, family network, action), a manager authorises it and records a
CIN review over its pages, and the family's printable plan is read."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cairn.accounts.roles import Role
from cairn.tests.browser.helpers import check_page, fill_date, sign_in, sign_out

from .conftest import TODAY

pytestmark = pytest.mark.browser


def _submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_a_plan_is_written_authorised_reviewed_and_printed(  # noqa: PLR0915
    page,
    users,
    draft_plan,
    mother,
    aunt,
):
    worker, manager = users[Role.SOCIAL_WORKER], users[Role.TEAM_MANAGER]
    plan_url = f"/children/plans/{draft_plan.pk}/"

    # Given a draft CIN plan, when the worker opens it
    sign_in(page, worker.username)
    page.goto(plan_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Child in need plan")
    expect(page.get_by_test_id("contingency-tag")).to_contain_text("Missing:")
    check_page(page, "plan-draft")

    # When they add an outcome with its measure and baseline
    page.get_by_role("link", name="Add an outcome").click()
    check_page(page, "plan-outcome-add")
    page.get_by_label("What will be different for the child").fill("Amara feels safe at home")
    page.get_by_label("Scale 0-10: the child").check()
    page.get_by_label("Baseline score now (0 to 10)").fill("3")
    _submit(page, "Add outcome")
    expect(page.get_by_role("table", name=re.compile("Outcomes"))).to_contain_text(
        "Amara feels safe at home"
    )

    # And the contingency arrangements and the family network considered
    page.get_by_role("link", name="Change the contingency arrangements").click()
    check_page(page, "plan-contingency")
    page.get_by_label("What would show the plan is not working").fill("Two missed school days")
    page.get_by_label("What will then happen").fill("A strategy discussion")
    page.get_by_label("Who acts").fill("Allocated social worker")
    page.get_by_label("Held", exact=True).check()
    fill_date(page, "Date the family group conference was held", dt.date(2026, 2, 20))
    _submit(page, "Save contingency arrangements")
    page.get_by_role("link", name="Add someone from the family network").click()
    check_page(page, "plan-network")
    page.get_by_label("Ngozi Eze").check()
    page.get_by_label("How they were considered").fill("Can look after Amara at short notice")
    _submit(page, "Add to the network considered")
    expect(page.get_by_test_id("contingency-tag")).to_have_text("Complete")

    # And an action
    page.get_by_role("link", name="Add an action").click()
    check_page(page, "plan-action")
    page.get_by_label("What will be done").fill("Walk Amara to school")
    page.get_by_label("Who will do it: someone in the family").select_option(label="Grace Okafor")
    fill_date(page, "Done by", dt.date(2026, 4, 1))
    _submit(page, "Add action")
    check_page(page, "plan-complete-draft")
    sign_out(page)

    # Then a manager authorises it
    sign_in(page, manager.username)
    page.goto(plan_url)
    page.get_by_role("link", name="Authorise this version").click()
    check_page(page, "plan-authorise")
    _submit(page, "Authorise plan")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Active")

    # When the manager records a CIN review, one part per page
    page.get_by_role("link", name="Record a CIN review").click()
    check_page(page, "review-details")
    fill_date(page, "Date of the review", TODAY)
    page.get_by_label("Time the review started").fill("09:30")
    page.get_by_label("Who chaired the review").select_option(value=str(manager.pk))
    _submit(page, "Continue")
    check_page(page, "review-attendance")
    page.get_by_role("group", name="Grace Okafor").get_by_label("Attended").check()
    page.get_by_role("group", name="Professional 1").get_by_label("Name").fill("Ms Shah")
    page.get_by_role("group", name="Professional 1").get_by_label("Agency").fill("School")
    _submit(page, "Continue")
    check_page(page, "review-participation")
    page.get_by_label("Views given in writing or drawing").check()
    _submit(page, "Continue")
    check_page(page, "review-ratings")
    page.get_by_label(re.compile("Outcome 1: Amara")).fill("6")
    _submit(page, "Continue")
    check_page(page, "review-decision")
    page.get_by_label("Partly").check()
    page.get_by_label("What will change").fill("More help in the mornings")
    page.get_by_label("Continue the plan").check()
    _submit(page, "Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before recording the review"
    )
    check_page(page, "review-check")
    _submit(page, "Record the review")

    # Then the review is shown and the plan has a new draft version with the rating over time
    expect(page.get_by_role("heading", level=1)).to_contain_text("Child in need review on")
    check_page(page, "review-detail")
    page.get_by_role("link", name="Back to the plan").click()
    expect(page.get_by_role("heading", name="Version 2 (draft)")).to_be_visible()
    expect(page.get_by_text("16 March 2026: 6 out of 10")).to_be_visible()
    check_page(page, "plan-after-review")

    # And the family's printable plan is in plain language
    page.get_by_role("link", name="Printable plan for the family").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara's plan")
    expect(page.get_by_text("If things are not getting better")).to_be_visible()
    check_page(page, "plan-print")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Menu")).to_be_hidden()
    expect(page.locator(".govuk-back-link")).to_be_hidden()
