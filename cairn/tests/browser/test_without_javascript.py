"""The service works with JavaScript turned off (progressive enhancement, GOV.UK service manual)."""

import re

import pytest
from playwright.sync_api import expect

from cairn.tests.browser.helpers import check_page, javascript_ran, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_sign_in_search_and_child_page_work_without_javascript(page_without_js, caseload):
    page = page_without_js

    # Given a browser with JavaScript turned off
    page.goto("/accounts/sign-in/")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    assert not javascript_ran(page)

    # When a social worker signs in with a wrong password, then the error summary still shows
    sign_in(page, caseload.worker.username, password="not-the-password")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a correct username and password"
    )
    check_page(page, "nojs-sign-in-errors")

    # When they sign in, then their home page lists their children
    sign_in(page, caseload.worker.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    expect(page.get_by_role("table", name="Children allocated to you")).to_contain_text(
        "Jayden Clarke"
    )
    # The navigation is shown in full; the mobile menu button needs JavaScript and stays hidden
    nav = page.get_by_role("navigation", name="Menu")
    expect(nav.get_by_role("link", name="Search")).to_be_visible()
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    check_page(page, "nojs-home")

    # When they search for the child with a mistyped name
    nav.get_by_role("link", name="Search").click()
    page.get_by_label("Name, date of birth or identifier").fill("Jaden Clarke")
    page.get_by_role("button", name="Search").click()

    # Then the child is found, and their page shows the family network
    page.get_by_role("table", name="Results").get_by_role("link", name="Jayden Clarke").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jayden Clarke")
    family = page.get_by_role("table", name="Family network")
    expect(family).to_contain_text("Sarah Clarke")
    expect(family).to_contain_text("Daniel Clarke")
    expect(family).to_contain_text("Mia Clarke")
    check_page(page, "nojs-child")

    # When they sign out (a form POST, no script needed), then they are on the sign-in page
    sign_out(page)
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/$"))
    expect(page.get_by_test_id("signed-in-user")).to_have_count(0)


def test_register_child_errors_show_without_javascript(page_without_js, social_worker):
    page = page_without_js

    # Given a social worker on the register form with JavaScript turned off
    sign_in(page, social_worker.username)
    page.goto("/people/register/")

    # When they send it empty, then the error summary and field errors show
    page.get_by_role("button", name="Register child").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(page.locator(".govuk-error-message")).to_have_count(2)
    check_page(page, "nojs-register-child-errors")
