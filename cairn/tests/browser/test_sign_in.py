"""Signing in: GOV.UK error summaries whose links lead to the fields."""

import re

import pytest
from playwright.sync_api import expect

from cairn.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_wrong_password_shows_the_error_summary_linked_to_the_field(page, social_worker):
    # Given a social worker on the sign-in page
    # When they sign in with the wrong password
    sign_in(page, social_worker.username, password="not-the-password")

    # Then they stay on the sign-in page, with "Error:" in the title and an error summary
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/$"))
    expect(page).to_have_title(re.compile(r"^\s*Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    error_link = summary.get_by_role("link", name="Enter a correct username and password")
    expect(error_link).to_have_attribute("href", "#id_username")
    check_page(page, "sign-in-wrong-password")

    # When they follow the error link, then the field it names has focus
    error_link.click()
    expect(page.get_by_label("Username")).to_be_focused()
    expect(page.get_by_test_id("signed-in-user")).to_have_count(0)


def test_empty_sign_in_links_each_error_to_its_field(page, social_worker):
    # Given the sign-in page
    page.goto("/accounts/sign-in/")

    # When the form is sent empty
    page.get_by_role("button", name="Sign in").click()

    # Then each error links to its own field, and the fields show their errors
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name="Enter your username")).to_have_attribute(
        "href", "#id_username"
    )
    expect(summary.get_by_role("link", name="Enter your password")).to_have_attribute(
        "href", "#id_password"
    )
    expect(page.locator("#id_password")).to_have_attribute("aria-invalid", "true")
    check_page(page, "sign-in-empty")

    summary.get_by_role("link", name="Enter your password").click()
    expect(page.get_by_label("Password")).to_be_focused()
