"""Signing in: GOV.UK error summaries whose links lead to the fields; two-factor set-up and the
code step, each page checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from cairn.testing.two_factor import code_for_secret
from cairn.tests.browser.helpers import (
    PASSWORD,
    check_page,
    complete_two_factor,
    javascript_ran,
    sign_in,
    sign_out,
)

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


def test_first_sign_in_sets_up_two_factor_then_asks_for_the_code(page, social_worker):
    # Given a social worker signing in for the first time
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto("/accounts/sign-in/")
    assert javascript_ran(page)  # GOV.UK Frontend's inline scripts ran under the CSP
    check_page(page, "sign-in")
    page.get_by_label("Username").fill(social_worker.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Then they are asked to set up an authenticator app, with a QR code and the key as text
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/set-up-app/"))
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    check_page(page, "two-factor-set-up")

    # When they enter a wrong code, then it is refused with an error linked to the field
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Set up and continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link", name=re.compile("The code is not correct"))).to_be_visible()
    expect(page.get_by_test_id("signed-in-user")).to_have_count(0)
    check_page(page, "two-factor-wrong-code")

    # When they enter the code the app shows (after django-otp's one-second wait)
    page.wait_for_timeout(1100)
    page.get_by_label("Code from your authenticator app").fill(code_for_secret(secret))
    page.get_by_role("button", name="Set up and continue").click()

    # Then they are signed in
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_test_id("signed-in-user")).to_be_visible()

    # And next time they sign in, they are asked for a code, not to set up again
    sign_out(page)
    page.get_by_label("Username").fill(social_worker.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/code/"))
    check_page(page, "two-factor-code")
    complete_two_factor(page, social_worker.username)
    expect(page.get_by_test_id("signed-in-user")).to_be_visible()
    assert not [text for text in console if "Content Security Policy" in text]


def test_the_sign_in_helper_completes_the_second_step(page, social_worker):
    sign_in(page, social_worker.username)
    expect(page.get_by_test_id("signed-in-user")).to_be_visible()
